package io.segments.job;

import io.segments.InvalidInputException;
import io.segments.clustering.KSweep;
import io.segments.config.JobConfig;
import io.segments.output.DeltaTableWriter;
import io.segments.output.SegmentTables;
import io.segments.output.SnapshotReader;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * tune-k: sweeps k over the customers of a customer_segments snapshot, appends the results to
 * kmeans_sweep, exports them as JSON lines and suggests a k. It changes no configuration.
 */
public final class KSweepJob {
  private final SparkSession spark;
  private final JobConfig config;

  public KSweepJob(SparkSession spark, JobConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /** What a sweep found and where it went. */
  public record Outcome(String sweepId, LocalDate snapshot, List<KSweep.Result> results, int suggestedK,
      String exportPath) {}

  /**
   * @param snapshot the customer_segments snapshot to train on; empty for the newest
   * @throws InvalidInputException when there is no such snapshot
   */
  public Outcome run(int kMin, int kMax, Optional<LocalDate> snapshot, double sampleFraction) {
    SparkSession run = Sessions.forRun(spark, config, Sessions.partitionsFor(spark, config, 0));
    SnapshotReader segments = new SnapshotReader(run, config.output(), SegmentTables.CUSTOMER_SEGMENTS);
    if (!segments.exists()) {
      throw new InvalidInputException(
          "no customer_segments table at " + segments.path() + "; run the nightly job first");
    }
    LocalDate date = segments.completeDate(snapshot);
    Dataset<Row> customers = segments.rowsOf(date);

    List<KSweep.Result> results = KSweep.run(customers, config.clustering(), kMin, kMax, sampleFraction);
    int suggested = KSweep.suggest(results);
    String sweepId = UUID.randomUUID().toString();
    List<Row> rows = new ArrayList<>();
    for (KSweep.Result r : results) {
      rows.add(RowFactory.create(sweepId, Date.valueOf(date), r.k(), r.wssse(), r.silhouette(), r.minShare(),
          r.maxShare(), r.clusterSizes().toArray(Long[]::new), r.seconds(), sampleFraction, r.k() == suggested));
    }
    Dataset<Row> sweep = run.createDataFrame(rows, SegmentTables.KMEANS_SWEEP.schema());
    DeltaTableWriter writer = new DeltaTableWriter(run, config.output());
    writer.append(sweep, SegmentTables.KMEANS_SWEEP);
    String export = writer.exportJson(SegmentTables.KMEANS_SWEEP.conform(sweep), "kmeans_sweep");
    return new Outcome(sweepId, date, results, suggested, export);
  }
}
