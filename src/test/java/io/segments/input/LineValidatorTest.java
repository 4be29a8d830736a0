package io.segments.input;

import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segments.config.ConfigLoader;
import io.segments.config.InputConfig;
import io.segments.config.ValidationConfig;
import io.segments.support.SparkTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@SparkTest
class LineValidatorTest {
  private static final LocalDate AS_OF = LocalDate.parse("2024-07-01");
  private static final ValidationConfig BOUNDS =
      new ValidationConfig(new BigDecimal("10000"), LocalDate.parse("2020-01-01"), Optional.empty());
  private static final InputConfig INPUT = ConfigLoader.load(Optional.empty(), Map.of()).input();
  private static final String TEXT_LINES =
      "line_id STRING, order_id STRING, customer_id STRING, order_ts STRING, amount STRING, quantity STRING";

  /** line_id → expected status or reject reason, one line per rule. */
  private static Dataset<Row> everyKindOfLine(SparkSession spark) {
    return of(spark, TEXT_LINES,
        row("ok", "o1", "c1", "2024-06-30 23:59:59", "10.00", "1"),
        row("refund", "o1", "c1", "2024-06-30 10:00:00", "-4.50", null),
        row("no-customer", "o2", null, "2024-01-01 00:00:00", "1", "1"),
        row("blank-customer", "o2", "  ", "2024-01-01 00:00:00", "1", "1"),
        row("no-order", null, "c2", "2024-01-01 00:00:00", "1", "1"),
        row("no-ts", "o3", "c3", null, "1", "1"),
        row("bad-ts", "o3", "c3", "yesterday", "1", "1"),
        row("no-amount", "o4", "c4", "2024-01-01 00:00:00", null, "1"),
        row("bad-amount", "o4", "c4", "2024-01-01 00:00:00", "ten", "1"),
        row("bad-quantity", "o4", "c4", "2024-01-01 00:00:00", "1", "many"),
        row("at-as-of", "o5", "c5", "2024-07-01 00:00:00", "1", "1"),
        row("future-and-huge", "o5", "c5", "2025-01-01 00:00:00", "99999999", "1"),
        row("too-old", "o6", "c6", "2019-12-31 23:59:59", "1", "1"),
        row("too-big-refund", "o6", "c6", "2024-01-01 00:00:00", "-10000.01", "1"),
        row("at-bound", "o6", "c6", "2024-01-01 00:00:00", "10000", "1"),
        row("too-big", "o7", "c7", "2024-01-01 00:00:00", "10000.01", "1"),
        row("at-refund-bound", "o7", "c7", "2024-01-01 00:00:00", "-10000.00", "1"));
  }

  private static Map<String, String> outcomes(Dataset<Row> validated) {
    Map<String, String> outcome = new TreeMap<>();
    for (Row r : validated.select("line_id", LineValidator.LINE_STATUS, LineValidator.REJECT_REASON).collectAsList()) {
      outcome.put(r.getString(0), r.isNullAt(2) ? r.getString(1) : r.getString(2));
    }
    return outcome;
  }

  @Test
  void aConfiguredTimestampFormatReadsThatFormOnly(SparkSession spark) {
    ValidationConfig dayFirst = new ValidationConfig(BOUNDS.maxAbsAmount(), BOUNDS.historyStart(),
        Optional.of("dd/MM/yyyy HH:mm"));
    Dataset<Row> lines = TransactionSchema.conform(of(spark, TEXT_LINES,
        row("day-first", "o1", "c1", "30/06/2024 23:59", "10.00", "1"),
        row("iso", "o2", "c2", "2024-06-30 23:59:00", "10.00", "1"),
        row("year", "o3", "c3", "2024", "10.00", "1")), INPUT, "test");

    assertEquals(Map.of("day-first", "accepted", "iso", "invalid_order_ts", "year", "invalid_order_ts"),
        outcomes(new LineValidator(dayFirst, false).validate(lines, AS_OF)));
  }

  @Test
  void everyLineGetsExactlyOneOutcomeWithTheFirstFailingCheckAsReason(SparkSession spark) {
    Dataset<Row> lines = TransactionSchema.conform(everyKindOfLine(spark), INPUT, "test");
    Map<String, String> outcome = outcomes(new LineValidator(BOUNDS, false).validate(lines, AS_OF));

    Map<String, String> expected = new TreeMap<>(Map.ofEntries(
        Map.entry("ok", "accepted"),
        Map.entry("refund", "accepted"),
        Map.entry("no-customer", "missing_customer_id"),
        Map.entry("blank-customer", "missing_customer_id"),
        Map.entry("no-order", "missing_order_id"),
        Map.entry("no-ts", "missing_order_ts"),
        Map.entry("bad-ts", "invalid_order_ts"),
        Map.entry("no-amount", "missing_amount"),
        Map.entry("bad-amount", "invalid_amount"),
        Map.entry("bad-quantity", "invalid_quantity"),
        Map.entry("at-as-of", "excluded"),
        Map.entry("future-and-huge", "excluded"),
        Map.entry("too-old", "before_history_start"),
        Map.entry("too-big", "amount_out_of_range"),
        Map.entry("too-big-refund", "amount_out_of_range"),
        Map.entry("at-bound", "accepted"),
        Map.entry("at-refund-bound", "accepted")));
    assertEquals(expected, outcome);
  }

