package io.segments.clv;

import static org.apache.commons.math3.special.Gamma.logGamma;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * The BG/NBD model of repeat purchases and dropout (Fader, Hardie and Lee 2005): while alive a
 * customer buys at a Poisson rate drawn from Gamma(r, alpha), and after each purchase drops out with a
 * probability drawn from Beta(a, b). A customer is summarized by x repeat purchases, the time t_x of
 * the last one and the time T observed, all from the first purchase, in the model's time unit.
 *
 * @param r shape of the purchase rates
 * @param alpha scale of the purchase rates
 * @param a first shape of the dropout probabilities
 * @param b second shape of the dropout probabilities
 */
public record BgNbd(double r, double alpha, double a, double b) implements java.io.Serializable {

  /** The log-likelihood of one customer; finite for any x, since it works in logs throughout. */
  public double logLikelihood(double x, double tx, double t) {
    return logLikelihood(x, tx, t, termsOfX(x));
  }

  /** The part of the log-likelihood that depends on x alone: computed once per x, it saves four log-gammas a customer. */
  public double termsOfX(double x) {
    return logGamma(r + x) - logGamma(r) + r * Math.log(alpha)
        + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  }

  /** @param termsOfX {@link #termsOfX} of this x */
  public double logLikelihood(double x, double tx, double t, double termsOfX) {
    double a3 = -(r + x) * Math.log(alpha + t);
    if (x == 0) {
      return termsOfX + a3;
    }
    double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
    double high = Math.max(a3, a4);
    return termsOfX + high + Math.log(Math.exp(a3 - high) + Math.exp(a4 - high));
  }

  /** P(alive | x, t_x, T). */
  public double probabilityAlive(double x, double tx, double t) {
    if (x == 0) {
      return 1.0;
    }
    return 1.0 / (1.0 + Math.exp(Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + t) / (alpha + tx))));
  }

  /**
   * P(alive | x, t_x, T) as a column of x, t_x and T, the same formula as {@link #probabilityAlive}:
   * customers' predictions are columns, so that only their (x, T) go through Java.
   */
  public Column probabilityAlive(Column x, Column tx, Column t) {
    Column logOdds = log(lit(a).divide(lit(b).plus(x).minus(1)))
        .plus(lit(r).plus(x).multiply(log(lit(alpha).plus(t).divide(lit(alpha).plus(tx)))));
    return when(x.equalTo(0), lit(1.0)).otherwise(lit(1.0).divide(lit(1.0).plus(exp(logOdds))));
  }

  /** The purchases to expect in the next {@code horizon} time units, given x, t_x and T. */
  public double expectedPurchases(double horizon, double x, double tx, double t) {
    return expectedPurchasesIfAlive(horizon, x, t) * probabilityAlive(x, tx, t);
  }

  /**
   * The purchases to expect in the next {@code horizon} time units of a customer still alive, given x
   * and T: t_x enters the expectation only through P(alive).
   */
  public double expectedPurchasesIfAlive(double horizon, double x, double t) {
    if (horizon <= 0) {
      return 0.0;
    }
    double z = horizon / (alpha + t + horizon);
    double logRatio = (r + x) * Math.log((alpha + t) / (alpha + t + horizon));
    double hyper = Hypergeometric.logH2f1(r + x, b + x, a + b + x - 1, z);
    return (a + b + x - 1) / (a - 1) * -Math.expm1(logRatio + hyper);
  }
}
