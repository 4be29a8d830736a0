package io.segments.config;

import com.typesafe.config.Config;

/**
 * Shares of purchasing customers in the high and mid value and frequency tiers; the rest are low.
 *
 * @param highShare top share that is high, e.g. 0.2
 * @param midShare next share that is mid, e.g. 0.3
 */
public record TierConfig(double highShare, double midShare) {

  static TierConfig from(Config c) {
    double high = c.getDouble("tiers.high-share");
    double mid = c.getDouble("tiers.mid-share");
    if (high <= 0 || high >= 1) {
      throw ConfValues.bad("tiers.high-share", "a share in (0, 1)", high);
    }
    if (mid <= 0 || high + mid >= 1) {
      throw ConfValues.bad("tiers.mid-share", "a share > 0 with high-share + mid-share < 1", mid);
    }
    return new TierConfig(high, mid);
  }

  /** Quantile probability above which a customer is high. */
  public double highQuantile() {
    return 1.0 - highShare;
  }

  /** Quantile probability above which a customer is at least mid. */
  public double midQuantile() {
    return 1.0 - highShare - midShare;
  }
}
