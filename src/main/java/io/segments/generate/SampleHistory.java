package io.segments.generate;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.segments.input.LineValidator;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Deterministic sample history, generated inside Spark from row numbers: every random draw is a hash
 * of (seed, row, purpose), so the rows do not depend on partitioning and nothing is held in the
 * driver; 100M lines stream straight to Parquet.
 *
 * <p>Shape: customers fall into four bands by id (1 % VIP with 20 % of the lines, 9 % regular with
 * 30 %, 30 % occasional with 30 %, 60 % light with 20 %), so lines per customer are heavy-tailed and
 * many light customers buy once. Each customer has a lifecycle (new, active, lapsing, lost) that
 * bounds the dates of its orders, a spend level (enterprise customers spend more) and a favourite
 * category; 3 % of lines are returns, booked as separate refund orders.
 */
public final class SampleHistory {
  static final String[] CATEGORIES = {"electronics", "apparel", "grocery", "home", "beauty", "books", "sports", "toys"};
  static final String[] CHANNELS = {"online", "store", "app"};
  static final String[] REGIONS = {"华东", "华北", "华南", "华中", "西南", "西北", "东北"};
  static final String[] CITIES = {"上海", "北京", "广州", "深圳", "杭州", "成都", "武汉", "西安", "苏州", "长沙",
      "沈阳", "昆明", "温州", "洛阳", "绵阳"};
  static final String[] COUNTRIES = {"US", "JP", "SG", "DE"};
  static final int[] CITY_TIERS = {1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4};

  /** Cumulative customer shares and line shares of the four bands. */
  private static final double[] BAND_CUSTOMERS = {0.01, 0.10, 0.40, 1.0};
  private static final double[] BAND_LINES = {0.20, 0.50, 0.80, 1.0};
  private static final double LINES_PER_ORDER = 1.6;
  private static final double RETURN_SHARE = 0.03;
  private static final int EVENT_DAYS = 100;

  private final HistoryShape shape;

  public SampleHistory(HistoryShape shape) {
    this.shape = shape;
  }

  /** The transaction lines, in the contract's column names and types. */
  public Dataset<Row> transactions(SparkSession spark) {
    int partitions = (int) Math.max(2, Math.min(2000, shape.lines() / 1_000_000));
    Column line = col("id");
    Column customer = customerOf(line);
    Column expectedOrders = greatest(lit(1.0), expectedLines(customer).divide(LINES_PER_ORDER));
    Column slot = floor(uniform(line, 2).multiply(expectedOrders));
    Column isReturn = uniform(line, 3).lt(RETURN_SHARE);
    Column orderDay = orderDay(customer, slot, isReturn);
    Column secondOfDay = hourOf(customer, slot).multiply(3600).plus(floor(uniform(line, 4).multiply(3600)));
    Column price = round(lit(25.0).multiply(exp(normal(line, 5).multiply(0.9))).multiply(spendLevel(customer)), 2);
    Column quantity = lit(1).plus(floor(uniform(line, 7).multiply(3))).cast(DataTypes.IntegerType);
    Column amount = when(isReturn, price.multiply(-1)).otherwise(price.multiply(quantity));
    Column bad = uniform(line, 8).lt(shape.badRowShare());
    Column badKind = uniform(line, 9).lt(0.5);

    return spark.range(0, shape.lines(), 1, partitions).select(
        concat(when(isReturn, lit("R")).otherwise(lit("O")), customerId(customer), lit("-"),
            slot.cast(DataTypes.LongType).cast(DataTypes.StringType)).as("order_id"),
        when(bad.and(badKind), lit(null)).otherwise(customerId(customer)).as("customer_id"),
        timestamp_seconds(lit(startEpochSecond()).plus(orderDay.multiply(86400L)).plus(secondOfDay)).as("order_ts"),
        when(bad.and(badKind.unary_$bang()), lit(50_000_000)).otherwise(amount)
            .cast(LineValidator.AMOUNT_TYPE).as("amount"),
        quantity.as("quantity"),
        pick(CATEGORIES, when(uniform(line, 10).lt(0.6), customerDraw(customer, 11)).otherwise(uniform(line, 12)))
            .as("category"),
        pick(CHANNELS, uniform(line, 13)).as("channel"),
        concat(lit("L"), line.cast(DataTypes.StringType)).as("line_id"));
  }

