package io.segments.input;

import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.InvalidInputException;
import io.segments.config.ConfigLoader;
import io.segments.config.InputConfig;
import io.segments.support.SparkTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class TransactionSchemaTest {
  private static InputConfig mapping(Map<String, String> overrides) {
    return ConfigLoader.load(Optional.empty(), overrides).input();
  }

  @Test
  void mappedColumnsAreRenamedAndAbsentOptionalColumnsAreNull(SparkSession spark) {
    Dataset<Row> source = of(spark, "oid STRING, cust BIGINT, ts STRING, amt DOUBLE, note STRING",
        row("o1", 7L, "2024-01-01 10:00:00", 9.5, "gift"));
    InputConfig input = mapping(Map.of(
        "input.columns.order_id", "oid", "input.columns.customer_id", "cust",
        "input.columns.order_ts", "ts", "input.columns.amount", "amt"));

    Row conformed = TransactionSchema.conform(source, input, "lines.parquet").first();

    assertEquals("o1", conformed.getAs("order_id"));
    assertEquals(7L, (Long) conformed.getAs("customer_id"));
    assertNull(conformed.getAs("line_id"));
    assertNull(conformed.getAs("category"));
    assertEquals(Map.of("note", "gift"), scala.jdk.javaapi.CollectionConverters.asJava(
        conformed.<scala.collection.Map<String, String>>getAs("other_columns")));
  }

  @Test
  void aMissingRequiredColumnNamesTheFileAndTheColumn(SparkSession spark) {
    Dataset<Row> source = of(spark, "order_id STRING, customer_id STRING, order_ts TIMESTAMP",
        row("o1", "c1", null));
    String message = assertThrows(InvalidInputException.class,
        () -> TransactionSchema.conform(source, mapping(Map.of()), "/data/lines")).getMessage();
    assertEquals("transactions /data/lines: missing required column 'amount'", message);
  }

  @Test
  void aMissingMappedColumnSaysWhichContractColumnItFeeds(SparkSession spark) {
    Dataset<Row> source = of(spark, "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount DOUBLE",
        row("o1", "c1", null, 1.0));
    String message = assertThrows(InvalidInputException.class, () -> TransactionSchema.conform(
        source, mapping(Map.of("input.columns.amount", "net_amount")), "x")).getMessage();
    assertTrue(message.contains("'net_amount' (mapped to amount in input.columns)"), message);
  }

  @Test
  void aColumnOfATypeThatCanNeverCastFailsTheRun(SparkSession spark) {
    Dataset<Row> source = of(spark, "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount BOOLEAN",
        row("o1", "c1", null, true));
    String message = assertThrows(InvalidInputException.class,
        () -> TransactionSchema.conform(source, mapping(Map.of()), "x")).getMessage();
    assertEquals("transactions x: column 'amount' has type boolean, expected a number or a string", message);
  }

  @Test
  void theContractListsTheSpecColumns() {
    assertEquals(List.of("order_id", "customer_id", "order_ts", "amount"), TransactionSchema.REQUIRED);
    assertEquals(List.of("quantity", "category", "channel", "line_id"), TransactionSchema.OPTIONAL);
  }
}
