package io.segments.output;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;

/**
 * An output table as BI tools see it: name, comment, and the ordered, commented columns that are its
 * stable API. {@link #conform} puts a stage's output into exactly that shape.
 *
 * @param name table name in the segments database
 * @param comment table comment
 * @param columns column name to comment, in table order
 */
public record TableSpec(String name, String comment, Map<String, String> columns) {
  public static final String SNAPSHOT_DATE = "snapshot_date";

  public TableSpec {
    columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  /** Builds a spec from alternating column names and comments. */
  public static TableSpec of(String name, String comment, String... columnsAndComments) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < columnsAndComments.length; i += 2) {
      columns.put(columnsAndComments[i], columnsAndComments[i + 1]);
    }
    return new TableSpec(name, comment, columns);
  }

  public List<String> columnNames() {
    return List.copyOf(columns.keySet());
  }

  /**
   * Selects the table's columns in order, each carrying its comment.
   *
   * @throws IllegalStateException when the frame lacks a column, which is a bug of the job
   */
  public Dataset<Row> conform(Dataset<Row> rows) {
    List<String> present = Arrays.asList(rows.columns());
    Column[] selected = columns.entrySet().stream()
        .map(column -> {
          if (!present.contains(column.getKey())) {
            throw new IllegalStateException(name + " needs column " + column.getKey() + "; have " + present);
          }
          Metadata comment = new MetadataBuilder().putString("comment", column.getValue()).build();
          return col(column.getKey()).as(column.getKey(), comment);
        })
        .toArray(Column[]::new);
    return rows.select(selected);
  }
}
