package io.segments.clustering;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;

import io.segments.config.ClusteringConfig;
import io.segments.features.RfmFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How much a k-means fit on a sample (clustering.max-training-customers) gives up against a fit on
 * every purchaser: both partitions of all purchasers are scored by their within-cluster sum of
 * squares in one space, each clustered feature's log1p scaled to unit variance over all purchasers,
 * so that neither fit's own scaler decides the score. The benchmark prints it; the nightly run never
 * pays for the full fit.
 */
public final class SampledFitCheck {
  private SampledFitCheck() {}

  /**
   * @param purchasers in the snapshot that assigned them
   * @param trained about how many the snapshot's model trained on: clustering.max-training-customers
   * @param sampledCost within-cluster sum of squares of the snapshot's cluster_id
   * @param fullCost the same of a fit with the same settings on every purchaser
   */
  public record Comparison(long purchasers, long trained, double sampledCost, double fullCost) {
    /** How much larger the sampled fit's cost is, in percent of the full fit's. */
    public double excessPercent() {
      return (sampledCost / fullCost - 1) * 100;
    }
  }

  /**
   * @param segments a customer_segments snapshot whose cluster_id a refit of {@code config} assigned
   * @return empty when that refit trained on every purchaser, so there is nothing to compare
   */
  public static Optional<Comparison> of(Dataset<Row> segments, ClusteringConfig config) {
    Dataset<Row> purchasers = ClusterFeatures.withLogs(segments.where(RfmFeatures.isPurchaser()), config.features());
    long rows = purchasers.count();
    long cap = config.maxTrainingCustomers();
    if (cap == 0 || rows <= cap) {
      return Optional.empty();
    }
    Dataset<Row> fullFit = ClusterFeatures.pipeline(config).fit(purchasers).transform(purchasers);
    return Optional.of(new Comparison(rows, cap,
        withinClusterCost(purchasers, col(ClusterModel.CLUSTER_ID), config.features()),
        withinClusterCost(fullFit, col(ClusterFeatures.KMEANS_INDEX), config.features())));
  }

  /**
   * The within-cluster sum of squares of the partition {@code cluster} of {@code customers}, over
   * log_&lt;feature&gt; each divided by its variance among all the customers: per cluster and feature,
   * sum(x²) - sum(x)² / n, and the variance from the same sums added over the clusters. One
   * aggregation, k rows to the driver.
   */
  static double withinClusterCost(Dataset<Row> customers, Column cluster, List<String> features) {
    List<Column> sums = new ArrayList<>();
    for (String feature : features) {
      Column x = col(ClusterFeatures.LOG_PREFIX + feature);
      sums.add(sum(x));
      sums.add(sum(pow(x, 2)));
    }
    List<Row> groups = customers.groupBy(cluster).agg(count(lit(1)), sums.toArray(Column[]::new)).collectAsList();
    double all = groups.stream().mapToLong(group -> group.getLong(1)).sum();
    double cost = 0;
    for (int f = 0; f < features.size(); f++) {
      int sumColumn = 2 + 2 * f;
      double sumX = groups.stream().mapToDouble(group -> group.getDouble(sumColumn)).sum();
      double sumSquares = groups.stream().mapToDouble(group -> group.getDouble(sumColumn + 1)).sum();
      double variance = sumSquares / all - (sumX / all) * (sumX / all);
      for (Row group : groups) {
        double within = group.getDouble(sumColumn + 1) - Math.pow(group.getDouble(sumColumn), 2) / group.getLong(1);
        cost += variance > 0 ? within / variance : 0;
      }
    }
    return cost;
  }
}
