package io.segments.config;

/**
 * One rule of the 11-segment model: customers whose r_score and fm = (f_score + m_score) / 2 lie in
 * the inclusive ranges belong to {@code key}, unless an earlier rule matched.
 */
public record SegmentRule(String key, int rMin, int rMax, double fmMin, double fmMax) {

  public boolean matches(int r, double fm) {
    return r >= rMin && r <= rMax && fm >= fmMin && fm <= fmMax;
  }
}
