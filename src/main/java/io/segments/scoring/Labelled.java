package io.segments.scoring;

import static org.apache.spark.sql.functions.col;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Adds a key column and, next to it, its label column in the configured locale. */
final class Labelled {
  private Labelled() {}

  static Dataset<Row> withKey(Dataset<Row> customers, String name, Column key, Map<String, String> labels) {
    return customers
        .withColumn(name, key)
        .withColumn(name + LocalizedLabel.SUFFIX, LocalizedLabel.of(col(name), labels));
  }
}
