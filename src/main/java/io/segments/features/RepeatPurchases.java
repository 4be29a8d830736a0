package io.segments.features;

import static io.segments.features.RfmFeatures.ORDER_CENTS;
import static io.segments.features.RfmFeatures.ORDER_DATE;
import static io.segments.features.RfmFeatures.DAY_PURCHASES;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
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

  /** repeat_purchases and repeat_purchase_value, computed in {@link RfmFeatures}' pass over the purchase days. */
  public static DayAggregates aggregates() {
    Column purchaseDay = col(DAY_PURCHASES).gt(0);
    Column purchaseDays = count(when(purchaseDay, lit(1)));
    Column repeats = purchaseDays.minus(1);
    return new DayAggregates(
        List.of(sum(when(col(ORDER_CENTS).gt(0), col(ORDER_CENTS))).cast(DataTypes.DoubleType).divide(lit(100.0))
            .as(DAY_AMOUNT)),
        List.of(Map.entry(REPEAT_PURCHASES, when(purchaseDays.gt(0), repeats).cast(DataTypes.IntegerType)),
            Map.entry(REPEAT_PURCHASE_VALUE, when(repeats.gt(0), sum(col(DAY_AMOUNT))
                .minus(min_by(col(DAY_AMOUNT), when(purchaseDay, col(ORDER_DATE)))).divide(repeats)))));
  }
}
