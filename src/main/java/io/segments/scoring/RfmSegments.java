package io.segments.scoring;

import io.segments.features.RfmFeatures;

import static io.segments.scoring.RfmScores.F_SCORE;
import static io.segments.scoring.RfmScores.M_SCORE;
import static io.segments.scoring.RfmScores.R_SCORE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.segments.config.SegmentRule;
import io.segments.pipeline.Labelled;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * rfm_segment: the 11-segment model on r_score and fm = (f_score + m_score) / 2, by the conf rules in
 * order (first match wins; the loader has checked they cover every pair). No purchase → no_purchase.
 */
public final class RfmSegments {
  public static final String RFM_SEGMENT = "rfm_segment";
  public static final String NO_PURCHASE = "no_purchase";

  private RfmSegments() {}

  static Dataset<Row> apply(Dataset<Row> scored, List<SegmentRule> rules, Map<String, String> labels) {
    Column r = col(R_SCORE);
    Column fm = col(F_SCORE).plus(col(M_SCORE)).divide(2.0);
    Column segment = functions.when(RfmFeatures.isPurchaser().unary_$bang(), lit(NO_PURCHASE));
    for (SegmentRule rule : rules) {
      segment = segment.when(
          r.between(rule.rMin(), rule.rMax()).and(fm.between(rule.fmMin(), rule.fmMax())), lit(rule.key()));
    }
    return Labelled.withKey(scored, RFM_SEGMENT, segment, labels);
  }
}
