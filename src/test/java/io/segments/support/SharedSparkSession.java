package io.segments.support;

import io.segments.job.Sessions;
import io.segments.output.NioLocalFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local SparkSession for the whole suite, created on first use and stopped when the JVM ends:
 * starting Spark costs seconds, so no test class starts its own. Small and quiet: two cores, two
 * shuffle partitions, no UI, UTC (the surefire JVM runs in UTC too, so java.sql.Timestamp values in
 * tests mean what they say), and the local file system a job's own session gets.
 */
public final class SharedSparkSession implements ParameterResolver {
  private static final Path WAREHOUSE = temporaryWarehouse();
  private static SparkSession session;

  public static synchronized SparkSession get() {
    if (session == null) {
      SparkSession.Builder builder = SparkSession.builder();
      NioLocalFileSystem.sparkSettings().forEach(builder::config);
      session = builder
          .master("local[2]")
          .appName("customer-segments-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.extensions", Sessions.EXTENSIONS)
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .config("spark.databricks.delta.snapshotPartitions", "1")
          .config("spark.sql.warehouse.dir", WAREHOUSE.toString())
          .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        session.stop();
        deleteRecursively(WAREHOUSE);
      }));
    }
    return session;
  }

  /** Puts back the suite's zone and partitions after a test ran something that sets its own. */
  public static void restoreSettings() {
    get().conf().set("spark.sql.session.timeZone", "UTC");
    get().conf().set("spark.sql.shuffle.partitions", "2");
    get().conf().set("spark.databricks.delta.snapshotPartitions", "1");
  }

  private static Path temporaryWarehouse() {
    try {
      return Files.createTempDirectory("segments-test-warehouse");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (java.io.IOException e) {
      // A leftover temporary folder is not worth failing the suite for.
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return get();
  }
}
