package io.segments.clustering;

import java.util.Arrays;

/**
 * The one-to-one assignment of new clusters to previous ones with the least total cost, by the
 * Hungarian algorithm (Kuhn-Munkres with potentials, O(k³)): what keeps a cluster id's meaning
 * when the model is refitted.
 */
final class CentroidMatching {
  private CentroidMatching() {}

  /**
   * @param cost square matrix, cost[i][j] of giving new cluster i the previous id j
   * @return for each new cluster the previous id it takes
   */
  static int[] leastCost(double[][] cost) {
    int n = cost.length;
    double[] rowPotential = new double[n + 1];
    double[] columnPotential = new double[n + 1];
    // rowOfColumn[j]: the row (1-based) matched to column j; column 0 is the free slot being placed.
    int[] rowOfColumn = new int[n + 1];
    int[] previousColumn = new int[n + 1];
    for (int row = 1; row <= n; row++) {
      rowOfColumn[0] = row;
      int column = 0;
      double[] slack = new double[n + 1];
      Arrays.fill(slack, Double.POSITIVE_INFINITY);
      boolean[] used = new boolean[n + 1];
      do {
        used[column] = true;
        int matchedRow = rowOfColumn[column];
        double delta = Double.POSITIVE_INFINITY;
        int next = 0;
        for (int j = 1; j <= n; j++) {
          if (!used[j]) {
            double reduced = cost[matchedRow - 1][j - 1] - rowPotential[matchedRow] - columnPotential[j];
            if (reduced < slack[j]) {
              slack[j] = reduced;
              previousColumn[j] = column;
            }
            if (slack[j] < delta) {
              delta = slack[j];
              next = j;
            }
          }
        }
        for (int j = 0; j <= n; j++) {
          if (used[j]) {
            rowPotential[rowOfColumn[j]] += delta;
            columnPotential[j] -= delta;
          } else {
            slack[j] -= delta;
          }
        }
        column = next;
      } while (rowOfColumn[column] != 0);
      do {
        int before = previousColumn[column];
        rowOfColumn[column] = rowOfColumn[before];
        column = before;
      } while (column != 0);
    }
    int[] columnOfRow = new int[n];
    for (int j = 1; j <= n; j++) {
      columnOfRow[rowOfColumn[j] - 1] = j - 1;
    }
    return columnOfRow;
  }
}