  /**
   * The customers profile: every customer that may buy plus 5 % prospects who never do, with type,
   * region, city, city tier, signup date, country (95 % CN) and fake personal data (name, gender,
   * birth date, phone, email) that the job must never write out.
   */
  public Dataset<Row> customers(SparkSession spark) {
    long total = shape.customers() + Math.max(1, shape.customers() / 20);
    Column customer = col("id");
    Column signupDay = least(firstDay(customer), floor(customerDraw(customer, 20).multiply(shape.days())));
    Column city = floor(customerDraw(customer, 22).multiply(CITIES.length)).cast(DataTypes.IntegerType);
    return spark.range(0, total, 1, (int) Math.max(1, total / 2_000_000)).select(
        customerId(customer).as("customer_id"),
        when(enterprise(customer), lit("enterprise")).otherwise(lit("individual")).as("customer_type"),
        pick(REGIONS, customerDraw(customer, 21)).as("region"),
        element_at(strings(CITIES), city.plus(1)).as("city"),
        element_at(array(Arrays.stream(CITY_TIERS).mapToObj(t -> lit(t)).toArray(Column[]::new)), city.plus(1))
            .as("city_tier"),
        date_add(lit(shape.start()), signupDay.cast(DataTypes.IntegerType)).as("signup_date"),
        when(customerDraw(customer, 23).lt(0.95), lit("CN")).otherwise(pick(COUNTRIES, customerDraw(customer, 24)))
            .as("country"),
        when(customerDraw(customer, 25).lt(0.1), lit(null))
            .when(customerDraw(customer, 26).lt(0.5), lit("男")).otherwise(lit("女")).as("gender"),
        date_add(lit(shape.end()), floor(customerDraw(customer, 27).multiply(62 * 365.25)).plus(18 * 365.25)
            .cast(DataTypes.IntegerType).multiply(-1)).as("birth_date"),
        concat(lit("客户"), customer.cast(DataTypes.StringType)).as("name"),
        concat(lit("13"), lpad(floor(customerDraw(customer, 28).multiply(1e9)).cast(DataTypes.LongType)
            .cast(DataTypes.StringType), 9, "0")).as("phone"),
        concat(lit("user"), customer.cast(DataTypes.StringType), lit("@example.com")).as("email"));
  }

  /**
   * Behaviour events, one per lines / 5: customers picked like the lines' (so heavy buyers browse
   * more; the top 1 % about 12 views and clicks per 30 days), times uniform over the last 100 days of
   * the history, 70 % views, 20 % clicks, 10 % carts.
   */
  public Dataset<Row> events(SparkSession spark) {
    long events = Math.max(1, shape.lines() / 5);
    int partitions = (int) Math.max(1, Math.min(2000, events / 1_000_000));
    Column event = col("id").plus(lit(1L << 40));
    Column second = floor(uniform(event, 50).multiply(EVENT_DAYS * 86400L));
    Column kind = uniform(event, 51);
    return spark.range(0, events, 1, partitions).select(
        customerId(customerOf(event)).as("customer_id"),
        timestamp_seconds(lit(startEpochSecond() + (shape.days() - EVENT_DAYS) * 86400L).plus(second)).as("event_ts"),
        when(kind.lt(0.7), lit("view")).when(kind.lt(0.9), lit("click")).otherwise(lit("cart")).as("event_type"));
  }

  /**
   * The ledger's invoices: enterprise customers (about 10 %) are billed on the first of each month for
   * their net purchases of the month before, due 30 days later. Invalid lines are left out.
   */
  public Dataset<Row> invoices(Dataset<Row> transactions) {
    Column month = trunc(col("order_ts"), "month");
    Column customer = substring(col("customer_id"), 2, 9).cast(DataTypes.LongType);
    Column issued = add_months(col("month"), 1);
    return transactions
        .where(col("customer_id").isNotNull().and(abs(col("amount")).lt(1_000_000)).and(enterprise(customer)))
        .groupBy(col("customer_id"), month.as("month"))
        .agg(sum(col("amount")).as("amount"))
        .where(col("amount").gt(0))
        .select(concat(lit("INV-"), col("customer_id"), lit("-"), date_format(col("month"), "yyyyMM")).as("invoice_id"),
            col("customer_id"), issued.as("invoice_date"), date_add(issued, 30).as("due_date"),
            col("amount").cast(LineValidator.AMOUNT_TYPE).as("amount"));
  }

  /**
   * The ledger's payments, by the kind of payer each enterprise customer is: 60 % prompt (in full,
   * 0-25 days after the invoice), 25 % slow (in full, 5-60 days after the due date), 15 %
   * delinquent (half of each invoice 30-90 days late, the rest never). Payments dated after the
   * history's end are in the file too; a run excludes them.
   */
  public Dataset<Row> payments(Dataset<Row> invoices) {
    Column customer = substring(col("customer_id"), 2, 9).cast(DataTypes.LongType);
    Column kind = customerDraw(customer, 60);
    Column draw = uniform(xxhash64(col("invoice_id")), 61);
    Column prompt = kind.lt(0.6);
    Column slow = kind.lt(0.85);
    Column paidOn = when(prompt, date_add(col("invoice_date"), floor(draw.multiply(26)).cast(DataTypes.IntegerType)))
        .when(slow, date_add(col("due_date"), lit(5).plus(floor(draw.multiply(56))).cast(DataTypes.IntegerType)))
        .otherwise(date_add(col("due_date"), lit(30).plus(floor(draw.multiply(61))).cast(DataTypes.IntegerType)));
    Column amount = when(slow, col("amount")).otherwise(round(col("amount").divide(2), 2));
    return invoices.select(concat(lit("PAY-"), col("invoice_id")).as("payment_id"), col("invoice_id"),
        col("customer_id"), paidOn.as("paid_at"), amount.cast(LineValidator.AMOUNT_TYPE).as("amount"));
  }

