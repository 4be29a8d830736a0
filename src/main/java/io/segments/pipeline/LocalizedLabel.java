package io.segments.pipeline;

import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/** Turns a key column into its label column through a literal map: no UDF, no join. */
public final class LocalizedLabel {
  /** Suffix of every label column: rfm_segment → rfm_segment_label. */
  public static final String SUFFIX = "_label";

  private LocalizedLabel() {}

  /** The label of {@code key}; null where the key is null. */
  public static Column of(Column key, Map<String, String> labels) {
    List<Column> entries = new ArrayList<>();
    labels.forEach((k, v) -> {
      entries.add(lit(k));
      entries.add(lit(v));
    });
    return element_at(map(entries.toArray(Column[]::new)), key);
  }
}
