package io.segments.job;

import static io.segments.input.LineValidator.ACCEPTED;
import static io.segments.input.LineValidator.EXCLUDED;
import static io.segments.input.LineValidator.LINE_STATUS;
import static io.segments.input.LineValidator.REJECT_REASON;
import static io.segments.input.LineValidator.REJECTED;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;

import io.segments.input.LineValidator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
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
   * The counts of one input's validated lines and its rejected rows.
   *
   * @param rejected {@link LineValidator#rejected} of the lines, computed once
   */
  public record Checked(LineCounts counts, Dataset<Row> rejected) {}

  /**
   * One pass over the validated lines: each status is counted as the lines go by, and the rejected
   * rows are kept (a local checkpoint) for rejected_transactions. Otherwise that table would read and
   * check every line of the input once more to find a few (10M lines: about 13 s of CPU). A few numbers
   * reach the driver; the rejected rows stay on the executors.
   *
   * @param input the lines read, counted before validation
   * @param table the input's name in rejected_transactions.source_table
   */
  public static Checked check(long input, Dataset<Row> validated, String table) {
    Observation statuses = new Observation("line_status_of_" + table);
    Dataset<Row> rejected = LineValidator.rejected(validated.observe(statuses,
            count_if(col(LINE_STATUS).equalTo(ACCEPTED)).as(ACCEPTED),
            count_if(col(LINE_STATUS).equalTo(REJECTED)).as(REJECTED),
            count_if(col(LINE_STATUS).equalTo(EXCLUDED)).as(EXCLUDED)), table)
        .localCheckpoint();
    Map<String, Long> byReason = new TreeMap<>();
    for (Row row : rejected.groupBy(REJECT_REASON).count().collectAsList()) {
      byReason.put(row.getString(0), row.getLong(1));
    }
    Row counted = statuses.getRow();
    return new Checked(new LineCounts(input, counted.getLong(0), counted.getLong(1), counted.getLong(2), byReason),
        rejected);
  }
}
