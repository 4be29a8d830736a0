package io.segments.scoring;

import io.segments.config.ClassificationConfig;
import io.segments.config.Labels;
import io.segments.config.SegmentRule;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The fitted scoring of one snapshot: the cut-offs {@link ScoringEstimator} learned from the
 * purchasing customers (or took from conf), plus the segment rules and labels that turn scores into
 * named segments. Applying it is a pure column transformation, so the same model scores any frame.
 *
 * @param recencyCutoffs four ascending recency_days cut-offs of r_score
 * @param frequencyCutoffs four ascending frequency cut-offs of f_score
 * @param monetaryCutoffs four ascending monetary cut-offs of m_score
 * @param valueTierCutoffs monetary above [0] is at least mid, above [1] is high
 * @param frequencyTierCutoffs frequency above [0] is at least mid, above [1] is high
 * @param classThresholds recency, frequency and monetary thresholds of the 8-class model
 * @param cohortBoundaries first-purchase dates splitting early / mid / late; empty without purchasers
 * @param classification parameters of the profile and behaviour classes
 */
public record ScoringModel(
    List<Double> recencyCutoffs,
    List<Double> frequencyCutoffs,
    List<Double> monetaryCutoffs,
    List<Double> valueTierCutoffs,
    List<Double> frequencyTierCutoffs,
    List<Double> classThresholds,
    List<SegmentRule> segmentRules,
    List<LocalDate> cohortBoundaries,
    ClassificationConfig classification,
    Labels labels) {

  public ScoringModel {
    recencyCutoffs = List.copyOf(recencyCutoffs);
    frequencyCutoffs = List.copyOf(frequencyCutoffs);
    monetaryCutoffs = List.copyOf(monetaryCutoffs);
    valueTierCutoffs = List.copyOf(valueTierCutoffs);
    frequencyTierCutoffs = List.copyOf(frequencyTierCutoffs);
    classThresholds = List.copyOf(classThresholds);
    segmentRules = List.copyOf(segmentRules);
    cohortBoundaries = List.copyOf(cohortBoundaries);
  }

  /** Adds scores, rfm_cell, both segment models and both tiers, each key with its label. */
  public Dataset<Row> transform(Dataset<Row> rfm) {
    Dataset<Row> scored = RfmScores.apply(rfm, this);
    scored = RfmSegments.apply(scored, segmentRules, labels.of(RfmSegments.RFM_SEGMENT));
    scored = RfmClassCn.apply(scored, classThresholds, labels.of(RfmClassCn.RFM_CLASS_CN));
    return Tiers.apply(scored, this);
  }

  /**
   * Adds the cohort and the profile and behaviour classes, each key with its label.
   *
   * @param customers every column of {@link io.segments.features.CustomerFeatures}
   */
  public Dataset<Row> classify(Dataset<Row> customers) {
    Dataset<Row> classified = Cohorts.apply(customers, cohortBoundaries, labels.of(Cohorts.CUSTOMER_COHORT));
    classified = ProfileClasses.apply(classified, classification, labels);
    return BehaviourClasses.apply(classified, classification, labels);
  }

  /** The learned numbers, for the run log. */
  public String describe() {
    return String.format(
        "{\"recency_cutoffs\":%s,\"frequency_cutoffs\":%s,\"monetary_cutoffs\":%s,"
            + "\"value_tier_cutoffs\":%s,\"frequency_tier_cutoffs\":%s,\"rfm_class_cn_thresholds\":%s,"
            + "\"cohort_boundaries\":%s}",
        recencyCutoffs, frequencyCutoffs, monetaryCutoffs, valueTierCutoffs, frequencyTierCutoffs, classThresholds,
        cohortBoundaries.stream().map(date -> "\"" + date + "\"").toList());
  }
}
