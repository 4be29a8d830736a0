package io.segments.job;

import io.segments.config.JobConfig;
import io.segments.config.SparkSettings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/** Builds the Spark session a run needs: Delta's catalog, the configured zone and shuffle size. */
public final class Sessions {
  private Sessions() {}

  /**
   * Gets or creates the session. A master set by spark-submit wins over the conf's, and the web UI
   * is off for local runs, where nobody looks at it.
   */
  public static SparkSession forJob(JobConfig config) {
    Option<SparkSession> existing = SparkSession.getDefaultSession();
    if (existing.isDefined()) {
      apply(existing.get(), config);
      return existing.get();
    }
    SparkConf conf = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName("customer-segments");
    if (!conf.contains("spark.master")) {
      builder.master(config.spark().master()).config("spark.ui.enabled", "false");
    }
    SparkSession spark = builder
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.warehouse.dir", config.output().tablePath(""))
        .getOrCreate();
    apply(spark, config);
    return spark;
  }

  /** The per-run settings, also applied to a session that already exists (tests, notebooks). */
  public static void apply(SparkSession spark, JobConfig config) {
    spark.conf().set("spark.sql.session.timeZone", config.timeZone().getId());
    usePartitions(spark, config.spark().shufflePartitions() > 0
        ? config.spark().shufflePartitions()
        : SparkSettings.MIN_AUTO_PARTITIONS);
  }

  /** Sets the shuffle partitions of what follows. */
  public static void usePartitions(SparkSession spark, int partitions) {
    spark.conf().set("spark.sql.shuffle.partitions", String.valueOf(partitions));
    // Delta rebuilds table state with 50 partitions by default: most of a small write's time here.
    spark.conf().set("spark.databricks.delta.snapshotPartitions", String.valueOf(Math.min(partitions, 50)));
  }

  /** The shuffle partitions in effect. */
  public static int partitions(SparkSession spark) {
    return Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
  }
}
