package io.segments.output;

import static io.segments.output.TableSpec.column;
import static io.segments.support.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.support.Frames;
import io.segments.support.SparkTest;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

@SparkTest
class TableSpecTest {
  private static final TableSpec SPEC = TableSpec.of("t", "a table",
      column("id", DataTypes.StringType, "key"), column("n", DataTypes.LongType, "a count"));

  @Test
  void conformSelectsTheColumnsInOrderWithTheirComments(SparkSession spark) {
    Dataset<Row> conformed = SPEC.conform(Frames.of(spark, "n BIGINT, extra STRING, id STRING", row(1L, "x", "a")));

    assertEquals(List.of("id", "n"), List.of(conformed.columns()));
    assertEquals("a count", conformed.schema().apply("n").getComment().get());
  }

  @Test
  void aMissingColumnOrAnotherTypeIsCaughtBeforeAnythingRuns(SparkSession spark) {
    String missing = assertThrows(IllegalStateException.class,
        () -> SPEC.conform(Frames.of(spark, "id STRING", row("a")))).getMessage();
    assertTrue(missing.contains("t needs column n"), missing);
    String wrongType = assertThrows(IllegalStateException.class,
        () -> SPEC.conform(Frames.of(spark, "id STRING, n INT", row("a", 1)))).getMessage();
    assertTrue(wrongType.contains("t.n is bigint, the frame has int"), wrongType);
  }

  @Test
  void noOutputTableNamesAColumnTwice() {
    for (TableSpec table : List.of(SegmentTables.CUSTOMER_SEGMENTS, SegmentTables.SEGMENT_SUMMARY,
        SegmentTables.CLUSTER_PROFILES, SegmentTables.KMEANS_SWEEP, SegmentTables.REJECTED_TRANSACTIONS,
        SegmentTables.TAG_DICTIONARY, SegmentTables.JOB_RUNS)) {
      assertEquals(table.columnNames().size(), table.columnNames().stream().distinct().count(), table.name());
    }
  }
}
