package io.segments.review;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.segments.clustering.ClusterModel;
import io.segments.reporting.SegmentSummary;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The numbers a review starts from, recorded in job_runs: per dimension of segment_summary the
 * population stability index of the customer shares against the snapshot compared with
 * (PSI = Σ (p − q) ln(p / q); below 0.1 stable, above 0.25 a large shift; the many-valued
 * dimensions, whose shares do not sum to 1, aside), the largest of them and
 * whether it passes review.psi-alert, and the adjusted Rand index of the cluster assignments of the
 * customers in both snapshots (1 = the same partition, about 0 = as alike as chance).
 *
 * @param previousDate the snapshot compared with; empty for the first snapshot, with nothing else set
 */
public record ReviewFigures(Optional<LocalDate> previousDate, Map<String, Double> psiByDimension,
    Optional<Double> clusterAgreement, double psiAlert) {
  /** A share that one side lacks counts as this much, so that the index stays finite. */
  private static final double SHARE_FLOOR = 1e-4;

  public ReviewFigures {
    psiByDimension = Map.copyOf(psiByDimension);
  }

  public static ReviewFigures none(double psiAlert) {
    return new ReviewFigures(Optional.empty(), Map.of(), Optional.empty(), psiAlert);
  }

  /**
   * @param previousSummary segment_summary rows of the snapshot compared with
   * @param summary this snapshot's segment_summary rows
   * @param transitions this snapshot's segment_transitions rows
   */
  public static ReviewFigures of(LocalDate previousDate, Dataset<Row> previousSummary, Dataset<Row> summary,
      Dataset<Row> transitions, double psiAlert) {
    return new ReviewFigures(Optional.of(previousDate), psi(previousSummary, summary),
        adjustedRandIndex(transitions), psiAlert);
  }

  /** The dimension of the largest index; empty without a previous snapshot. */
  public Optional<Map.Entry<String, Double>> largestShift() {
    return psiByDimension.entrySet().stream().max(Map.Entry.comparingByValue());
  }

  public boolean alert() {
    return largestShift().map(shift -> shift.getValue() > psiAlert).orElse(false);
  }

  private static Map<String, Double> psi(Dataset<Row> previousSummary, Dataset<Row> summary) {
    String[] key = {SegmentSummary.DIMENSION, SegmentSummary.SEGMENT};
    Column singleValued = col(SegmentSummary.DIMENSION).isin(SegmentSummary.MANY_VALUED.toArray()).unary_$bang();
    Dataset<Row> shares = previousSummary.where(singleValued).select(col(key[0]), col(key[1]),
            col(SegmentSummary.CUSTOMER_SHARE).as("before"))
        .join(summary.where(singleValued).select(col(key[0]), col(key[1]), col(SegmentSummary.CUSTOMER_SHARE).as("now")),
            key, "full_outer");
    Column before = coalesce(col("before"), lit(0.0));
    Column now = coalesce(col("now"), lit(0.0));
    Map<String, Double> psi = new TreeMap<>();
    // One row per dimension and segment: tens of rows.
    for (Row row : shares.select(col(key[0]), before, now).collectAsList()) {
      double p = Math.max(row.getDouble(2), SHARE_FLOOR);
      double q = Math.max(row.getDouble(1), SHARE_FLOOR);
      psi.merge(row.getString(0), (p - q) * Math.log(p / q), Double::sum);
    }
    return psi;
  }

  /** From the cluster_id moves of the customers clustered in both snapshots: a k × k table. */
  private static Optional<Double> adjustedRandIndex(Dataset<Row> transitions) {
    Map<String, Long> before = new HashMap<>();
    Map<String, Long> now = new HashMap<>();
    double pairsTogether = 0;
    long n = 0;
    for (Row row : transitions
        .where(col("dimension").equalTo(ClusterModel.CLUSTER_ID)
            .and(col("from_segment").isin(PreviousSegments.ABSENT, SegmentTransitions.NONE).unary_$bang())
            .and(col("to_segment").isin(PreviousSegments.ABSENT, SegmentTransitions.NONE).unary_$bang()))
        .select("from_segment", "to_segment", "customers").collectAsList()) {
      long count = row.getLong(2);
      before.merge(row.getString(0), count, Long::sum);
      now.merge(row.getString(1), count, Long::sum);
      pairsTogether += pairs(count);
      n += count;
    }
    if (n < 2) {
      return Optional.empty();
    }
    double beforePairs = before.values().stream().mapToDouble(ReviewFigures::pairs).sum();
    double nowPairs = now.values().stream().mapToDouble(ReviewFigures::pairs).sum();
    double expected = beforePairs * nowPairs / pairs(n);
    double most = (beforePairs + nowPairs) / 2;
    return Optional.of(most == expected ? 1.0 : (pairsTogether - expected) / (most - expected));
  }

  private static double pairs(long count) {
    return count * (count - 1) / 2.0;
  }
}
