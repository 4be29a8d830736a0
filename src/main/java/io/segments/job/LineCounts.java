package io.segments.job;

import static io.segments.input.LineValidator.ACCEPTED;
import static io.segments.input.LineValidator.EXCLUDED;
import static io.segments.input.LineValidator.LINE_STATUS;
import static io.segments.input.LineValidator.REJECT_REASON;
import static io.segments.input.LineValidator.REJECTED;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How many input lines were read, and how many of them were accepted, rejected and excluded. The
 * input is counted on its own, before validation, so that input = accepted + rejected + excluded is a
 * check and not a definition.
 *
 * @param input lines read
 * @param rejectedByReason rejected lines by reject_reason
 * @throws IllegalStateException when the counts do not add up: a line was lost or made up
 */
public record LineCounts(long input, long accepted, long rejected, long excluded, Map<String, Long> rejectedByReason) {

  public LineCounts {
    rejectedByReason = Map.copyOf(rejectedByReason);
    if (input != accepted + rejected + excluded) {
      throw new IllegalStateException(String.format("read %,d lines but sorted %,d: %,d accepted + %,d rejected + "
          + "%,d excluded; nothing was written", input, accepted + rejected + excluded, accepted, rejected, excluded));
    }
  }

  /**
   * One aggregate over the validated lines; a few numbers reach the driver.
   *
   * @param input the lines read, counted before validation
   */
  public static LineCounts of(long input, Dataset<Row> validated) {
    Map<String, Long> byStatus = new HashMap<>();
    Map<String, Long> byReason = new TreeMap<>();
    for (Row row : validated.groupBy(LINE_STATUS, REJECT_REASON).count().collectAsList()) {
      byStatus.merge(row.getString(0), row.getLong(2), Long::sum);
      if (REJECTED.equals(row.getString(0))) {
        byReason.put(row.getString(1), row.getLong(2));
      }
    }
    return new LineCounts(input, byStatus.getOrDefault(ACCEPTED, 0L), byStatus.getOrDefault(REJECTED, 0L),
        byStatus.getOrDefault(EXCLUDED, 0L), byReason);
  }
}
