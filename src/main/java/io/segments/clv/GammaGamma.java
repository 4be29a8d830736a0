package io.segments.clv;

import static org.apache.commons.math3.special.Gamma.logGamma;

/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee 2005, "RFM and CLV"): a
 * customer's purchase values are Gamma(p, nu) with nu drawn from Gamma(q, v), independent of how often
 * the customer buys. A repeat customer is summarized by x repeat purchases of mean value m.
 *
 * @param p shape of the purchase values
 * @param q shape of the customers' scales
 * @param v scale of the customers' scales
 */
public record GammaGamma(double p, double q, double v) {

  /** The log-likelihood of one repeat customer (x > 0, m > 0). */
  public double logLikelihood(double x, double m) {
    return logLikelihood(x, m, termsOfX(x));
  }

  /** The part of the log-likelihood that depends on x alone: computed once per x, it saves three log-gammas a customer. */
  public double termsOfX(double x) {
    return logGamma(p * x + q) - logGamma(p * x) - logGamma(q) + q * Math.log(v) + p * x * Math.log(x);
  }

  /** @param termsOfX {@link #termsOfX} of this x */
  public double logLikelihood(double x, double m, double termsOfX) {
    return termsOfX + (p * x - 1) * Math.log(m) - (p * x + q) * Math.log(v + m * x);
  }

  /** The mean spend per purchase to expect: the population mean for a customer without repeat purchases. */
  public double expectedSpend(double x, double m) {
    return x > 0 && m > 0 ? p * (v + m * x) / (p * x + q - 1) : p * v / (q - 1);
  }
}
