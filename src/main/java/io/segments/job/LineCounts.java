package io.segments.job;

import static io.segments.input.LineValidator.ACCEPTED;
import static io.segments.input.LineValidator.EXCLUDED;
import static io.segments.input.LineValidator.LINE_STATUS;
import static io.segments.input.LineValidator.REJECTED;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** How many input lines were accepted, rejected and excluded: input = accepted + rejected + excluded. */
public record LineCounts(long accepted, long rejected, long excluded) {

  /** One aggregate over the validated lines; three numbers reach the driver. */
  public static LineCounts of(Dataset<Row> validated) {
    Map<String, Long> byStatus = new HashMap<>();
    for (Row row : validated.groupBy(LINE_STATUS).count().collectAsList()) {
      byStatus.put(row.getString(0), row.getLong(1));
    }
    return new LineCounts(
        byStatus.getOrDefault(ACCEPTED, 0L), byStatus.getOrDefault(REJECTED, 0L), byStatus.getOrDefault(EXCLUDED, 0L));
  }

  public long input() {
    return accepted + rejected + excluded;
  }
}
