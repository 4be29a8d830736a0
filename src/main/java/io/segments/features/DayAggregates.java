package io.segments.features;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * Features computed in {@link RfmFeatures}' pass over the history: aggregates of a customer's orders
 * per purchase day, then of those days per customer. The per-day columns see the order columns
 * (order_amount, order_start, order_date); the per-customer ones see the per-day ones and
 * {@link RfmFeatures#DAY_PURCHASES}.
 *
 * @param perDay aggregates of a day's orders, each aliased
 * @param perCustomer the feature columns in order, each with its aggregate of a customer's days
 */
public record DayAggregates(List<Column> perDay, List<Map.Entry<String, Column>> perCustomer) {
  public DayAggregates {
    perDay = List.copyOf(perDay);
    perCustomer = List.copyOf(perCustomer);
  }
}
