package io.segments.features;

import static io.segments.input.TransactionSchema.AMOUNT;
import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static io.segments.input.TransactionSchema.ORDER_ID;
import static io.segments.input.TransactionSchema.ORDER_TS;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.UnscaledValue;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Per-customer recency, frequency and monetary from accepted transaction lines.
 *
 * <p>An order's net amount is the sum of its lines; an order with net amount above zero is a
 * purchase, so a refund line reduces its order and a refund-only order is no purchase. Recency and
 * the first and last purchase dates see the whole history; frequency and monetary see the lookback
 * window when one is set. A customer with no purchase keeps its row (frequency 0, null dates and
 * recency) so that the scoring stage can label it no_purchase.
 */
public final class RfmFeatures {
  public static final String FIRST_PURCHASE_DATE = "first_purchase_date";
  public static final String LAST_PURCHASE_DATE = "last_purchase_date";
  public static final String RECENCY_DAYS = "recency_days";
  public static final String FREQUENCY = "frequency";
  public static final String MONETARY = "monetary";
  public static final String AVG_ORDER_VALUE = "avg_order_value";
  public static final String TENURE_DAYS = "tenure_days";

  public static final DataType MONEY = DataTypes.createDecimalType(18, 2);

  /** An order's net amount in whole cents (see {@link #cents}). */
  public static final String ORDER_CENTS = "order_cents";
  public static final String ORDER_DATE = "order_date";
  /** Time of the order's first line. */
  public static final String ORDER_START = "order_start";
  /** Per purchase day of a customer: its purchases (orders above zero). */
  static final String DAY_PURCHASES = "day_purchases";
  private static final String WINDOW_PURCHASES = "window_purchases";
  private static final String WINDOW_CENTS = "window_cents";

  private RfmFeatures() {}

  /** True for a customer with at least one purchase: the only customers scored, tiered and clustered. */
  public static Column isPurchaser() {
    return col(LAST_PURCHASE_DATE).isNotNull();
  }

  /**
   * An amount of MONEY as whole cents in a long, exact since MONEY has two decimals. The features sum
   * cents: Spark keeps a sum of MONEY as a decimal(28,2) or wider, which its aggregation buffers hold
   * as BigInteger bytes, re-read and re-written on every row (a sixth of the features stage's samples
   * at 10M lines). Catalyst's own UnscaledValue, which Spark's optimizer uses the same way for narrow
   * decimals: no built-in function gives a decimal's unscaled value.
   */
  public static Column cents(Column money) {
    return ExpressionUtils.column(new UnscaledValue(ExpressionUtils.expression(money.cast(MONEY))));
  }

  /**
   * An amount of MONEY as a double: its cents divided by 100, the value Spark's cast gives (the nearest
   * double, below 2^52 cents), without the BigDecimal that the cast builds for every value (3 % of the
   * derived tables' samples at 10M lines).
   */
  public static Column asDouble(Column money) {
    return cents(money).divide(100.0);
  }

  /** Whole cents back to MONEY. */
  public static Column money(Column cents) {
    return cents.cast(DataTypes.createDecimalType(20, 0)).divide(lit(100)).cast(MONEY);
  }

  /**
   * One row per order: customer_id, order_id, its net amount in cents (a purchase when above zero),
   * the time of its first line and that time's date.
   */
  public static Dataset<Row> orders(Dataset<Row> acceptedLines) {
    return acceptedLines
        .groupBy(col(CUSTOMER_ID), col(ORDER_ID))
        .agg(sum(cents(col(AMOUNT))).as(ORDER_CENTS), min(col(ORDER_TS)).as(ORDER_START))
        .withColumn(ORDER_DATE, to_date(col(ORDER_START)));
  }

