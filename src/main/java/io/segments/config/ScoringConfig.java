package io.segments.config;

import java.util.List;
import java.util.Optional;

/**
 * How the 1-5 scores are cut for each RFM dimension.
 *
 * @param quantileRelativeError relative error of the approximate quantiles (0 = exact)
 * @param recency cut-offs of recency_days
 * @param frequency cut-offs of frequency
 * @param monetary cut-offs of monetary
 */
public record ScoringConfig(
    double quantileRelativeError, DimensionCutoffs recency, DimensionCutoffs frequency, DimensionCutoffs monetary) {

  /** The probabilities of the four quantile cut-offs of a 1-5 score. */
  public static final List<Double> SCORE_QUANTILES = List.of(0.2, 0.4, 0.6, 0.8);

  /**
   * Either quantile cut-offs computed from the data each run, or four fixed business cut-offs.
   *
   * @param fixed the four ascending cut-offs; empty for quantile cut-offs
   */
  public record DimensionCutoffs(Optional<List<Double>> fixed) {
    public DimensionCutoffs {
      fixed = fixed.map(List::copyOf);
    }

    public static DimensionCutoffs quantile() {
      return new DimensionCutoffs(Optional.empty());
    }

    public static DimensionCutoffs fixed(List<Double> cutoffs) {
      return new DimensionCutoffs(Optional.of(cutoffs));
    }
  }
}
