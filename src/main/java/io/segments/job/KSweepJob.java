package io.segments.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.segments.InvalidInputException;
import io.segments.clustering.KSweep;
import io.segments.config.JobConfig;
import io.segments.output.DeltaTableWriter;
import io.segments.output.SegmentTables;
import io.segments.output.TableSpec;
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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * tune-k: sweeps k over the customers of a customer_segments snapshot, appends the results to
 * kmeans_sweep, exports them as JSON lines and suggests a k. It changes no configuration.
 */
public final class KSweepJob {
  private static final StructType SCHEMA = new StructType()
      .add("sweep_id", DataTypes.StringType, false)
      .add("snapshot_date", DataTypes.DateType, false)
      .add("k", DataTypes.IntegerType, false)
      .add("wssse", DataTypes.DoubleType, false)
      .add("silhouette", DataTypes.DoubleType, false)
      .add("min_cluster_share", DataTypes.DoubleType, false)
      .add("max_cluster_share", DataTypes.DoubleType, false)
      .add("cluster_sizes", DataTypes.createArrayType(DataTypes.LongType, false), false)
      .add("seconds", DataTypes.DoubleType, false)
      .add("sample_fraction", DataTypes.DoubleType, false)
      .add("suggested", DataTypes.BooleanType, false);

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
    Sessions.apply(spark, config);
    DeltaTableWriter writer = new DeltaTableWriter(spark, config.output());
    String path = writer.path(SegmentTables.CUSTOMER_SEGMENTS);
    if (!writer.exists(SegmentTables.CUSTOMER_SEGMENTS)) {
      throw new InvalidInputException("no customer_segments table at " + path + "; run the nightly job first");
    }
    Dataset<Row> segments = spark.read().format("delta").load(path);
    LocalDate date = snapshot.orElseGet(() -> {
      Row newest = segments.agg(max(col(TableSpec.SNAPSHOT_DATE))).first();
      return ((Date) newest.get(0)).toLocalDate();
    });
    Dataset<Row> customers = segments.where(col(TableSpec.SNAPSHOT_DATE).equalTo(Date.valueOf(date)));
    if (customers.isEmpty()) {
      throw new InvalidInputException("customer_segments at " + path + " has no snapshot " + date);
    }

    List<KSweep.Result> results = KSweep.run(customers, config.clustering(), kMin, kMax, sampleFraction);
    int suggested = KSweep.suggest(results);
    String sweepId = UUID.randomUUID().toString();
    List<Row> rows = new ArrayList<>();
    for (KSweep.Result r : results) {
      rows.add(RowFactory.create(sweepId, Date.valueOf(date), r.k(), r.wssse(), r.silhouette(), r.minShare(),
          r.maxShare(), r.clusterSizes().toArray(Long[]::new), r.seconds(), sampleFraction, r.k() == suggested));
    }
    Dataset<Row> sweep = spark.createDataFrame(rows, SCHEMA);
    writer.append(sweep, SegmentTables.KMEANS_SWEEP);
    String export = writer.exportJson(SegmentTables.KMEANS_SWEEP.conform(sweep), "kmeans_sweep");
    return new Outcome(sweepId, date, results, suggested, export);
  }
}
