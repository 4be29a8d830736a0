package io.segments.features;

import static io.segments.features.RfmFeatures.ORDER_AMOUNT;
import static io.segments.features.RfmFeatures.ORDER_DATE;
import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The purchase summary the buy-till-you-die models read, as the Python lifetimes library makes it:
 * purchases are counted by day (the purchase orders of one day are one purchase of their summed
 * amount), repeat_purchases is the purchase days after the first, and repeat_purchase_value the mean
 * amount of those repeat days. Customers without a purchase have neither.
 */
public final class RepeatPurchases {
  public static final String REPEAT_PURCHASES = "repeat_purchases";
  public static final String REPEAT_PURCHASE_VALUE = "repeat_purchase_value";

  private static final String DAY_AMOUNT = "day_amount";

  private RepeatPurchases() {}

  /** @param acceptedLines {@link io.segments.input.LineValidator#accepted} */
  public static Dataset<Row> compute(Dataset<Row> acceptedLines) {
    Dataset<Row> days = RfmFeatures.orders(acceptedLines)
        .where(col(ORDER_AMOUNT).gt(0))
        .groupBy(col(CUSTOMER_ID), col(ORDER_DATE))
        .agg(sum(col(ORDER_AMOUNT)).cast(DataTypes.DoubleType).as(DAY_AMOUNT));
    Column repeats = count(lit(1)).minus(1);
    return days.groupBy(col(CUSTOMER_ID))
        .agg(repeats.cast(DataTypes.IntegerType).as(REPEAT_PURCHASES),
            when(repeats.gt(0), sum(col(DAY_AMOUNT)).minus(min_by(col(DAY_AMOUNT), col(ORDER_DATE))).divide(repeats))
                .as(REPEAT_PURCHASE_VALUE));
  }
}
