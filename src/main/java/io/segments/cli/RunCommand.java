package io.segments.cli;

import io.segments.config.JobConfig;
import io.segments.job.NightlyJob;
import io.segments.job.RunResult;
import io.segments.job.Sessions;
import io.segments.job.SparkJobProfile;
import io.segments.output.JdbcSink;
import io.segments.review.ReviewFigures;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "The nightly job: segment the history strictly before --as-of and replace that date's snapshot.")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--as-of", required = true, paramLabel = "DATE",
      description = "snapshot date (YYYY-MM-DD, or 'today' in job.time-zone); only history before 00:00 of it, "
          + "in job.time-zone, is used")
  String asOf;

  @Option(names = "--compare-to", paramLabel = "DATE",
      description = "review against this complete snapshot instead of the newest one before --as-of")
  LocalDate compareTo;

  @Option(names = "--profile", description = "after the run, print the Spark jobs behind each stage: count, tasks, "
      + "seconds and the slowest with the code that started them")
  boolean profile;

  @Mixin JobOptions.WithInputs options = new JobOptions.WithInputs();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JobConfig config = options.load();
    JdbcSink.check(config.jdbcSink());
    LocalDate date = snapshotDate(asOf, config);
    RunResult result = profiled(profile, config, spec.commandLine().getOut(),
        () -> runJob(config, date, Optional.ofNullable(compareTo), options.verbose));
    printResult(spec.commandLine().getOut(), result);
    ReportCommand.afterRun(config, result.asOf(), spec.commandLine().getOut(), spec.commandLine().getErr());
    return SinkCommand.afterRun(config, result.asOf(), spec.commandLine().getOut(), spec.commandLine().getErr()) ? 0 : 1;
  }

  /** A schedule that cannot template dates (Kubernetes, a plain cron line) passes "today". */
  private LocalDate snapshotDate(String text, JobConfig config) {
    if (text.equals("today")) {
      return LocalDate.now(config.timeZone());
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "--as-of: expected YYYY-MM-DD or today, got " + text);
    }
  }

  /** Runs {@code work}, printing the Spark jobs of each stage afterwards when {@code profile} is set. */
  static <T> T profiled(boolean profile, JobConfig config, PrintWriter out, Supplier<T> work) {
    if (!profile) {
      return work.get();
    }
    SparkContext context = Sessions.forJob(config).sparkContext();
    SparkJobProfile listener = SparkJobProfile.listen(context);
    try {
      return work.get();
    } finally {
      try {
        SparkJobProfile.print(listener.stop(context), out);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static RunResult runJob(JobConfig config, LocalDate asOf, Optional<LocalDate> compareTo, boolean verbose) {
    SparkSession spark = Sessions.forJob(config);
    if (verbose) {
      spark.sparkContext().setLogLevel("INFO");
    }
    return new NightlyJob(spark, config).run(asOf, compareTo);
  }

  static void printResult(PrintWriter out, RunResult result) {
    out.printf("snapshot %s written (run %s)%n", result.asOf(), result.runId());
    out.printf("  lines: %,d input = %,d accepted + %,d rejected + %,d excluded%n",
        result.lines().input(), result.lines().accepted(), result.lines().rejected(), result.lines().excluded());
    for (String table : List.of("invoices", "payments")) {
      if (result.ledgerRows().containsKey(table + ".input")) {
        out.printf("  %s: %,d input = %,d accepted + %,d rejected + %,d excluded%n", table,
            result.ledgerRows().get(table + ".input"), result.ledgerRows().get(table + ".accepted"),
            result.ledgerRows().get(table + ".rejected"), result.ledgerRows().get(table + ".excluded"));
      }
    }
    out.printf("  customers: %,d%n", result.customers());
    if (result.blankProfileIds() > 0) {
      out.printf("  customers table: %,d rows left out for a blank customer_id%n", result.blankProfileIds());
    }
    out.printf("  cluster model: version %d%n", result.clusterModelVersion());
    ReviewFigures review = result.review();
    review.previousDate().ifPresentOrElse(previous -> {
      out.printf("  review against %s: largest shift %s (PSI %.3f)%s%n", previous,
          review.largestShift().map(Map.Entry::getKey).orElse("-"),
          review.largestShift().map(Map.Entry::getValue).orElse(0.0),
          review.alert() ? " - above review.psi-alert, the classification needs a look" : ", within review.psi-alert");
      review.clusterAgreement().ifPresent(ari ->
          out.printf("  cluster agreement with %s: adjusted Rand index %.2f%n", previous, ari));
    }, () -> out.println("  review: first snapshot, nothing to compare with"));
    out.printf("  tables: %s (customer_segments, customer_actions, segment_summary, segment_transitions,"
        + " churn_analysis, cluster_profiles, clv_model, receivables_aging, rejected_transactions, tag_dictionary,"
        + " job_runs; JSON exports under exports/)%n", result.warehouse());
    out.flush();
  }
}
