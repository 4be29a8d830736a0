package io.segments.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * DataFrame equality for tests: the same column names and types (nullability aside), and the same
 * rows in any order, doubles equal within a tolerance. Failures say which row and column differ.
 */
public final class FrameAssertions {
  public static final double DEFAULT_TOLERANCE = 1e-9;

  private FrameAssertions() {}

  public static void assertFrameEquals(Dataset<Row> expected, Dataset<Row> actual) {
    assertFrameEquals(expected, actual, DEFAULT_TOLERANCE);
  }

  public static void assertFrameEquals(Dataset<Row> expected, Dataset<Row> actual, double tolerance) {
    assertSchemaEquals(expected.schema(), actual.schema());
    List<Row> want = sorted(expected.collectAsList());
    List<Row> got = sorted(actual.collectAsList());
    assertEquals(want.size(), got.size(), () -> "row count; expected " + want + " but got " + got);
    for (int i = 0; i < want.size(); i++) {
      for (int c = 0; c < want.get(i).size(); c++) {
        Object w = want.get(i).get(c);
        Object g = got.get(i).get(c);
        if (!valuesEqual(w, g, tolerance)) {
          fail("row " + i + " column " + expected.schema().fields()[c].name() + ": expected " + w + " but got " + g
              + "\n expected rows " + want + "\n actual rows   " + got);
        }
      }
    }
  }

  /**
   * The same rows, counted, compared by Spark without collecting them: for whole snapshots. Maps,
   * which set operations cannot compare, are compared as their sorted entries.
   */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual, String message) {
    Dataset<Row> want = comparable(expected);
    Dataset<Row> got = comparable(actual);
    assertEquals(0, want.exceptAll(got).count() + got.exceptAll(want).count(), message);
  }

  private static Dataset<Row> comparable(Dataset<Row> rows) {
    Dataset<Row> comparable = rows;
    for (StructField field : rows.schema().fields()) {
      if (field.dataType() instanceof org.apache.spark.sql.types.MapType) {
        comparable = comparable.withColumn(field.name(), org.apache.spark.sql.functions.array_sort(
            org.apache.spark.sql.functions.map_entries(org.apache.spark.sql.functions.col(field.name()))));
      }
    }
    return comparable;
  }

  public static void assertSchemaEquals(StructType expected, StructType actual) {
    List<String> want = new ArrayList<>();
    List<String> got = new ArrayList<>();
    for (StructField f : expected.fields()) {
      want.add(f.name() + " " + f.dataType().simpleString());
    }
    for (StructField f : actual.fields()) {
      got.add(f.name() + " " + f.dataType().simpleString());
    }
    assertEquals(want, got, "schema");
  }

  private static boolean valuesEqual(Object expected, Object actual, double tolerance) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected instanceof Double || expected instanceof Float) {
      double w = ((Number) expected).doubleValue();
      double g = ((Number) actual).doubleValue();
      return Double.compare(w, g) == 0 || Math.abs(w - g) <= tolerance * Math.max(1.0, Math.abs(w));
    }
    if (expected instanceof BigDecimal w && actual instanceof BigDecimal g) {
      return w.compareTo(g) == 0;
    }
    return expected.equals(actual);
  }

  /** Rows ordered by their text form, so that two frames compare regardless of partitioning. */
  private static List<Row> sorted(List<Row> rows) {
    List<Row> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Row::toString));
    return copy;
  }
}
