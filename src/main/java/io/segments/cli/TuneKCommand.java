package io.segments.cli;

import io.segments.clustering.KSweep;
import io.segments.config.JobConfig;
import io.segments.job.KSweepJob;
import io.segments.job.Sessions;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "tune-k",
    mixinStandardHelpOptions = true,
    description = "Sweep the k-means cluster count over a customer_segments snapshot, write kmeans_sweep and "
        + "exports/kmeans_sweep (JSON lines), and suggest a k. Changes no configuration.")
final class TuneKCommand implements Callable<Integer> {
  @Option(names = "--k-min", required = true, paramLabel = "A", description = "smallest k (>= 2)")
  int kMin;

  @Option(names = "--k-max", required = true, paramLabel = "B", description = "largest k")
  int kMax;

  @Option(names = "--snapshot", paramLabel = "DATE", description = "snapshot to train on (default: the newest)")
  LocalDate snapshot;

  @Option(names = "--sample", paramLabel = "FRACTION",
      description = "share of purchasing customers to train on (default: tune-k.sample-fraction)")
  Double sample;

  @Mixin JobOptions options = new JobOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (kMin < 2 || kMax < kMin) {
      throw new ParameterException(spec.commandLine(), "need 2 <= --k-min <= --k-max");
    }
    JobConfig config = options.load();
    double fraction = sample != null ? sample : config.clustering().sweepSampleFraction();
    if (fraction <= 0 || fraction > 1) {
      throw new ParameterException(spec.commandLine(), "--sample must be in (0, 1]");
    }
    KSweepJob.Outcome outcome = new KSweepJob(Sessions.forJob(config), config)
        .run(kMin, kMax, Optional.ofNullable(snapshot), fraction);

    PrintWriter out = spec.commandLine().getOut();
    out.printf("k-means sweep %s on snapshot %s (%.0f %% of purchasing customers)%n",
        outcome.sweepId(), outcome.snapshot(), fraction * 100);
    out.printf("%4s %14s %11s %10s %10s %9s%n", "k", "wssse", "silhouette", "min share", "max share", "seconds");
    for (KSweep.Result r : outcome.results()) {
      out.printf("%4d %14.1f %11.4f %10.3f %10.3f %9.1f%s%n", r.k(), r.wssse(), r.silhouette(), r.minShare(),
          r.maxShare(), r.seconds(), r.k() == outcome.suggestedK() ? "  <- suggested" : "");
    }
    out.printf("suggested k = %d: the best silhouette (within %.2f), nearest the elbow of the wssse curve.%n",
        outcome.suggestedK(), KSweep.SILHOUETTE_TOLERANCE);
    out.printf("To use it, set clustering.k = %d in your conf file and re-run the nightly job.%n", outcome.suggestedK());
    out.printf("Tables: kmeans_sweep; JSON for notebooks: %s%n", outcome.exportPath());
    out.flush();
    return 0;
  }
}
