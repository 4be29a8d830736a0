package io.segments.config;

import com.typesafe.config.Config;
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

  static ScoringConfig from(Config c) {
    double error = c.getDouble("scoring.quantile-relative-error");
    if (error < 0 || error >= 1) {
      throw ConfValues.bad("scoring.quantile-relative-error", "a number in [0, 1)", error);
    }
    return new ScoringConfig(error, DimensionCutoffs.from(c, "scoring.recency"),
        DimensionCutoffs.from(c, "scoring.frequency"), DimensionCutoffs.from(c, "scoring.monetary"));
  }

  /**
   * Either quantile cut-offs computed from the data each run, or four fixed business cut-offs.
   *
   * @param fixed the four ascending cut-offs; empty for quantile cut-offs
   */
  public record DimensionCutoffs(Optional<List<Double>> fixed) {
    public DimensionCutoffs {
      fixed = fixed.map(List::copyOf);
    }

    static DimensionCutoffs from(Config c, String path) {
      String method = c.getString(path + ".method");
      List<Double> values = c.getDoubleList(path + ".cutoffs");
      switch (method) {
        case "quantile":
          return quantile();
        case "fixed":
          boolean ascending = values.size() == 4;
          for (int i = 1; ascending && i < values.size(); i++) {
            ascending = values.get(i - 1) < values.get(i);
          }
          if (!ascending) {
            throw ConfValues.bad(path + ".cutoffs", "four strictly ascending numbers when method = fixed", values);
          }
          return fixed(values);
        default:
          throw ConfValues.bad(path + ".method", "quantile or fixed", method);
      }
    }

    public static DimensionCutoffs quantile() {
      return new DimensionCutoffs(Optional.empty());
    }

    public static DimensionCutoffs fixed(List<Double> cutoffs) {
      return new DimensionCutoffs(Optional.of(cutoffs));
    }
  }
}
