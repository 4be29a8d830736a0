package io.segments.cli;

import io.segments.clv.BgNbd;
import io.segments.clv.HoldoutComparison;
import io.segments.config.JobConfig;
import io.segments.job.ClvHoldoutJob;
import io.segments.job.Sessions;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "clv-holdout",
    mixinStandardHelpOptions = true,
    description = "Fit the value models (BG/NBD, Gamma-Gamma) on the history up to --calibration-end and compare "
        + "the repeat purchases they predict for the period up to --holdout-end with the actual ones, in total and "
        + "by calibration repeat purchases. Writes nothing.")
final class ClvHoldoutCommand implements Callable<Integer> {
  @Option(names = "--calibration-end", required = true, paramLabel = "DATE",
      description = "last day of the calibration period")
  LocalDate calibrationEnd;

  @Option(names = "--holdout-end", required = true, paramLabel = "DATE", description = "last day of the holdout period")
  LocalDate holdoutEnd;

  @Mixin JobOptions.WithInputs options = new JobOptions.WithInputs();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JobConfig config = options.load();
    ClvHoldoutJob.Outcome outcome = new ClvHoldoutJob(Sessions.forJob(config), config).run(calibrationEnd, holdoutEnd);
    PrintWriter out = spec.commandLine().getOut();
    String unit = config.clv().unit();
    if (outcome.model().bgNbd().isEmpty()) {
      out.printf("the purchase model did not converge on the history up to %s; nothing to compare%n", calibrationEnd);
      out.flush();
      return 1;
    }
    BgNbd fit = outcome.model().bgNbd().get();
    out.printf("BG/NBD fitted on %,d purchasers up to %s (%s): r = %.4f, alpha = %.4f, a = %.4f, b = %.4f%n",
        outcome.model().customers(), calibrationEnd, unit, fit.r(), fit.alpha(), fit.a(), fit.b());
    out.printf("repeat purchases from %s to %s (%d %s):%n", calibrationEnd.plusDays(1), holdoutEnd,
        outcome.holdoutUnits(), unit);
    out.printf("%-26s %10s %12s %10s %10s%n", "calibration repeat purchases", "customers", "predicted", "actual",
        "ratio");
    long customers = 0;
    double predicted = 0;
    long actual = 0;
    for (HoldoutComparison.Group group : outcome.groups()) {
      String label = group.repeatPurchases() == HoldoutComparison.TOP_GROUP
          ? HoldoutComparison.TOP_GROUP + "+" : String.valueOf(group.repeatPurchases());
      out.printf("%-26s %,10d %,12.1f %,10d %10s%n", label, group.customers(), group.predicted(), group.actual(),
          ratio(group.predicted(), group.actual()));
      customers += group.customers();
      predicted += group.predicted();
      actual += group.actual();
    }
    out.printf("%-26s %,10d %,12.1f %,10d %10s%n", "total", customers, predicted, actual, ratio(predicted, actual));
    out.flush();
    return 0;
  }

  private static String ratio(double predicted, long actual) {
    return actual == 0 ? "-" : String.format("%.2f", predicted / actual);
  }
}
