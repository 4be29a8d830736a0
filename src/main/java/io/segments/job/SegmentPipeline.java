package io.segments.job;

import io.segments.classification.CustomerClasses;
import io.segments.classification.ParetoClasses;
import io.segments.clustering.ClusterModel;
import io.segments.clv.ClvEstimator;
import io.segments.clustering.SegmentClusterer;
import io.segments.config.JobConfig;
import io.segments.features.CustomerFeatures;
import io.segments.pipeline.CustomerPipeline;
import io.segments.rules.ConditionRules;
import io.segments.scoring.ScoringEstimator;
import java.util.List;
import java.util.Optional;

/**
 * The order of the customer path of the nightly run. From the customer features: RFM scores and
 * segments, the classifications, the k-means clusters, the Pareto classes, predicted value (p_alive,
 * clv), then the rule tiers and tags, which may read everything before them.
 */
public final class SegmentPipeline {
  private SegmentPipeline() {}

  /**
   * @param frozenClusters the saved cluster model to assign with, in frozen mode
   * @param partitions the run's shuffle partitions, which the Pareto ranking range-partitions into
   */
  public static CustomerPipeline of(JobConfig config, Optional<ClusterModel> frozenClusters, int partitions) {
    return new CustomerPipeline(CustomerFeatures.COLUMNS, List.of(
        new ScoringEstimator(config.scoring(), config.tiers(), config.classThreshold(), config.rfmSegments(),
            config.labels()),
        new CustomerClasses(config.classification(), config.labels()),
        new SegmentClusterer(config.clustering(), config.labels().of("cluster"), frozenClusters),
        new ParetoClasses(config.classification(), config.labels(), partitions),
        new ClvEstimator(config.clv()),
        new ConditionRules(config.ruleTiers(), config.tags(), config.labels())));
  }
}
