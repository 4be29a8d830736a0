package io.segments.clv;

import static io.segments.features.RepeatPurchases.REPEAT_PURCHASES;
import static io.segments.features.RfmFeatures.ORDER_CENTS;
import static io.segments.features.RfmFeatures.ORDER_DATE;
import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.segments.features.RfmFeatures;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The holdout check of the purchase model: fitted on a calibration period, how many repeat purchases
 * does it predict for the period after, against how many the customers made, in total and by their
 * repeat purchases in the calibration period (0 to 6, then 7 and more).
 */
public final class HoldoutComparison {
  /** Calibration repeat purchases at and above which customers form one group. */
  public static final int TOP_GROUP = 7;

  private HoldoutComparison() {}

  /**
   * One group of customers.
   *
   * @param repeatPurchases their calibration repeat purchases; {@link #TOP_GROUP} stands for that many or more
   * @param predicted repeat purchases the model predicts for the holdout period, summed
   * @param actual purchase days in the holdout period, summed
   */
  public record Group(int repeatPurchases, long customers, double predicted, long actual) {}

  /**
   * @param model fitted on the calibration customers, predicting over the holdout period's length
   * @param calibration the customer features of the calibration period
   * @param holdoutLines accepted lines of the holdout period only
   * @return the groups in order of repeat purchases; nothing when the model did not converge
   */
  public static List<Group> compare(ClvModel model, Dataset<Row> calibration, Dataset<Row> holdoutLines) {
    if (model.bgNbd().isEmpty()) {
      return List.of();
    }
    Dataset<Row> actual = RfmFeatures.orders(holdoutLines)
        .where(col(ORDER_CENTS).gt(0))
        .groupBy(col(CUSTOMER_ID))
        .agg(countDistinct(col(ORDER_DATE)).as("actual"));
    return model.transform(calibration.where(RfmFeatures.isPurchaser()))
        .join(actual, new String[] {CUSTOMER_ID}, "left")
        .groupBy(least(col(REPEAT_PURCHASES), lit(TOP_GROUP)).as("group"))
        .agg(count(lit(1)).as("customers"), sum(col(ClvEstimator.EXPECTED_PURCHASES)).as("predicted"),
            coalesce(sum(col("actual")), lit(0L)).as("actual"))
        .orderBy("group")
        .collectAsList().stream()
        .map(row -> new Group(row.getInt(0), row.getLong(1), row.getDouble(2), row.getLong(3)))
        .toList();
  }
}
