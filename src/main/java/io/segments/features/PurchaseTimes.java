package io.segments.features;

import static io.segments.features.RfmFeatures.ORDER_AMOUNT;
import static io.segments.features.RfmFeatures.ORDER_START;
import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.segments.config.ClassificationConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * When each customer buys, over all purchases of the history: night_share, the share of purchases
 * whose order starts in the configured night hours, and weekend_share, the share on a Saturday or
 * Sunday. Hours and days are local to the session time zone, which the job sets to the configured one.
 */
public final class PurchaseTimes {
  public static final String NIGHT_SHARE = "night_share";
  public static final String WEEKEND_SHARE = "weekend_share";

  private PurchaseTimes() {}

  /** @param orders {@link RfmFeatures#orders} */
  public static Dataset<Row> compute(Dataset<Row> orders, ClassificationConfig config) {
    Column hour = hour(col(ORDER_START));
    int start = config.nightStartHour();
    int end = config.nightEndHour();
    Column atNight = start < end
        ? hour.geq(start).and(hour.lt(end))
        : hour.geq(start).or(hour.lt(end));
    Column onWeekend = dayofweek(col(ORDER_START)).isin(1, 7);
    return orders
        .where(col(ORDER_AMOUNT).gt(0))
        .groupBy(col(CUSTOMER_ID))
        .agg(avg(when(atNight, lit(1.0)).otherwise(lit(0.0))).as(NIGHT_SHARE),
            avg(when(onWeekend, lit(1.0)).otherwise(lit(0.0))).as(WEEKEND_SHARE));
  }
}
