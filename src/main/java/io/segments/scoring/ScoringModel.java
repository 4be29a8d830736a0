package io.segments.scoring;

import io.segments.config.Labels;
import io.segments.config.SegmentRule;
import io.segments.pipeline.FittedStage;
import io.segments.pipeline.Labelled;
import java.util.List;
import java.util.stream.Stream;
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
 */
public record ScoringModel(
    List<Double> recencyCutoffs,
    List<Double> frequencyCutoffs,
    List<Double> monetaryCutoffs,
    List<Double> valueTierCutoffs,
    List<Double> frequencyTierCutoffs,
    List<Double> classThresholds,
    List<SegmentRule> segmentRules,
    Labels labels) implements FittedStage {

  /** The columns {@link #transform} adds, in order. */
  public static final List<String> COLUMNS = Stream.concat(
          Stream.of(RfmScores.R_SCORE, RfmScores.F_SCORE, RfmScores.M_SCORE, RfmScores.RFM_CELL),
          Labelled.columns(RfmSegments.RFM_SEGMENT, RfmClassCn.RFM_CLASS_CN, Tiers.VALUE_TIER, Tiers.FREQUENCY_TIER)
              .stream())
      .toList();

  public ScoringModel {
    recencyCutoffs = List.copyOf(recencyCutoffs);
    frequencyCutoffs = List.copyOf(frequencyCutoffs);
    monetaryCutoffs = List.copyOf(monetaryCutoffs);
    valueTierCutoffs = List.copyOf(valueTierCutoffs);
    frequencyTierCutoffs = List.copyOf(frequencyTierCutoffs);
    classThresholds = List.copyOf(classThresholds);
    segmentRules = List.copyOf(segmentRules);
  }

  /** Adds scores, rfm_cell, both segment models and both tiers, each key with its label. */
  @Override
  public Dataset<Row> transform(Dataset<Row> rfm) {
    Dataset<Row> scored = RfmScores.apply(rfm, this);
    scored = RfmSegments.apply(scored, segmentRules, labels.of(RfmSegments.RFM_SEGMENT));
    scored = RfmClassCn.apply(scored, classThresholds, labels.of(RfmClassCn.RFM_CLASS_CN));
    return Tiers.apply(scored, this);
  }

  @Override
  public String learned() {
    return String.format(
        "\"recency_cutoffs\":%s,\"frequency_cutoffs\":%s,\"monetary_cutoffs\":%s,"
            + "\"value_tier_cutoffs\":%s,\"frequency_tier_cutoffs\":%s,\"rfm_class_cn_thresholds\":%s",
        recencyCutoffs, frequencyCutoffs, monetaryCutoffs, valueTierCutoffs, frequencyTierCutoffs, classThresholds);
  }
}
