package io.segments.clustering;

import io.segments.config.ClusteringConfig;
import io.segments.features.RfmFeatures;
import io.segments.pipeline.CustomerStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The clusters stage: trains the k-means model of a snapshot on its purchasing customers and gives its
 * clusters the ids of the previous snapshot's model they match (refit), or hands on the saved model it
 * was given (frozen). The caller loads both models.
 */
public final class SegmentClusterer implements CustomerStage {
  private final ClusteringConfig config;
  private final ClusterNames names;
  private final Optional<ClusterModel> frozen;
  private final Optional<ClusterModel> previous;

  /**
   * @param frozen the saved model to assign with instead of fitting one
   * @param previous the model of the snapshot a refit is compared with, whose ids it keeps
   */
  public SegmentClusterer(ClusteringConfig config, ClusterNames names, Optional<ClusterModel> frozen,
      Optional<ClusterModel> previous) {
    this.config = config;
    this.names = names;
    this.frozen = frozen;
    this.previous = previous;
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

  /**
   * k-means trains on one partition per this many purchasers: every iteration is a Spark job with a
   * task per partition, and on a small snapshot the tasks' overhead was the fit (CDNOW: 17.3 s in ~45
   * partitions, 5.0 s in one, within 0.1 % of the same within-cluster cost). The count depends on the
   * rows only, so a cluster and a laptop train alike.
   */
  private static final long ROWS_PER_PARTITION = 100_000;

  @Override
  public ClusterModel fit(Dataset<Row> customers) {
    if (frozen.isPresent()) {
      return frozen.get();
    }
    Dataset<Row> purchasers = ClusterFeatures.withLogs(customers.where(RfmFeatures.isPurchaser()), config.features());
    long rows = purchasers.count();
    if (rows == 0) {
      return ClusterModel.none(config);
    }
    long cap = config.maxTrainingCustomers();
    // Centroids of a few hundred thousand customers are as good as those of all (the README gives the
    // cost of both at 10M lines); every customer is still assigned by the fitted model.
    Dataset<Row> training = cap > 0 && rows > cap ? purchasers.sample(false, (double) cap / rows, config.seed()) : purchasers;
    long trainingRows = cap > 0 ? Math.min(rows, cap) : rows;
    PipelineModel pipeline = ClusterFeatures.pipeline(config).fit(
        training.coalesce((int) Math.max(1, (trainingRows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION)));
    ClusterModel fitted = ClusterModel.of(pipeline, config, names);
    return previous.map(fitted::matchedTo).orElse(fitted);
  }
}
