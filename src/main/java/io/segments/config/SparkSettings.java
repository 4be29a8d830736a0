package io.segments.config;

import com.typesafe.config.Config;

/**
 * Session settings of the run.
 *
 * @param master master URL used only when none is set already (spark-submit sets one)
 * @param shufflePartitions spark.sql.shuffle.partitions; 0 = sized from the transactions input
 */
public record SparkSettings(String master, int shufflePartitions) {
  /** Compressed transactions Parquet per partition of an automatic choice. */
  public static final long AUTO_BYTES_PER_PARTITION = 64L << 20;
  private static final int MAX_AUTO_PARTITIONS = 4000;

  static SparkSettings from(Config c) {
    return new SparkSettings(ConfValues.nonEmpty(c, "spark.master"), ConfValues.atLeast(c, "spark.shuffle-partitions", 0));
  }

  /**
   * The shuffle partitions for a run over {@code transactionBytes} of Parquet on {@code cores}: the
   * configured number, or one per 64 MB (about 2M lines) rounded up to a whole number per core, at
   * least one per core (5 tasks on 2 cores run in three waves, the last on one core). A fixed number
   * that suits 10M lines makes each task of a 100M-line run sort and spill ten times as much; more
   * partitions than cores on a small input only add tasks (a 70k-line run spent seconds deserializing
   * the tasks of 16).
   */
  public int partitionsFor(long transactionBytes, int cores) {
    if (shufflePartitions > 0) {
      return shufflePartitions;
    }
    long auto = (transactionBytes + AUTO_BYTES_PER_PARTITION - 1) / AUTO_BYTES_PER_PARTITION;
    long perCore = Math.max(1, (auto + cores - 1) / cores);
    return (int) Math.min(MAX_AUTO_PARTITIONS, perCore * cores);
  }
}
