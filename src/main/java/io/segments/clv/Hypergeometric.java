package io.segments.clv;

/**
 * Gauss's hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1 and positive a, b, c, as BG/NBD's
 * expected purchases need it. The series is summed in logs, term by term, so that customers with
 * hundreds of purchases (large a and b) stay finite; it converges geometrically for z < 1.
 */
final class Hypergeometric {
  private static final int MAX_TERMS = 100_000;
  private static final double TOLERANCE = 1e-14;

  private Hypergeometric() {}

  /** ln 2F1(a, b; c; z). */
  static double logH2f1(double a, double b, double c, double z) {
    if (z == 0) {
      return 0.0;
    }
    double logTerm = 0.0;
    double logSum = 0.0;
    for (int k = 0; k < MAX_TERMS; k++) {
      logTerm += Math.log((a + k) * (b + k) * z / ((c + k) * (k + 1)));
      double high = Math.max(logSum, logTerm);
      logSum = high + Math.log(Math.exp(logSum - high) + Math.exp(logTerm - high));
      if (logTerm - logSum < Math.log(TOLERANCE) && (a + k) * (b + k) * z < (c + k) * (k + 1)) {
        return logSum;
      }
    }
    return logSum;
  }
}
