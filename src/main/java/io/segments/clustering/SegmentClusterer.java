package io.segments.clustering;

import io.segments.config.ClusteringConfig;
import io.segments.features.RfmFeatures;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Trains the k-means model of a snapshot on its purchasing customers (the estimator). */
public final class SegmentClusterer {
  private final ClusteringConfig config;
  private final Map<String, String> labels;

  /** @param labels cluster key to label, in the configured locale */
  public SegmentClusterer(ClusteringConfig config, Map<String, String> labels) {
    this.config = config;
    this.labels = labels;
  }

  public ClusterModel fit(Dataset<Row> customers) {
    Dataset<Row> purchasers = ClusterFeatures.withLogs(customers.where(RfmFeatures.isPurchaser()), config.features());
    if (purchasers.isEmpty()) {
      return ClusterModel.none(config);
    }
    PipelineModel pipeline = ClusterFeatures.pipeline(config).fit(purchasers);
    return ClusterModel.of(pipeline, config, labels);
  }
}
