package io.segments.report;

import static java.util.concurrent.CompletableFuture.supplyAsync;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.segments.clustering.ClusterModel;
import io.segments.config.OutputConfig;
import io.segments.output.SegmentTables;
import io.segments.output.SnapshotReader;
import io.segments.output.TableSpec;
import io.segments.reporting.SegmentSummary;
import io.segments.scoring.RfmScores;
import io.segments.scoring.RfmSegments;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a report draws, read from the tables of one complete snapshot. Only aggregates reach the
 * driver: summary rows, a 5 × 5 grid, twenty points of the Pareto curve, one row per cluster, move,
 * owner and channel, and reject reason.
 */
record ReportFigures(
    LocalDate date,
    Optional<LocalDate> previousDate,
    List<SummaryRow> summary,
    List<SummaryRow> previousSummary,
    RunCounts run,
    List<GridCell> recencyByFrequency,
    List<CurvePoint> pareto,
    List<ClusterRow> clusters,
    List<Move> moves,
    List<ChurnRow> churn,
    List<Count> actions,
    List<Count> rejects) {

  /** One row of segment_summary. */
  record SummaryRow(String dimension, String segment, String label, long customers, double customerShare,
      BigDecimal revenue, double revenueShare) {}

  /** The line counts of the run that wrote the snapshot (job_runs). */
  record RunCounts(long input, long accepted, long rejected, long excluded) {}

  /** Customers with recency score r and frequency score f. */
  record GridCell(int r, int f, long customers) {}

  /** The top customers by spend: their share of the purchasing customers and of the revenue. */
  record CurvePoint(double customerShare, double revenueShare) {}

  /** One cluster of cluster_profiles. */
  record ClusterRow(int id, String label, long customers, double revenueShare, Map<String, Double> standardized) {}

  /** Customers moving from one RFM segment of the previous snapshot to one of this. */
  record Move(String from, String to, long customers) {}

  /** Customers of a previous RFM segment and the share of them churned since. */
  record ChurnRow(String segment, long before, long churned, double rate) {}

  /** A count of rows by one or two keys (second may be empty). */
  record Count(String first, String second, long rows) {}

  /** Cut-offs of the Pareto curve: the top 5 %, 10 %, ... 95 % of purchasing customers by spend. */
  private static final double[] TOP_SHARES = IntStream.rangeClosed(1, 19).mapToDouble(i -> i * 0.05).toArray();

  /** The figures of the complete snapshot of {@code date}. */
  static ReportFigures read(SparkSession spark, OutputConfig output, LocalDate date) {
    Dataset<Row> segments = at(spark, output, SegmentTables.CUSTOMER_SEGMENTS, date);
    Row run = at(spark, output, SegmentTables.JOB_RUNS, date).where(col("status").equalTo("succeeded"))
        .orderBy(col("ended_at").desc()).first();
    Optional<LocalDate> previous = Optional.ofNullable(run.<java.sql.Date>getAs("previous_snapshot_date"))
        .map(java.sql.Date::toLocalDate);
    // Each figure is a small query whose time is mostly the driver planning it and finding the table's
    // files, one core's work: three at a time keep both cores busy.
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      var summary = supplyAsync(() -> summary(at(spark, output, SegmentTables.SEGMENT_SUMMARY, date)), threads);
      var previousSummary = supplyAsync(() -> previous
          .map(before -> summary(at(spark, output, SegmentTables.SEGMENT_SUMMARY, before))).orElse(List.of()), threads);
      var grid = supplyAsync(() -> recencyByFrequency(segments), threads);
      var pareto = supplyAsync(() -> pareto(segments), threads);
      var clusters = supplyAsync(() -> clusters(at(spark, output, SegmentTables.CLUSTER_PROFILES, date)), threads);
      var moves = supplyAsync(() -> moves(at(spark, output, SegmentTables.SEGMENT_TRANSITIONS, date)), threads);
      var churn = supplyAsync(() -> churn(at(spark, output, SegmentTables.CHURN_ANALYSIS, date)), threads);
      var actions = supplyAsync(() ->
          counted(at(spark, output, SegmentTables.CUSTOMER_ACTIONS, date), col("owner_role"), col("channel")), threads);
      var rejects = supplyAsync(() ->
          counted(at(spark, output, SegmentTables.REJECTED_TRANSACTIONS, date), col("reject_reason"), lit("")), threads);
      return new ReportFigures(date, previous, summary.join(), previousSummary.join(), counts(run), grid.join(),
          pareto.join(), clusters.join(), moves.join(), churn.join(), actions.join(), rejects.join());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : e;
    } finally {
      threads.shutdown();
    }
  }

  private static Dataset<Row> at(SparkSession spark, OutputConfig output, TableSpec table, LocalDate date) {
    return new SnapshotReader(spark, output, table).rowsOf(date);
  }

  private static List<SummaryRow> summary(Dataset<Row> rows) {
    return rows.select(SegmentSummary.DIMENSION, SegmentSummary.SEGMENT, SegmentSummary.SEGMENT_LABEL,
            SegmentSummary.CUSTOMERS, SegmentSummary.CUSTOMER_SHARE, SegmentSummary.REVENUE, SegmentSummary.REVENUE_SHARE)
        .collectAsList().stream()
        .map(row -> new SummaryRow(row.getString(0), row.getString(1), row.getString(2), row.getLong(3),
            row.getDouble(4), row.getDecimal(5), row.getDouble(6)))
        .toList();
  }

  private static RunCounts counts(Row run) {
    return new RunCounts(run.<Long>getAs("input_rows"), run.<Long>getAs("accepted_rows"),
        run.<Long>getAs("rejected_rows"), run.<Long>getAs("excluded_rows"));
  }

  private static List<GridCell> recencyByFrequency(Dataset<Row> segments) {
    return segments.where(col(RfmScores.R_SCORE).isNotNull())
        .groupBy(RfmScores.R_SCORE, RfmScores.F_SCORE).agg(count(lit(1)))
        .collectAsList().stream()
        .map(row -> new GridCell(row.getInt(0), row.getInt(1), row.getLong(2)))
        .toList();
  }

  /**
   * The curve at the spend of the top 5 %, 10 %, ... of purchasing customers (approximate cut-offs;
   * customers tied at a cut-off all count above it), and its ends.
   */
  private static List<CurvePoint> pareto(Dataset<Row> segments) {
    Dataset<Row> spenders = segments.where(col("monetary").gt(0)).select(col("monetary").cast("double").as("spend"));
    Row cuts = spenders.agg(percentile_approx(col("spend"), lit(IntStream.range(0, TOP_SHARES.length)
        .mapToDouble(i -> 1 - TOP_SHARES[i]).toArray()), lit(10_000))).first();
    if (cuts.isNullAt(0)) {
      return List.of();
    }
    List<Double> cutOffs = cuts.getList(0);
    List<Column> sums = new ArrayList<>(List.of(count(lit(1)), sum("spend")));
    for (Double cutOff : cutOffs) {
      Column above = col("spend").geq(cutOff);
      sums.add(count(when(above, true)));
      sums.add(sum(when(above, col("spend"))));
    }
    Row totals = spenders.agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new)).first();
    double customers = totals.getLong(0);
    double revenue = totals.getDouble(1);
    List<CurvePoint> points = new ArrayList<>(List.of(new CurvePoint(0, 0)));
    for (int i = 0; i < cutOffs.size(); i++) {
      points.add(new CurvePoint(totals.getLong(2 + 2 * i) / customers, totals.getDouble(3 + 2 * i) / revenue));
    }
    points.add(new CurvePoint(1, 1));
    return points;
  }

  private static List<ClusterRow> clusters(Dataset<Row> profiles) {
    return profiles.orderBy(ClusterModel.CLUSTER_ID).collectAsList().stream()
        .map(row -> new ClusterRow(row.<Integer>getAs(ClusterModel.CLUSTER_ID), row.getAs(ClusterModel.CLUSTER_LABEL),
            row.<Long>getAs("customers"), row.<Double>getAs("revenue_share"),
            scala.jdk.javaapi.CollectionConverters.asJava(row.<scala.collection.Map<String, Double>>getAs(
                "centroid_standardized"))))
        .toList();
  }

  private static List<Move> moves(Dataset<Row> transitions) {
    return transitions.where(col(SegmentSummary.DIMENSION).equalTo(RfmSegments.RFM_SEGMENT))
        .select("from_segment", "to_segment", "customers").collectAsList().stream()
        .map(row -> new Move(row.getString(0), row.getString(1), row.getLong(2)))
        .toList();
  }

  private static List<ChurnRow> churn(Dataset<Row> churn) {
    return churn.where(col("dimension").equalTo(RfmSegments.RFM_SEGMENT))
        .select("segment", "customers_before", "churned", "churn_rate").collectAsList().stream()
        .map(row -> new ChurnRow(row.getString(0), row.getLong(1), row.getLong(2), row.getDouble(3)))
        .toList();
  }

  private static List<Count> counted(Dataset<Row> rows, Column first, Column second) {
    return rows.groupBy(first.cast("string"), second.cast("string")).agg(count(lit(1))).collectAsList().stream()
        .map(row -> new Count(String.valueOf(row.getString(0)), String.valueOf(row.getString(1)), row.getLong(2)))
        .toList();
  }
}
