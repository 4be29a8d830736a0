package io.segments.job;

import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.input.LineValidator;
import io.segments.input.TransactionSchema;
import io.segments.support.SparkTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class LineCountsTest {
  private static final LocalDate AS_OF = LocalDate.parse("2024-07-01");
  /** The default conf: none of the lines below is near its history start or amount bound. */
  private static final JobConfig DEFAULTS = ConfigLoader.load(Optional.empty(), Map.of());

  /** Two accepted, three rejected for two reasons, one excluded, one copy of an accepted line. */
  private static Dataset<Row> validated(SparkSession spark) {
    Dataset<Row> lines = TransactionSchema.conform(of(spark,
        "line_id STRING, order_id STRING, customer_id STRING, order_ts STRING, amount STRING",
        row("a", "o1", "c1", "2024-06-30 10:00:00", "10.00"),
        row("a", "o1", "c1", "2024-06-30 10:00:00", "10.00"),
        row("b", "o1", "c1", "2024-06-30 10:00:00", "5.00"),
        row("c", "o2", "c2", "yesterday", "1"),
        row("d", "o3", "c3", "2024-01-01 00:00:00", "ten"),
        row("e", "o4", "c4", "2024-07-01 00:00:00", "1")), DEFAULTS.input(), "test");
    return new LineValidator(DEFAULTS.validation(), true).validate(lines, AS_OF);
  }

  @Test
  void countsEachStatusAndKeepsTheRejectedRows(SparkSession spark) {
    LineCounts.Checked checked = LineCounts.check(6, validated(spark), "transactions");

    assertEquals(new LineCounts(6, 2, 3, 1,
        Map.of("duplicate_line", 1L, "invalid_order_ts", 1L, "invalid_amount", 1L)), checked.counts());
    List<Row> rejected = checked.rejected().orderBy("line_id", "reject_reason")
        .select("line_id", "order_ts", "amount", "reject_reason", "source_table").collectAsList();
    assertEquals(List.of(
        row("a", "2024-06-30 10:00:00", "10.00", "duplicate_line", "transactions"),
        row("c", "yesterday", "1", "invalid_order_ts", "transactions"),
        row("d", "2024-01-01 00:00:00", "ten", "invalid_amount", "transactions")),
        rejected);
  }

  @Test
  void aLineLostOrMadeUpFailsTheCount(SparkSession spark) {
    IllegalStateException lost = assertThrows(IllegalStateException.class,
        () -> LineCounts.check(7, validated(spark), "transactions"));
    assertEquals("read 7 lines but sorted 6: 2 accepted + 3 rejected + 1 excluded; nothing was written",
        lost.getMessage());
  }
}
