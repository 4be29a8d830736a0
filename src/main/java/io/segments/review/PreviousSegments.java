package io.segments.review;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.segments.input.TransactionSchema;
import io.segments.pipeline.CustomerStage;
import io.segments.pipeline.FittedStage;
import io.segments.scoring.RfmSegments;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The review stage: each customer's rfm_segment in the snapshot the run is compared with
 * (previous_rfm_segment; absent for a customer that snapshot did not have) and whether it changed.
 * Both are null when there is no snapshot to compare with. Later rules and playbooks may read them,
 * e.g. to follow up customers who fell out of champions.
 */
public final class PreviousSegments implements CustomerStage, FittedStage {
  public static final String PREVIOUS_RFM_SEGMENT = "previous_rfm_segment";
  public static final String SEGMENT_CHANGED = "segment_changed";
  public static final String ABSENT = "absent";

  private static final String BEFORE = "__previous_rfm_segment";

  private final Optional<Dataset<Row>> previous;

  /** @param previous customer_segments rows of the snapshot compared with */
  public PreviousSegments(Optional<Dataset<Row>> previous) {
    this.previous = previous;
  }

  @Override
  public String name() {
    return "review";
  }

  @Override
  public List<String> reads() {
    return List.of(TransactionSchema.CUSTOMER_ID, RfmSegments.RFM_SEGMENT);
  }

  @Override
  public List<String> adds() {
    return List.of(PREVIOUS_RFM_SEGMENT, SEGMENT_CHANGED);
  }

  @Override
  public PreviousSegments fit(Dataset<Row> customers) {
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<Row> customers) {
    if (previous.isEmpty()) {
      return customers.withColumn(PREVIOUS_RFM_SEGMENT, lit(null).cast(DataTypes.StringType))
          .withColumn(SEGMENT_CHANGED, lit(null).cast(DataTypes.BooleanType));
    }
    Dataset<Row> before = previous.get().select(col(TransactionSchema.CUSTOMER_ID), col(RfmSegments.RFM_SEGMENT).as(BEFORE));
    return customers.join(before, new String[] {TransactionSchema.CUSTOMER_ID}, "left")
        .withColumn(PREVIOUS_RFM_SEGMENT, coalesce(col(BEFORE), lit(ABSENT)))
        .withColumn(SEGMENT_CHANGED, col(PREVIOUS_RFM_SEGMENT).notEqual(col(RfmSegments.RFM_SEGMENT)))
        .drop(BEFORE);
  }
}
