package io.segments.clustering;

import io.segments.config.ClusteringConfig;
import io.segments.features.RfmFeatures;
import io.segments.pipeline.CustomerStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The clusters stage: trains the k-means model of a snapshot on its purchasing customers (refit), or
 * hands on the saved model it was given (frozen), which the caller loaded.
 */
public final class SegmentClusterer implements CustomerStage {
  private final ClusteringConfig config;
  private final Map<String, String> labels;
  private final Optional<ClusterModel> frozen;

  /**
   * @param labels cluster key to label, in the configured locale
   * @param frozen the saved model to assign with instead of fitting one
   */
  public SegmentClusterer(ClusteringConfig config, Map<String, String> labels, Optional<ClusterModel> frozen) {
    this.config = config;
    this.labels = labels;
    this.frozen = frozen;
  }

  @Override
  public String name() {
    return "clusters";
  }

  @Override
  public List<String> reads() {
    List<String> reads = new ArrayList<>(config.features());
    reads.add(RfmFeatures.LAST_PURCHASE_DATE);
    return reads;
  }

  @Override
  public List<String> adds() {
    return List.of(ClusterModel.CLUSTER_ID, ClusterModel.CLUSTER_LABEL);
  }

  @Override
  public ClusterModel fit(Dataset<Row> customers) {
    if (frozen.isPresent()) {
      return frozen.get();
    }
    Dataset<Row> purchasers = ClusterFeatures.withLogs(customers.where(RfmFeatures.isPurchaser()), config.features());
    if (purchasers.isEmpty()) {
      return ClusterModel.none(config);
    }
    PipelineModel pipeline = ClusterFeatures.pipeline(config).fit(purchasers);
    return ClusterModel.of(pipeline, config, labels);
  }
}