  /** Picks the band by one draw, then a customer uniformly inside the band by another. */
  private Column customerOf(Column line) {
    Column u = uniform(line, 0);
    Column v = uniform(line, 1);
    Column customer = null;
    for (int band = BAND_LINES.length - 1; band >= 0; band--) {
      double low = band == 0 ? 0 : BAND_CUSTOMERS[band - 1];
      long first = (long) Math.floor(low * shape.customers());
      long size = Math.max(1, (long) Math.floor(BAND_CUSTOMERS[band] * shape.customers()) - first);
      Column inBand = lit(first).plus(floor(v.multiply(size)));
      customer = customer == null ? inBand : when(u.lt(BAND_LINES[band]), inBand).otherwise(customer);
    }
    return least(customer, lit(shape.customers() - 1));
  }

  /** Expected lines of a customer: its band's line share spread over the band's customers. */
  private Column expectedLines(Column customer) {
    Column expected = null;
    for (int band = BAND_LINES.length - 1; band >= 0; band--) {
      double customers = (BAND_CUSTOMERS[band] - (band == 0 ? 0 : BAND_CUSTOMERS[band - 1])) * shape.customers();
      double lines = (BAND_LINES[band] - (band == 0 ? 0 : BAND_LINES[band - 1])) * shape.lines();
      Column value = lit(lines / Math.max(1.0, customers));
      double upper = BAND_CUSTOMERS[band] * shape.customers();
      expected = expected == null ? value : when(customer.lt(upper), value).otherwise(expected);
    }
    return expected;
  }

  /**
   * Lifecycle: 15 % new (first order in the last 90 days), 35 % active to the end, 20 % lapsing
   * (last order 90-180 days before the end), 30 % lost (last order over 180 days before the end).
   */
  private Column orderDay(Column customer, Column slot, Column isReturn) {
    Column first = firstDay(customer);
    Column last = greatest(lastDay(customer), first);
    Column day = first.plus(floor(customerSlotDraw(customer, slot).multiply(last.minus(first).plus(1))));
    return least(when(isReturn, day.plus(5)).otherwise(day), lit(shape.days() - 1));
  }

  private Column firstDay(Column customer) {
    long days = shape.days();
    Column lifecycle = customerDraw(customer, 30);
    Column early = floor(customerDraw(customer, 31).multiply(days * 0.8));
    Column recent = lit(days - 90).plus(floor(customerDraw(customer, 31).multiply(90)));
    return when(lifecycle.lt(0.15), recent).otherwise(least(early, lastDay(customer)));
  }

  private Column lastDay(Column customer) {
    long days = shape.days();
    Column lifecycle = customerDraw(customer, 30);
    Column draw = customerDraw(customer, 32);
    return when(lifecycle.lt(0.50), lit(days - 1).minus(floor(draw.multiply(30))))
        .when(lifecycle.lt(0.70), lit(days - 90).minus(floor(draw.multiply(90))))
        .otherwise(floor(draw.multiply(days - 181)));
  }

  private Column hourOf(Column customer, Column slot) {
    Column nightOwl = customerDraw(customer, 40).lt(0.2);
    Column draw = customerSlotDraw(customer, slot.plus(1_000_000));
    return when(nightOwl, lit(19).plus(floor(draw.multiply(5)))).otherwise(lit(9).plus(floor(draw.multiply(10))));
  }

  private Column spendLevel(Column customer) {
    Column level = exp(normal(customer.plus(lit(7_000_000_000L)), 41).multiply(0.5));
    return when(enterprise(customer), level.multiply(4)).otherwise(level);
  }

  private Column enterprise(Column customer) {
    return customerDraw(customer, 42).lt(0.1);
  }

  private Column customerId(Column customer) {
    return concat(lit("C"), lpad(customer.cast(DataTypes.StringType), 9, "0"));
  }

  /** A uniform draw in [0, 1) from (seed, row, purpose). */
  private Column uniform(Column row, int purpose) {
    return pmod(xxhash64(lit(shape.seed()), row, lit(purpose)), lit(1L << 53)).divide((double) (1L << 53));
  }

  private Column customerDraw(Column customer, int purpose) {
    return uniform(customer, 1000 + purpose);
  }

  private Column customerSlotDraw(Column customer, Column slot) {
    return pmod(xxhash64(lit(shape.seed()), customer, slot, lit(2000)), lit(1L << 53)).divide((double) (1L << 53));
  }

  /** A standard normal draw (Box-Muller on two uniform draws). */
  private Column normal(Column row, int purpose) {
    Column u1 = greatest(uniform(row, purpose), lit(1e-12));
    Column u2 = uniform(row, purpose + 500);
    return sqrt(log(u1).multiply(-2)).multiply(cos(u2.multiply(2 * Math.PI)));
  }

  private static Column pick(String[] values, Column draw) {
    return element_at(strings(values), floor(draw.multiply(values.length)).cast(DataTypes.IntegerType).plus(1));
  }

  private static Column strings(String[] values) {
    return array(Arrays.stream(values).map(v -> lit(v)).toArray(Column[]::new));
  }

  private long startEpochSecond() {
    return shape.start().atStartOfDay(shape.timeZone()).toEpochSecond();
  }
}
