package io.segments.config;

/**
 * Shares of purchasing customers in the high and mid value and frequency tiers; the rest are low.
 *
 * @param highShare top share that is high, e.g. 0.2
 * @param midShare next share that is mid, e.g. 0.3
 */
public record TierConfig(double highShare, double midShare) {

  /** Quantile probability above which a customer is high. */
  public double highQuantile() {
    return 1.0 - highShare;
  }

  /** Quantile probability above which a customer is at least mid. */
  public double midQuantile() {
    return 1.0 - highShare - midShare;
  }
}
