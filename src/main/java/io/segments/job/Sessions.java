package io.segments.job;

import io.segments.config.JobConfig;
import io.segments.config.OutputConfig;
import io.segments.output.NioLocalFileSystem;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Builds the Spark session a run needs: Delta's catalog, the configured zone and shuffle size. A job
 * runs in a session of its own, so the caller's settings stay as they were.
 */
public final class Sessions {
  private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
  private static final String HIVE_CLASS = "org.apache.hadoop.hive.conf.HiveConf";
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  private static final String HIVE_RESOURCES = "spark.hadoop.hive.downloaded.resources.dir";

  /**
   * The session extensions of every session the job makes: Delta's, and one aggregation phase where
   * the rows are already partitioned by the keys (README, Benchmark, issue 14's twenty-third pass).
   */
  public static final String EXTENSIONS =
      "io.delta.sql.DeltaSparkSessionExtension," + SinglePhaseAggregates.Extension.class.getName();

  private Sessions() {}

  /**
   * Gets the application's session as it is, or creates one with the conf's settings. A master set by
   * spark-submit wins over the conf's, and the web UI is off for local runs, where nobody looks at it.
   */
  public static SparkSession forJob(JobConfig config) {
    Option<SparkSession> existing = SparkSession.getDefaultSession();
    if (existing.isDefined()) {
      return existing.get();
    }
    SparkConf conf = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName("customer-segments");
    if (!conf.contains("spark.master")) {
      builder.master(config.spark().master()).config("spark.ui.enabled", "false");
    }
    withMetastore(builder, conf, config.output());
    NioLocalFileSystem.sparkSettings().forEach((key, value) -> unlessGiven(builder, conf, key, value));
    SparkSession spark = builder
        .config("spark.sql.extensions", EXTENSIONS)
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", config.output().tablePath(""))
        .getOrCreate();
    configure(spark, config, partitionsFor(spark, config, 0));
    return spark;
  }

  /** The shuffle partitions for work over {@code inputBytes} of Parquet on the application's cores. */
  public static int partitionsFor(SparkSession spark, JobConfig config, long inputBytes) {
    return config.spark().partitionsFor(inputBytes, spark.sparkContext().defaultParallelism());
  }

  /**
   * The catalog that outlives the run (output.metastore). A Spark without Hive classes gets the
   * in-memory catalog and a warning rather than a failed run: the tables are written either way.
   *
   * @param given the settings given to Spark (by spark-submit or as system properties), which win
   */
  private static void withMetastore(SparkSession.Builder builder, SparkConf given, OutputConfig output) {
    if (output.metastore() == OutputConfig.Metastore.MEMORY) {
      return;
    }
    try {
      Class.forName(HIVE_CLASS, false, Sessions.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      LOG.warn("output.metastore = {} needs Spark's Hive support, which this Spark lacks: table names last for this "
          + "session only", output.metastore().key());
      return;
    }
    builder.enableHiveSupport();
    // Hive's client makes an empty <session id>_resources folder in java.io.tmpdir for every session and
    // removes it only when the session is closed, which Spark never does (SPARK-51571): one folder left
    // per run, every night. One fixed folder per user instead; the job adds no resources to it.
    unlessGiven(builder, given, HIVE_RESOURCES, java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
        "segments-hive-resources-" + System.getProperty("user.name")).toString());
    if (output.metastore() == OutputConfig.Metastore.DERBY) {
      // Derby writes its log to the working directory unless told otherwise.
      try {
        java.nio.file.Files.createDirectories(output.derbyFolder().getParent());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot create the warehouse " + output.warehouse(), e);
      }
      System.setProperty("derby.stream.error.file", output.derbyFolder().resolveSibling("derby.log").toString());
      builder.config("spark.hadoop.javax.jdo.option.ConnectionURL",
          "jdbc:derby:;databaseName=" + output.derbyFolder() + ";create=true");
    }
  }

  /** Sets {@code key} for the session to be built, unless it is among the settings given to Spark. */
  private static void unlessGiven(SparkSession.Builder builder, SparkConf given, String key, String value) {
    if (!given.contains(key)) {
      builder.config(key, value);
    }
  }

  /**
   * A new session of the caller's Spark application for one run: it shares the caller's catalog and
   * cached data but not its settings, which are the conf's time zone and {@code partitions}.
   */
  public static SparkSession forRun(SparkSession caller, JobConfig config, int partitions) {
    SparkSession run = caller.newSession();
    configure(run, config, partitions);
    return run;
  }

  /**
   * Runs {@code work} with one of the run session's settings changed, then gives the session its own
   * value back. Spark reads these settings when it plans and compiles a query, so the change must
   * cover the action that executes it.
   */
  public static <T> T withSetting(SparkSession run, String key, String value, Supplier<T> work) {
    Option<String> own = run.conf().getOption(key);
    run.conf().set(key, value);
    try {
      return work.get();
    } finally {
      if (own.isDefined()) {
        run.conf().set(key, own.get());
      } else {
        run.conf().unset(key);
      }
    }
  }

  private static void configure(SparkSession spark, JobConfig config, int partitions) {
    spark.conf().set("spark.sql.session.timeZone", config.timeZone().getId());
    spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(partitions));
    // Adaptive execution re-plans every query after each shuffle stage, to coalesce or split its
    // partitions. When the shuffles have no more partitions than cores (an input of up to 64 MB of
    // Parquet per core) there is nothing to coalesce, and the re-planning was a cost of its own
    // (README, Benchmark: 70k lines 39.7 -> 36.5 s, 1M 68.2 -> 61.9 s). A setting given to Spark wins.
    if (!spark.sparkContext().getConf().contains(ADAPTIVE)) {
      spark.conf().set(ADAPTIVE, String.valueOf(partitions > spark.sparkContext().defaultParallelism()));
    }
    // Delta rebuilds table state with 50 partitions by default: most of a small write's time here.
    spark.conf().set("spark.databricks.delta.snapshotPartitions", String.valueOf(Math.min(partitions, 50)));
    // Outside UTC, Delta checks the file list it keeps in each commit's checksum by rebuilding the
    // table's whole state after every commit (a Spark job per commit, a third of a small run's write).
    // The time zone cannot change that list here: every table is partitioned by a DATE, not a timestamp.
    // Two switches: the second forces the check whenever a session, JVM or user time zone is not UTC.
    spark.conf().set("spark.databricks.delta.allFilesInCrc.verificationMode.enabled", "false");
    spark.conf().set("spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled", "false");
    // Every commit writes one snapshot_date partition. Without a writer per partition value kept open,
    // Spark sorts all of a commit's rows by that one value before writing: 40 % of the customer_segments
    // commit at 1M lines.
    spark.conf().set("spark.sql.maxConcurrentOutputFileWriters", "2");
    // Per-column min/max statistics skip files only when rows are clustered by the column; a
    // snapshot's files are not clustered by any column (readers prune by snapshot_date, a partition).
    // New tables keep the row counts only: the statistics took a tenth of the customer_segments commit.
    spark.conf().set("spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols", "0");
    // Spark 4 lower-/upper-cases through ICU, whose first use in a JVM loads its case and word-break
    // data inside a task: 5 % of a 70k run's sampled CPU, the features stage 4.9-6.3 s against
    // 6.3-9.3 s (README, Benchmark, issue 14's sixteenth pass). The job cases event types, country and
    // profile codes; the JVM's case mapping, Spark 3's, cases them the same way.
    spark.conf().set("spark.sql.icu.caseMappings.enabled", "false");
  }
}
