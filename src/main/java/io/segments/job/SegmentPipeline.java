package io.segments.job;

import io.segments.actions.Playbooks;
import io.segments.classification.CustomerClasses;
import io.segments.classification.ParetoClasses;
import io.segments.clustering.ClusterModel;
import io.segments.clustering.ClusterNames;
import io.segments.clustering.SegmentClusterer;
import io.segments.clv.ClvEstimator;
import io.segments.config.JobConfig;
import io.segments.features.CustomerFeatures;
import io.segments.pipeline.CustomerPipeline;
import io.segments.reasons.Reasons;
import io.segments.review.PreviousSegments;
import io.segments.rules.ConditionRules;
import io.segments.scoring.ScoringEstimator;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The order of the customer path of the nightly run. From the customer features: RFM scores and
 * segments, the segment of the snapshot compared with, the classifications, the k-means clusters,
 * predicted value (p_alive, clv), the Pareto classes, the rule tiers and tags, the playbooks'
 * actions, which may read everything before them, and last the reasons behind it all. Every stage
 * that learns reads only features, so each fits on the cached features.
 */
public final class SegmentPipeline {
  private SegmentPipeline() {}

  /**
   * @param partitions the run's shuffle partitions, which the Pareto ranking range-partitions into
   */
  public static CustomerPipeline of(JobConfig config, LocalDate asOf, Comparison comparison, int partitions) {
    return new CustomerPipeline(CustomerFeatures.COLUMNS, List.of(
        new ScoringEstimator(config.scoring(), config.tiers(), config.classThreshold(), config.rfmSegments(),
            config.labels()),
        new PreviousSegments(comparison.previousSegments()),
        new CustomerClasses(config.classification(), config.labels()),
        new SegmentClusterer(config.clustering(), ClusterNames.of(config.labels()), comparison.frozenClusters(),
            comparison.previousClusters()),
        new ClvEstimator(config.clv()),
        new ParetoClasses(config.classification(), config.labels(), partitions),
        new ConditionRules(config.ruleTiers(), config.tags(), config.labels()),
        new Playbooks(config.actions(), asOf),
        new Reasons(config.ruleTiers(), config.tags(), config.actions())));
  }

  /** A pipeline of a first snapshot: nothing to compare with, clusters refitted. */
  public static CustomerPipeline of(JobConfig config, LocalDate asOf, int partitions) {
    return of(config, asOf, Comparison.NONE, partitions);
  }

  /**
   * What the run brings from earlier snapshots.
   *
   * @param previousSegments customer_segments rows of the snapshot compared with
   * @param frozenClusters the saved cluster model to assign with, in frozen mode
   * @param previousClusters the model of the snapshot compared with, whose ids a refit keeps
   */
  public record Comparison(Optional<Dataset<Row>> previousSegments, Optional<ClusterModel> frozenClusters,
      Optional<ClusterModel> previousClusters) {
    public static final Comparison NONE = new Comparison(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
