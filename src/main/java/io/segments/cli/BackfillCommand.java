package io.segments.cli;

import io.segments.config.JobConfig;
import io.segments.job.NightlyJob;
import io.segments.job.RunResult;
import io.segments.job.Sessions;
import io.segments.output.SegmentTables;
import io.segments.output.SnapshotReader;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A series of snapshots from one history, oldest first, so that migration, churn and drift can be
 * read on the day a team installs the job. Each date is an ordinary nightly run (it sees only history
 * before its date and is reviewed against the date before it), so the series equals separate runs.
 * Dates that already have a complete snapshot are skipped: after a failure the same command resumes
 * where it stopped.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = "Write the snapshots from --from to --to, one every --every; complete ones are skipped, so a "
        + "re-run resumes after a failure.")
final class BackfillCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, paramLabel = "DATE", description = "first snapshot date")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "DATE", description = "last snapshot date at most")
  LocalDate to;

  @Option(names = "--every", required = true, paramLabel = "1M|1W|1D",
      description = "the step between snapshots: months (M), weeks (W) or days (D)")
  String every;

  @Mixin JobOptions.WithInputs options = new JobOptions.WithInputs();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (from.isAfter(to)) {
      throw new ParameterException(spec.commandLine(), "--from " + from + " is after --to " + to);
    }
    List<LocalDate> dates = dates(from, to, step());
    JobConfig config = options.load();
    SparkSession spark = Sessions.forJob(config);
    Set<LocalDate> complete = new TreeSet<>(new SnapshotReader(spark, config.output(), SegmentTables.JOB_RUNS).dates());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("backfill of %d snapshots, %s to %s every %s%n", dates.size(), dates.get(0),
        dates.get(dates.size() - 1), every);
    for (int i = 0; i < dates.size(); i++) {
      LocalDate date = dates.get(i);
      String position = String.format("[%d/%d] %s", i + 1, dates.size(), date);
      if (complete.contains(date)) {
        out.printf("%s complete already, skipped%n", position);
        out.flush();
        continue;
      }
      out.printf("%s running ...%n", position);
      out.flush();
      try {
        RunResult result = new NightlyJob(spark, config).run(date);
        double seconds = result.stageSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        out.printf("%s written: %,d customers, %,d lines accepted, %.0f s%n", position, result.customers(),
            result.lines().accepted(), seconds);
        out.flush();
      } catch (RuntimeException e) {
        spec.commandLine().getErr().printf("backfill stopped at %s; the snapshots before it are complete. "
            + "Run the same command again to resume from %s.%n", date, date);
        throw e;
      }
    }
    return 0;
  }

  private Period step() {
    if (!every.matches("[1-9][0-9]*[MWD]")) {
      throw new ParameterException(spec.commandLine(), "--every: expected a count and M, W or D, e.g. 1M, got " + every);
    }
    int count = Integer.parseInt(every.substring(0, every.length() - 1));
    return switch (every.charAt(every.length() - 1)) {
      case 'M' -> Period.ofMonths(count);
      case 'W' -> Period.ofWeeks(count);
      default -> Period.ofDays(count);
    };
  }

  /** from, from + step, ... up to to; steps are taken from {@code from}, so 31 January + 1M is 28 February, then 31 March. */
  static List<LocalDate> dates(LocalDate from, LocalDate to, Period step) {
    List<LocalDate> dates = new ArrayList<>();
    for (int i = 0; !from.plus(step.multipliedBy(i)).isAfter(to); i++) {
      dates.add(from.plus(step.multipliedBy(i)));
    }
    return dates;
  }
}