  @Test
  void rejectedLinesKeepTheirOriginalTextAndAcceptedLinesAreTyped(SparkSession spark) {
    Dataset<Row> validated = new LineValidator(BOUNDS, false)
        .validate(TransactionSchema.conform(everyKindOfLine(spark), INPUT, "test"), AS_OF);

    Row badAmount = LineValidator.rejected(validated, "transactions").where(col("line_id").equalTo("bad-amount")).first();
    assertEquals("ten", badAmount.getAs("amount"));
    assertEquals("invalid_amount", badAmount.getAs("reject_reason"));
    Row badTs = LineValidator.rejected(validated, "transactions").where(col("line_id").equalTo("bad-ts")).first();
    assertEquals("yesterday", badTs.getAs("order_ts"));

    Row refund = LineValidator.accepted(validated).where(col("amount").lt(0)).first();
    assertEquals(new BigDecimal("-4.50"), refund.getAs("amount"));
    assertEquals(java.sql.Timestamp.valueOf("2024-06-30 10:00:00"), refund.getAs("order_ts"));
  }

  /**
   * Few repeated keys are sent to every task, many are joined by a shuffle: both keep the same copy.
   * Where every key has the same hash, the keys themselves still decide what is a copy.
   */
  @ParameterizedTest(name = "up to {0} repeated keys broadcast, every hash the same: {1}")
  @CsvSource({"200000, false", "0, false", "200000, true", "0, true"})
  void aRepeatedOrderLineIsRejectedOnceAndTheFirstCopyKept(long maxBroadcastKeys, boolean oneHash,
      SparkSession spark) {
    Dataset<Row> lines = TransactionSchema.conform(of(spark, TEXT_LINES,
        row("L1", "o1", "c1", "2024-01-02 00:00:00", "5", "1"),
        row("L1", "o1", "c1", "2024-01-01 00:00:00", "5", "1"),
        row("L1", "o1", "c1", "2024-01-03 00:00:00", "5", "1"),
        row("L2", "o1", "c1", "2024-01-01 00:00:00", "5", "1"),
        row("L1", "o2", "c1", "2024-01-01 00:00:00", "5", "1"),
        row(null, "o3", "c1", "2024-01-01 00:00:00", "5", "1"),
        row(null, "o3", "c1", "2024-01-01 00:00:00", "5", "1"),
        row("L9", "o4", "c2", "2024-02-01 00:00:00", "7", "1"),
        row("L9", "o4", "c2", "2024-02-01 00:00:00", "7", "1")), INPUT, "test");

    Dataset<Row> validated = new LineValidator(BOUNDS, true, maxBroadcastKeys,
        oneHash ? lit(0L) : xxhash64(col("order_id"), col("line_id"))).validate(lines, AS_OF);

    Map<String, Long> byReason = new TreeMap<>();
    validated.groupBy(LineValidator.REJECT_REASON).count().collectAsList()
        .forEach(r -> byReason.put(String.valueOf(r.get(0)), r.getLong(1)));
    assertEquals(Map.of("duplicate_line", 3L, "null", 6L), byReason);
    assertEquals(1, LineValidator.accepted(validated).where(col("order_id").equalTo("o4")).count(),
        "of two identical copies one is kept");
    Row kept = validated.where(col("line_status").equalTo("accepted")
        .and(col("order_id").equalTo("o1")).and(col("line_id").equalTo("L1"))).first();
    assertEquals(java.sql.Timestamp.valueOf("2024-01-01 00:00:00"), kept.getAs("order_ts"));
  }

  @Test
  void linesWhoseKeysShareAHashButDifferAreAllAccepted(SparkSession spark) {
    Dataset<Row> lines = TransactionSchema.conform(of(spark, TEXT_LINES,
        row("L1", "o1", "c1", "2024-01-01 00:00:00", "5", "1"),
        row("L2", "o1", "c1", "2024-01-01 00:00:00", "5", "1"),
        row("L1", "o2", "c1", "2024-01-01 00:00:00", "5", "1")), INPUT, "test");
    assertEquals(3, LineValidator.accepted(new LineValidator(BOUNDS, true, 200_000, lit(0L)).validate(lines, AS_OF)).count());
  }

  @Test
  void withoutLineIdsRepeatedLinesAreBothAccepted(SparkSession spark) {
    Dataset<Row> lines = TransactionSchema.conform(of(spark, TEXT_LINES,
        row("L1", "o1", "c1", "2024-01-01 00:00:00", "5", "1"),
        row("L1", "o1", "c1", "2024-01-01 00:00:00", "5", "1")), INPUT, "test");
    assertEquals(2, LineValidator.accepted(new LineValidator(BOUNDS, false).validate(lines, AS_OF)).count());
  }

  /** An amount has whole cents: a bound with more decimals, or beyond the amount type, still decides exactly. */
  @ParameterizedTest
  @CsvSource({
      "100.005, 100.00, false", "100.005, 100.01, true", "100.005, -100.00, false", "100.005, -100.01, true",
      "100, 100.00, false", "100, 100.01, true", "100, -100.01, true",
      "100000000000000000000, 9999999999999999.99, false", "100000000000000000000, -9999999999999999.99, false"})
  void anAmountIsOutOfRangeWhenBeyondTheBoundEitherWay(String bound, String amount, boolean outOfRange,
      SparkSession spark) {
    ValidationConfig bounds = new ValidationConfig(new BigDecimal(bound), BOUNDS.historyStart(), Optional.empty());
    Row decided = spark.range(1).select(lit(new BigDecimal(amount)).cast(LineValidator.AMOUNT_TYPE).as("amount"))
        .select(LineValidator.outOfRange(col("amount"), bounds)).first();
    assertEquals(outOfRange, decided.getBoolean(0));
  }
}
