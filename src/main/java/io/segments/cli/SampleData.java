package io.segments.cli;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.job.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A sample history folder and the default conf that reads it: what demo and benchmark share. */
final class SampleData {
  private SampleData() {}

  /** The defaults, reading the sample tables of DIR, writing under {@code warehouse}. */
  static JobConfig config(Path folder, String warehouse) {
    return ConfigLoader.load(Optional.empty(), Map.of(
        "input.transactions", folder.resolve("transactions").toString(),
        "input.customers", folder.resolve("customers").toString(),
        "input.events", folder.resolve("events").toString(),
        "input.invoices", folder.resolve("invoices").toString(),
        "input.payments", folder.resolve("payments").toString(),
        "output.warehouse", warehouse));
  }

  /**
   * Generates each table of the history into {@code folder} unless a complete one is there (so a
   * history from an older version gains the tables it lacks); true if it generated any.
   */
  static boolean ensure(JobConfig config, Path folder, long customers, long lines) {
    SparkSession spark = Sessions.forJob(config);
    boolean generated = false;
    for (Map.Entry<String, Dataset<Row>> table
        : GenerateCommand.tables(spark, GenerateCommand.shape(customers, lines, config.timeZone())).entrySet()) {
      Path target = folder.resolve(table.getKey());
      if (!Files.exists(target.resolve("_SUCCESS"))) {
        table.getValue().write().mode("overwrite").parquet(target.toString());
        generated = true;
      }
    }
    return generated;
  }
}
