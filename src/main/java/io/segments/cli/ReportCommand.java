package io.segments.cli;

import io.segments.config.JobConfig;
import io.segments.job.Sessions;
import io.segments.output.SegmentTables;
import io.segments.output.SnapshotReader;
import io.segments.report.SnapshotReport;
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

/** The self-contained HTML report of a complete snapshot. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Write the HTML report (数据可视化分析) of a snapshot: one file with its charts inline, labels in job.locale.")
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--as-of", paramLabel = "DATE", description = "the snapshot (default: the newest complete one)")
  LocalDate asOf;

  @Option(names = "--out", paramLabel = "FILE",
      description = "the HTML file (default: <warehouse>/<database>/reports/segment_report_<date>.html)")
  String out;

  @Mixin JobOptions options = new JobOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JobConfig config = options.load();
    SparkSession spark = Sessions.forJob(config);
    LocalDate date = new SnapshotReader(spark, config.output(), SegmentTables.CUSTOMER_SEGMENTS)
        .completeDate(Optional.ofNullable(asOf));
    print(spec.commandLine().getOut(),
        SnapshotReport.write(spark, config, date, out != null ? out : SnapshotReport.defaultFile(config.output(), date)));
    return 0;
  }

  static void print(PrintWriter printed, SnapshotReport.Result report) {
    printed.printf("  report: %s (%d charts; opens offline in a browser)%n", report.file(), report.charts());
    printed.flush();
  }

  /** After a run, when report.after-run is on: the run has committed, so a failed report only warns. */
  static void afterRun(JobConfig config, LocalDate date, PrintWriter printed, PrintWriter errors) {
    if (!config.report().afterRun()) {
      return;
    }
    try {
      print(printed, SnapshotReport.write(SparkSession.active(), config, date,
          SnapshotReport.defaultFile(config.output(), date)));
    } catch (RuntimeException e) {
      errors.printf("warning: the snapshot %s is written, but its report is not: %s; retry with jobs/segment report "
          + "--as-of %s%n", date, e, date);
      errors.flush();
    }
  }
}
