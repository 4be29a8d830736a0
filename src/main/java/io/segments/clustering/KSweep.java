package io.segments.clustering;

import io.segments.config.ClusteringConfig;
import io.segments.features.RfmFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The analysts' cluster-count sweep: for each k, k-means on the same standardized features as the
 * nightly run, with its within-cluster sum of squares, silhouette and cluster sizes. Only these few
 * numbers per k reach the driver.
 */
public final class KSweep {
  /** Silhouettes this close to the best count as equally good. */
  public static final double SILHOUETTE_TOLERANCE = 0.01;

  private KSweep() {}

  /** One k of a sweep. */
  public record Result(int k, double wssse, double silhouette, List<Long> clusterSizes, double seconds) {
    public Result {
      clusterSizes = List.copyOf(clusterSizes);
    }

    public double minShare() {
      return clusterSizes.stream().mapToLong(Long::longValue).min().orElse(0) / (double) total();
    }

    public double maxShare() {
      return clusterSizes.stream().mapToLong(Long::longValue).max().orElse(0) / (double) total();
    }

    private long total() {
      return Math.max(1, clusterSizes.stream().mapToLong(Long::longValue).sum());
    }
  }

  /**
   * @param customers rows with the RFM columns; only purchasers are clustered
   * @param sampleFraction seeded sample of the purchasers to train on (1.0 = all)
   */
  public static List<Result> run(Dataset<Row> customers, ClusteringConfig config, int kMin, int kMax,
      double sampleFraction) {
    if (kMin < 2 || kMax < kMin) {
      throw new IllegalArgumentException("need 2 <= k-min <= k-max");
    }
    Dataset<Row> purchasers = ClusterFeatures.withLogs(customers.where(RfmFeatures.isPurchaser()), config.features());
    if (sampleFraction < 1.0) {
      purchasers = purchasers.sample(false, sampleFraction, config.seed());
    }
    PipelineModel scaling = new Pipeline().setStages(ClusterFeatures.scaling(config.features())).fit(purchasers);
    Dataset<Row> standardized = scaling.transform(purchasers)
        .select(ClusterFeatures.STANDARDIZED)
        .persist(StorageLevel.MEMORY_AND_DISK());
    ClusteringEvaluator silhouette = new ClusteringEvaluator()
        .setFeaturesCol(ClusterFeatures.STANDARDIZED)
        .setPredictionCol(ClusterFeatures.KMEANS_INDEX);
    List<Result> results = new ArrayList<>();
    for (int k = kMin; k <= kMax; k++) {
      long start = System.nanoTime();
      KMeansModel model = ClusterFeatures.kmeans(config, k).fit(standardized);
      double score = silhouette.evaluate(model.transform(standardized));
      List<Long> sizes = Arrays.stream(model.summary().clusterSizes()).boxed().toList();
      results.add(new Result(k, model.summary().trainingCost(), score, sizes, (System.nanoTime() - start) / 1e9));
    }
    standardized.unpersist();
    return results;
  }

  /**
   * The suggested k: among the ks whose silhouette is within {@link #SILHOUETTE_TOLERANCE} of the
   * best, the one nearest the elbow of the WSSSE curve (the k with the largest second difference,
   * i.e. where adding a cluster stops paying); ties go to the smaller k.
   */
  public static int suggest(List<Result> results) {
    double best = results.stream().mapToDouble(Result::silhouette).max().orElseThrow();
    int elbow = elbow(results);
    return results.stream()
        .filter(r -> r.silhouette() >= best - SILHOUETTE_TOLERANCE)
        .min(Comparator.comparingInt((Result r) -> Math.abs(r.k() - elbow)).thenComparingInt(Result::k))
        .orElseThrow()
        .k();
  }

  /** The k after which the WSSSE curve bends most; the first k when the sweep is too short to tell. */
  static int elbow(List<Result> results) {
    int elbow = results.get(0).k();
    double sharpest = Double.NEGATIVE_INFINITY;
    for (int i = 1; i + 1 < results.size(); i++) {
      double bend = results.get(i - 1).wssse() - 2 * results.get(i).wssse() + results.get(i + 1).wssse();
      if (bend > sharpest) {
        sharpest = bend;
        elbow = results.get(i).k();
      }
    }
    return elbow;
  }
}
