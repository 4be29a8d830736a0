package io.segments.config;

/**
 * Session settings of the run.
 *
 * @param master master URL used only when none is set already (spark-submit sets one)
 * @param shufflePartitions spark.sql.shuffle.partitions
 */
public record SparkSettings(String master, int shufflePartitions) {}
