package io.segments.config;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

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
 * @param maxTrainingCustomers purchasers a refit trains on at most (a seeded sample beyond); 0 = all
 */
public record ClusteringConfig(
    Mode mode,
    int modelVersion,
    int k,
    long seed,
    int maxIterations,
    List<String> features,
    double labelThreshold,
    double sweepSampleFraction,
    long maxTrainingCustomers) {

  /** Always clustered, in this order. */
  public static final List<String> RFM_FEATURES = List.of("recency_days", "frequency", "monetary");
  /** May be added by conf. */
  public static final List<String> EXTRA_FEATURES = List.of("avg_order_value", "tenure_days", "distinct_categories");

  public ClusteringConfig {
    features = List.copyOf(features);
  }

  static ClusteringConfig from(Config c) {
    List<String> extras = c.getStringList("clustering.extra-features");
    if (!EXTRA_FEATURES.containsAll(extras) || new TreeSet<>(extras).size() != extras.size()) {
      throw ConfValues.bad("clustering.extra-features", "distinct names out of " + EXTRA_FEATURES, extras);
    }
    List<String> features = new ArrayList<>(RFM_FEATURES);
    features.addAll(extras);
    double threshold = c.getDouble("clustering.label-threshold");
    if (threshold <= 0) {
      throw ConfValues.bad("clustering.label-threshold", "a positive number of standard deviations", threshold);
    }
    double fraction = c.getDouble("tune-k.sample-fraction");
    if (fraction <= 0 || fraction > 1) {
      throw ConfValues.bad("tune-k.sample-fraction", "a share in (0, 1]", fraction);
    }
    return new ClusteringConfig(
        ConfValues.oneOf(c, "clustering.mode", Mode.class),
        ConfValues.atLeast(c, "clustering.model-version", 0),
        ConfValues.atLeast(c, "clustering.k", 2),
        c.getLong("clustering.seed"),
        ConfValues.atLeast(c, "clustering.max-iterations", 1),
        features,
        threshold,
        fraction,
        ConfValues.atLeast(c, "clustering.max-training-customers", 0));
  }

  public enum Mode {
    REFIT,
    FROZEN
  }
}
