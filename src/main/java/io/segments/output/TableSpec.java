package io.segments.output;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * An output table as BI tools see it: name, comment, and the ordered, typed, commented columns that
 * are its stable API. {@link #conform} puts a stage's output into exactly that shape.
 *
 * @param name table name in the segments database
 * @param comment table comment
 * @param columns the columns in table order
 */
public record TableSpec(String name, String comment, List<ColumnSpec> columns) {
  public static final String SNAPSHOT_DATE = "snapshot_date";

  /** One column: its name, Spark type and comment. */
  public record ColumnSpec(String name, DataType type, String comment) {}

  public TableSpec {
    columns = List.copyOf(columns);
  }

  public static TableSpec of(String name, String comment, ColumnSpec... columns) {
    return new TableSpec(name, comment, List.of(columns));
  }

  public static ColumnSpec column(String name, DataType type, String comment) {
    return new ColumnSpec(name, type, comment);
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  /** The table's columns as a schema, for rows the job builds itself. */
  public StructType schema() {
    return new StructType(columns.stream()
        .map(column -> new StructField(column.name(), column.type(), true, Metadata.empty()))
        .toArray(StructField[]::new));
  }

  /** The schema of the rows a run builds for one snapshot: the table's columns but snapshot_date, which the writer adds. */
  public StructType snapshotRowSchema() {
    return new StructType(java.util.Arrays.stream(schema().fields())
        .filter(field -> !field.name().equals(SNAPSHOT_DATE)).toArray(StructField[]::new));
  }

  /**
   * Selects the table's columns in order, each carrying its comment. Only the plan is analysed, so a
   * frame is checked before anything of the run is written.
   *
   * @throws IllegalStateException when the frame lacks a column or has it with another type, which is
   *     a bug of the job
   */
  public Dataset<Row> conform(Dataset<Row> rows) {
    Map<String, DataType> present = new LinkedHashMap<>();
    for (StructField field : rows.schema().fields()) {
      present.put(field.name(), field.dataType());
    }
    List<Column> selected = new ArrayList<>();
    for (ColumnSpec column : columns) {
      DataType type = present.get(column.name());
      if (type == null) {
        throw new IllegalStateException(name + " needs column " + column.name() + "; have " + present.keySet());
      }
      // catalogString leaves out nullability, which the data decides.
      if (!type.catalogString().equals(column.type().catalogString())) {
        throw new IllegalStateException(name + "." + column.name() + " is " + column.type().catalogString()
            + ", the frame has " + type.catalogString());
      }
      Metadata comment = new MetadataBuilder().putString("comment", column.comment()).build();
      selected.add(col(column.name()).as(column.name(), comment));
    }
    return rows.select(selected.toArray(Column[]::new));
  }
}