  /**
   * @param acceptedLines customer_id, order_id, order_ts, amount of accepted lines (all before asOf)
   * @param profileCustomers customer_id of the customers table, if any: those without a line get a
   *     no-purchase row, so prospects appear in the segments
   * @param lookbackDays frequency and monetary count orders of the last N days only; 0 = all
   * @return one row per customer with the RFM columns
   */
  public static Dataset<Row> compute(
      Dataset<Row> acceptedLines, Optional<Dataset<Row>> profileCustomers, LocalDate asOf, int lookbackDays) {
    return compute(acceptedLines, profileCustomers, asOf, lookbackDays, List.of());
  }

  /**
   * The RFM columns and, from the same pass, the columns of {@code more}: lines to orders to purchase
   * days to customers, one aggregation each, instead of a pass and a join per feature family (the
   * features stage was the largest at 10M lines).
   *
   * @return one row per customer: the RFM columns, then those of {@code more} in order
   */
  public static Dataset<Row> compute(Dataset<Row> acceptedLines, Optional<Dataset<Row>> profileCustomers,
      LocalDate asOf, int lookbackDays, List<DayAggregates> more) {
    Dataset<Row> orders = orders(acceptedLines).select(CUSTOMER_ID, ORDER_CENTS, ORDER_START, ORDER_DATE);
    // Prospects join the aggregation as empty orders: no join.
    Dataset<Row> ordersAndProspects = profileCustomers
        .map(ids -> orders.unionByName(ids.select(col(CUSTOMER_ID), lit(null).cast(DataTypes.LongType).as(ORDER_CENTS),
            lit(null).cast(DataTypes.TimestampType).as(ORDER_START), lit(null).cast(DataTypes.DateType).as(ORDER_DATE))))
        .orElse(orders);

    Column purchase = col(ORDER_CENTS).gt(0);
    Column inWindow = lookbackDays == 0
        ? lit(true)
        : col(ORDER_DATE).geq(date_sub(lit(asOf), lookbackDays));
    List<Column> perDay = new ArrayList<>(List.of(
        count(when(purchase, lit(1))).as(DAY_PURCHASES),
        count(when(purchase.and(inWindow), lit(1))).as(WINDOW_PURCHASES),
        sum(when(inWindow, col(ORDER_CENTS))).as(WINDOW_CENTS)));
    Column purchaseDate = when(col(DAY_PURCHASES).gt(0), col(ORDER_DATE));
    List<Column> perCustomer = new ArrayList<>(List.of(
        min(purchaseDate).as(FIRST_PURCHASE_DATE),
        max(purchaseDate).as(LAST_PURCHASE_DATE),
        sum(col(WINDOW_PURCHASES)).as(FREQUENCY),
        money(coalesce(sum(col(WINDOW_CENTS)), lit(0L))).as(MONETARY)));
    more.forEach(aggregates -> {
      perDay.addAll(aggregates.perDay());
      aggregates.perCustomer().forEach(feature -> perCustomer.add(feature.getValue().as(feature.getKey())));
    });

    List<Column> columns = new ArrayList<>(List.of(
        col(CUSTOMER_ID),
        col(FIRST_PURCHASE_DATE),
        col(LAST_PURCHASE_DATE),
        datediff(lit(asOf), col(LAST_PURCHASE_DATE)).as(RECENCY_DAYS),
        col(FREQUENCY),
        col(MONETARY),
        when(col(FREQUENCY).gt(0), col(MONETARY).divide(col(FREQUENCY))).cast(MONEY).as(AVG_ORDER_VALUE),
        datediff(lit(asOf), col(FIRST_PURCHASE_DATE)).as(TENURE_DAYS)));
    more.forEach(aggregates -> aggregates.perCustomer().forEach(feature -> columns.add(col(feature.getKey()))));
    return ordersAndProspects
        .groupBy(col(CUSTOMER_ID), col(ORDER_DATE))
        .agg(perDay.get(0), perDay.subList(1, perDay.size()).toArray(Column[]::new))
        .groupBy(col(CUSTOMER_ID))
        .agg(perCustomer.get(0), perCustomer.subList(1, perCustomer.size()).toArray(Column[]::new))
        .select(columns.toArray(Column[]::new));
  }
}
