package io.segments.support;

import static io.segments.support.FrameAssertions.assertFrameEquals;
import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@SparkTest
class FrameAssertionsTest {
  private static final String DDL = "id STRING, x DOUBLE";

  @Test
  void equalRowsInAnyOrderAndDoublesWithinTolerancePass(SparkSession spark) {
    assertFrameEquals(
        of(spark, DDL, row("a", 1.0), row("b", 2.0)),
        of(spark, DDL, row("b", 2.0 + 1e-12), row("a", 1.0)));
  }

  @Test
  void aDoubleBeyondToleranceFails(SparkSession spark) {
    assertThrows(AssertionFailedError.class, () -> assertFrameEquals(
        of(spark, DDL, row("a", 1.0)), of(spark, DDL, row("a", 1.001)), 1e-6));
  }

  @Test
  void aMissingRowFails(SparkSession spark) {
    assertThrows(AssertionFailedError.class, () -> assertFrameEquals(
        of(spark, DDL, row("a", 1.0), row("b", 2.0)), of(spark, DDL, row("a", 1.0))));
  }

  @Test
  void aDifferentTypeFails(SparkSession spark) {
    assertThrows(AssertionFailedError.class, () -> assertFrameEquals(
        of(spark, "id STRING, x DOUBLE", row("a", 1.0)), of(spark, "id STRING, x FLOAT", row("a", 1.0f))));
  }
}
