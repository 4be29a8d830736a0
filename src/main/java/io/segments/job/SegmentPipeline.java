package io.segments.job;

import io.segments.classification.CustomerClasses;
import io.segments.classification.ParetoClasses;
import io.segments.clustering.ClusterModel;
import io.segments.clustering.SegmentClusterer;
import io.segments.clv.ClvEstimator;
import io.segments.config.JobConfig;
import io.segments.features.CustomerFeatures;
import io.segments.pipeline.CustomerPipeline;
import io.segments.rules.ConditionRules;
import io.segments.scoring.ScoringEstimator;
import java.util.List;
import java.util.Optional;

/**
 * The order of the customer path of the nightly run. From the customer features: RFM scores and
 * segments, the classifications, the k-means clusters, predicted value (p_alive, clv), the Pareto
 * classes, then the rule tiers and tags, which may read everything before them. The fit transforms
 * through every stage before the last one that learns (clv), so the Pareto ranking, which learns
 * nothing and is costly to apply, comes after it and runs once.
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
        new ClvEstimator(config.clv()),
        new ParetoClasses(config.classification(), config.labels(), partitions),
        new ConditionRules(config.ruleTiers(), config.tags(), config.labels())));
  }
}
