package io.segments.support;

/**
 * The adjusted Rand index by its pair-counting form (Steinley 2004), from every pair of items: an
 * independent check of the contingency-table form the job computes.
 */
public final class PairCounting {
  private PairCounting() {}

  public static double adjustedRandIndex(int[] a, int[] b) {
    double together = 0;
    double onlyA = 0;
    double onlyB = 0;
    double neither = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        boolean inA = a[i] == a[j];
        boolean inB = b[i] == b[j];
        together += inA && inB ? 1 : 0;
        onlyA += inA && !inB ? 1 : 0;
        onlyB += inB && !inA ? 1 : 0;
        neither += !inA && !inB ? 1 : 0;
      }
    }
    return 2 * (neither * together - onlyA * onlyB)
        / ((neither + onlyA) * (onlyA + together) + (neither + onlyB) * (onlyB + together));
  }
}
