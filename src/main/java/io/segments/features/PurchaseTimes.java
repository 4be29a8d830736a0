package io.segments.features;

import static io.segments.features.RfmFeatures.ORDER_CENTS;
import static io.segments.features.RfmFeatures.ORDER_START;
import static io.segments.features.RfmFeatures.DAY_PURCHASES;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.segments.config.ClassificationConfig;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * When each customer buys, over all purchases of the history: night_share, the share of purchases
 * whose order starts in the configured night hours, and weekend_share, the share on a Saturday or
 * Sunday. Hours and days are local to the session time zone, which the job sets to the configured one.
 */
public final class PurchaseTimes {
  public static final String NIGHT_SHARE = "night_share";
  public static final String WEEKEND_SHARE = "weekend_share";
  private static final String NIGHT_PURCHASES = "night_purchases";
  private static final String WEEKEND_PURCHASES = "weekend_purchases";

  private PurchaseTimes() {}

  /** night_share and weekend_share, computed in {@link RfmFeatures}' pass over the orders. */
  public static DayAggregates aggregates(ClassificationConfig config) {
    Column hour = hour(col(ORDER_START));
    int start = config.nightStartHour();
    int end = config.nightEndHour();
    Column atNight = start < end
        ? hour.geq(start).and(hour.lt(end))
        : hour.geq(start).or(hour.lt(end));
    Column onWeekend = dayofweek(col(ORDER_START)).isin(1, 7);
    Column purchase = col(ORDER_CENTS).gt(0);
    Column purchases = sum(col(DAY_PURCHASES));
    return new DayAggregates(
        List.of(count(when(purchase.and(atNight), lit(1))).as(NIGHT_PURCHASES),
            count(when(purchase.and(onWeekend), lit(1))).as(WEEKEND_PURCHASES)),
        List.of(Map.entry(NIGHT_SHARE, when(purchases.gt(0), sum(col(NIGHT_PURCHASES)).divide(purchases))),
            Map.entry(WEEKEND_SHARE, when(purchases.gt(0), sum(col(WEEKEND_PURCHASES)).divide(purchases)))));
  }
}
