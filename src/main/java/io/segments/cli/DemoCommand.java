package io.segments.cli;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.round;

import io.segments.config.JobConfig;
import io.segments.job.RunResult;
import io.segments.output.SegmentTables;
import io.segments.output.SnapshotReader;
import io.segments.output.TableSpec;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate a sample history (once), run the nightly job on it and show where the results are.")
final class DemoCommand implements Callable<Integer> {
  /** The sample history ends the day before this, so the demo snapshot sees all of it. */
  static final LocalDate AS_OF = LocalDate.parse("2026-01-01");

  @Option(names = "--customers", defaultValue = "20000", description = "sample customers (default: ${DEFAULT-VALUE})")
  long customers;

  @Option(names = "--lines", defaultValue = "200000", description = "sample lines (default: ${DEFAULT-VALUE})")
  long lines;

  @Option(names = "--data", defaultValue = "sample-data", paramLabel = "DIR",
      description = "where the sample history is kept (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--warehouse", defaultValue = "warehouse", paramLabel = "DIR",
      description = "root of the Delta tables (default: ${DEFAULT-VALUE})")
  String warehouse;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    JobConfig config = SampleData.config(data, warehouse);
    spec.commandLine().getOut().printf("sample history of %,d lines of %,d customers in %s%n", lines, customers, data);
    spec.commandLine().getOut().flush();
    SampleData.ensure(config, data, customers, lines);
    RunResult result = RunCommand.runJob(config, AS_OF, Optional.empty(), false);
    RunCommand.printResult(spec.commandLine().getOut(), result);
    ReportCommand.afterRun(config, result.asOf(), spec.commandLine().getOut(), spec.commandLine().getErr());
    SparkSession spark = SparkSession.active();
    Dataset<Row> summary = snapshot(spark, config, SegmentTables.SEGMENT_SUMMARY);
    for (String dimension : List.of("rfm_segment", "importance", "lifecycle_stage", "revenue_concentration", "payment_tier",
        "tag", "action", "action_owner")) {
      spec.commandLine().getOut().println(dimension + " of the snapshot (segments.segment_summary):");
      spec.commandLine().getOut().flush();
      summary.where(col("dimension").equalTo(dimension))
          .orderBy(col("customers").desc())
          .select(col("segment"), col("segment_label"), forPeople("customers"), percent("customer_share"),
              percent("revenue_share"), forPeople("avg_recency_days"), forPeople("avg_frequency"), forPeople("avg_monetary"))
          .show(20, false);
    }
    spec.commandLine().getOut().println("k-means clusters of the snapshot (segments.cluster_profiles):");
    spec.commandLine().getOut().flush();
    snapshot(spark, config, SegmentTables.CLUSTER_PROFILES)
        .orderBy("cluster_id")
        .select(col("cluster_id"), col("cluster_label"), forPeople("customers"), percent("customer_share"),
            percent("revenue_share"), forPeople("avg_recency_days"), forPeople("avg_frequency"), forPeople("avg_monetary"))
        .show(20, false);
    spec.commandLine().getOut().println("Next: jobs/segment tune-k --k-min 2 --k-max 8, then notebooks/tune_k.ipynb");
    return 0;
  }

  /** A share as people read it: 14.3 %. */
  private static Column percent(String share) {
    // Rounded first, so that a share that rounds to zero reads 0.0 %, not -0.0 % (net refunds of a few).
    return format_string("%.1f %%", round(col(share).multiply(100), 1).plus(0.0)).as(share);
  }

  /**
   * A count or mean with thousands separators and one decimal at most: 12,345.7; a dash where there is
   * none (the recency of customers who never bought), not NULL.
   */
  private static Column forPeople(String number) {
    return coalesce(regexp_replace(format_number(col(number).cast("double"), 1), "\\.0$", ""), lit("-")).as(number);
  }

  private static Dataset<Row> snapshot(SparkSession spark, JobConfig config, TableSpec table) {
    return new SnapshotReader(spark, config.output(), table).at(AS_OF).orElseThrow().rows();
  }
}
