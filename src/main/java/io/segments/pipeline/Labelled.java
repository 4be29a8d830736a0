package io.segments.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Adds a key column and, next to it, its label column in the configured locale. */
public final class Labelled {
  private Labelled() {}

  /**
   * One projection for both columns: each withColumn is a plan the analyser checks whole again, and
   * the stages add about forty labelled keys (a third of a 70k-line run's driver time is analysis).
   */
  public static Dataset<Row> withKey(Dataset<Row> customers, String name, Column key, Map<String, String> labels) {
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put(name, key);
    columns.put(name + LocalizedLabel.SUFFIX, LocalizedLabel.of(key, labels));
    return customers.withColumns(columns);
  }

  /** Each key column followed by its label column, as {@link #withKey} adds them. */
  public static List<String> columns(String... keys) {
    List<String> columns = new ArrayList<>();
    for (String key : keys) {
      columns.add(key);
      columns.add(key + LocalizedLabel.SUFFIX);
    }
    return List.copyOf(columns);
  }
}
