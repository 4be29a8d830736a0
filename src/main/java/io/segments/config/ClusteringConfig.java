package io.segments.config;

import java.util.List;

/**
 * K-means settings of the nightly run and of the k sweep.
 *
 * @param mode refit trains and saves a new model version; frozen assigns with a saved one
 * @param modelVersion the saved version frozen mode uses; 0 means the newest
 * @param k clusters
 * @param seed seed of the k-means|| initialisation
 * @param maxIterations k-means iterations at most
 * @param features customer columns clustered, each log1p-scaled and standardized: recency_days,
 *     frequency and monetary first, then the configured extras
 * @param labelThreshold standard deviations from the population that make a centroid high or low
 * @param sweepSampleFraction share of purchasing customers tune-k trains on
 */
public record ClusteringConfig(
    Mode mode,
    int modelVersion,
    int k,
    long seed,
    int maxIterations,
    List<String> features,
    double labelThreshold,
    double sweepSampleFraction) {

  /** Always clustered, in this order. */
  public static final List<String> RFM_FEATURES = List.of("recency_days", "frequency", "monetary");
  /** May be added by conf. */
  public static final List<String> EXTRA_FEATURES = List.of("avg_order_value", "tenure_days", "distinct_categories");

  public ClusteringConfig {
    features = List.copyOf(features);
  }

  public enum Mode {
    REFIT,
    FROZEN
  }
}
