package io.segments.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.segments.benchmark.HeapAfterCollections;
import io.segments.benchmark.PlainCore;
import io.segments.clustering.SampledFitCheck;
import io.segments.config.JobConfig;
import io.segments.input.InputReader;
import io.segments.job.RunResult;
import io.segments.job.SinglePhaseAggregates;
import io.segments.output.SegmentTables;
import io.segments.output.SnapshotReader;
import io.segments.output.TableSpec;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = "Generate (or reuse) a history of N lines, run the nightly job on it and print per-stage "
        + "wall time, rows/s and the peak heap.")
final class BenchmarkCommand implements Callable<Integer> {
  @Option(names = "--lines", defaultValue = "1000000", description = "lines (default: ${DEFAULT-VALUE})")
  long lines;

  @Option(names = "--customers", defaultValue = "0", description = "customers (default: lines / 10)")
  long customers;

  @Option(names = "--data", paramLabel = "DIR", description = "history folder (default: target/benchmark/LINES)")
  Path data;

  @Option(names = "--warehouse", defaultValue = "target/benchmark/warehouse", paramLabel = "DIR",
      description = "root of the Delta tables (default: ${DEFAULT-VALUE})")
  String warehouse;

  @Option(names = "--profile", description = "also print the Spark jobs behind each stage of the run")
  boolean profile;

  @Option(names = "--skip-plain-core", description = "do not run the plain Spark baseline after the job")
  boolean skipPlainCore;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    long buyers = customers > 0 ? customers : Math.max(1, lines / 10);
    Path folder = data != null ? data : Path.of("target", "benchmark", String.valueOf(lines));
    JobConfig config = SampleData.config(folder, warehouse);
    PrintWriter out = spec.commandLine().getOut();
    long generating = System.nanoTime();
    if (SampleData.ensure(config, folder, buyers, lines)) {
      out.printf("generated %,d lines of %,d customers in %.1f s (%s)%n", lines, buyers, seconds(generating), folder);
    }
    long start = System.nanoTime();
    RunResult result;
    double reportSeconds;
    HeapAfterCollections heap = HeapAfterCollections.listen();
    try (heap) {
      result = RunCommand.profiled(profile, config, out,
          () -> RunCommand.runJob(config, DemoCommand.AS_OF, Optional.empty(), false));
      // End to end is what a nightly run costs, and every run writes its report after the tables.
      long reporting = System.nanoTime();
      ReportCommand.afterRun(config, result.asOf(), out, spec.commandLine().getErr());
      reportSeconds = seconds(reporting);
    }
    double total = seconds(start);

    out.printf("%nbenchmark: %,d lines, %,d customers, %d cores, max heap %.1f GB, collectors %s, compilers %s%n",
        result.lines().input(), result.customers(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / 1e9, ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(" + ")), compilers());
    out.printf("%-16s %10s %14s%n", "stage", "seconds", "lines/s");
    // A stage that only plans (pareto, rules) takes no measurable time; a rate would be noise.
    result.stageSeconds().entrySet()
        .forEach(stage -> out.printf("%-16s %10.2f %14s%n", stage.getKey(), stage.getValue(),
            stage.getValue() < 0.01 ? "-" : String.format("%,.0f", result.lines().input() / stage.getValue())));
    out.printf("%-16s %10.2f %14s%n", "report", reportSeconds, "-");
    out.printf("%-16s %10.2f %,14.0f%n", "total", total, result.lines().input() / total);
    out.printf("peak heap after a collection: %.2f GB (%,d collections)%n", heap.peakBytes() / 1e9, heap.collections());
    out.printf("shuffle partitions: %d%n", result.shufflePartitions());
    out.printf("%-24s %12s %8s%n", "output table", "MB", "files");
    for (TableSpec table : SegmentTables.SNAPSHOT_TABLES) {
      // A table may hold no rows for the date (no transitions on a first snapshot): no files then.
      String[] files = new SnapshotReader(SparkSession.active(), config.output(), table).rowsOf(DemoCommand.AS_OF)
          .inputFiles();
      out.printf("%-24s %12.1f %8d%n", table.name(),
          Arrays.stream(files).mapToLong(file -> InputReader.sizeInBytes(SparkSession.active(), file)).sum() / 1e6,
          files.length);
    }
    printSampledFit(out, config);
    if (!skipPlainCore) {
      printPlainCore(out, config, result, total);
    }
    out.flush();
    return 0;
  }

  /**
   * The plain Spark program doing the heavy core of the same work, on the same history, in the same
   * JVM after the job (so with a warm JVM: the comparison favours the baseline), at the run's shuffle
   * partitions, with Spark's own planner: the job's single-phase aggregations are off.
   */
  private void printPlainCore(PrintWriter out, JobConfig config, RunResult result, double jobSeconds) {
    SparkSession core = SparkSession.active().newSession();
    core.conf().set(SinglePhaseAggregates.ENABLED, "false");
    core.conf().set("spark.sql.shuffle.partitions", String.valueOf(result.shufflePartitions()));
    core.conf().set("spark.sql.session.timeZone", config.timeZone().getId());
    PlainCore.Result baseline = PlainCore.run(core, config.input().transactions(), DemoCommand.AS_OF, config.timeZone(),
        config.scoring().quantileRelativeError(), Path.of(warehouse, "plain_core").toAbsolutePath().toString());
    out.printf("%nplain Spark core (io.segments.benchmark.PlainCore, same history): %.2f s for %,d customers%n",
        baseline.seconds(), baseline.customers());
    out.printf("job / plain core: %.2f (issue 14 aims at 2.0 or less at 10M lines)%n", jobSeconds / baseline.seconds());
  }

  /** Where the refit trained on a sample, what that cost against a fit on every purchaser (issue 14). */
  private static void printSampledFit(PrintWriter out, JobConfig config) {
    Dataset<Row> segments = new SnapshotReader(SparkSession.active(), config.output(), SegmentTables.CUSTOMER_SEGMENTS)
        .rowsOf(DemoCommand.AS_OF);
    SampledFitCheck.of(segments, config.clustering()).ifPresentOrElse(check -> out.printf("%nk-means trained on a "
        + "sample of about %,d of %,d purchasers: within-cluster sum of squares over all of them %,.1f; a fit on all "
        + "%,.1f (%+.2f %%)%n", check.trained(), check.purchasers(), check.sampledCost(), check.fullCost(),
        check.excessPercent()),
        () -> out.printf("%nk-means trained on every purchaser (clustering.max-training-customers = %,d)%n",
            config.clustering().maxTrainingCustomers()));
  }

  /** Which JIT compilers run: the launcher chooses C1 alone for a small history. */
  private static String compilers() {
    HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (!Boolean.parseBoolean(hotSpot.getVMOption("TieredCompilation").getValue())) {
      return "C2 only";
    }
    return Integer.parseInt(hotSpot.getVMOption("TieredStopAtLevel").getValue()) < 4 ? "C1 only" : "C1 + C2";
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
