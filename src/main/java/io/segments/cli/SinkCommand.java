package io.segments.cli;

import io.segments.InvalidInputException;
import io.segments.config.JobConfig;
import io.segments.job.Sessions;
import io.segments.output.JdbcSink;
import io.segments.output.SegmentTables;
import io.segments.output.SnapshotReader;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Copies a complete snapshot into the database of sink.jdbc, as every run does when it is set. */
@Command(
    name = "sink",
    mixinStandardHelpOptions = true,
    description = "Copy a snapshot's tables into the database of sink.jdbc (replacing that date in one transaction).")
final class SinkCommand implements Callable<Integer> {
  @Option(names = "--as-of", paramLabel = "DATE", description = "the snapshot (default: the newest complete one)")
  LocalDate asOf;

  @Mixin JobOptions options = new JobOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JobConfig config = options.load();
    if (!config.jdbcSink().enabled()) {
      throw new InvalidInputException("sink.jdbc.url is empty: set it in the conf file to copy snapshots into a database");
    }
    SparkSession spark = Sessions.forJob(config);
    LocalDate date = new SnapshotReader(spark, config.output(), SegmentTables.CUSTOMER_SEGMENTS)
        .completeDate(Optional.ofNullable(asOf));
    print(spec.commandLine().getOut(), config, JdbcSink.copy(spark, config.output(), config.jdbcSink(), date));
    return 0;
  }

  private static void print(PrintWriter printed, JobConfig config, JdbcSink.Result copied) {
    printed.printf("  database: snapshot %s copied to schema %s of %s (%s)%n", copied.date(), config.jdbcSink().schema(),
        config.jdbcSink().url(), copied.rows().entrySet().stream()
            .map(table -> table.getKey() + " " + String.format("%,d", table.getValue())).toList());
    printed.flush();
  }

  /**
   * After a run, when sink.jdbc.url is set. The snapshot is committed either way; a failed copy leaves
   * the database's previous rows, says how to retry, and returns false so the run exits 1: dashboards
   * reading the database are stale.
   */
  static boolean afterRun(JobConfig config, LocalDate date, PrintWriter printed, PrintWriter errors) {
    if (!config.jdbcSink().enabled()) {
      return true;
    }
    try {
      print(printed, config, JdbcSink.copy(SparkSession.active(), config.output(), config.jdbcSink(), date));
      return true;
    } catch (RuntimeException e) {
      errors.printf("error: the snapshot %s is written, but not copied to the database: %s; retry with "
          + "jobs/segment sink --as-of %s%n", date, e.getMessage(), date);
      errors.flush();
      return false;
    }
  }
}
