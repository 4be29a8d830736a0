package io.segments.support;

import static io.segments.support.Frames.row;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Small frames of customer features, the input of the customer path, built by hand. */
public final class CustomerFrames {
  /** The columns of {@link io.segments.features.CustomerFeatures#COLUMNS} with their types. */
  public static final String FEATURES = "customer_id STRING, first_purchase_date DATE, last_purchase_date DATE, "
      + "recency_days INT, frequency BIGINT, monetary DECIMAL(18,2), avg_order_value DECIMAL(18,2), tenure_days INT, "
      + "distinct_categories INT, favourite_category STRING, night_share DOUBLE, weekend_share DOUBLE, "
      + "repeat_purchases INT, repeat_purchase_value DOUBLE, "
      + "customer_type STRING, country STRING, region STRING, city STRING, city_tier INT, gender STRING, "
      + "age_band STRING, phone_masked STRING, email_masked STRING, account_manager STRING, days_to_birthday INT, "
      + "browse_per_30_days DOUBLE, last_contact_date DATE, billed DECIMAL(18,2), "
      + "paid DECIMAL(18,2), outstanding DECIMAL(18,2), overdue_amount DECIMAL(18,2), days_past_due INT, "
      + "aging_bucket STRING, avg_days_to_pay DOUBLE, on_time_share DOUBLE, qualified_signed BOOLEAN";

  private CustomerFrames() {}

  /**
   * A purchaser as of {@code asOf} with the given recency, frequency and monetary, first buying a year
   * before the last purchase; an individual in Shanghai with one category.
   */
  public static Row purchaser(String id, LocalDate asOf, int recencyDays, long frequency, String monetary) {
    LocalDate last = asOf.minusDays(recencyDays);
    LocalDate first = last.minusDays(365);
    BigDecimal money = new BigDecimal(monetary);
    return row(id, Date.valueOf(first), Date.valueOf(last), recencyDays, frequency, money,
        money.divide(BigDecimal.valueOf(frequency), 2, java.math.RoundingMode.HALF_UP),
        recencyDays + 365, 1, "books", 0.0, 0.5, (int) frequency - 1,
        frequency > 1 ? money.doubleValue() / frequency : null, "individual", "CN", "East", "Shanghai", 1, "female",
        "youth", "138****5678", "a***@example.com", "Wang", null, 2.0, null, money, money, new BigDecimal("0.00"), new BigDecimal("0.00"),
        null, "current", 20.0, 1.0, true);
  }

  /** A prospect: listed in the customers table, never purchased. */
  public static Row prospect(String id) {
    return row(id, null, null, null, 0L, new BigDecimal("0.00"), null, null, 0, null, null, null, null, null,
        "enterprise", "CN", "North", "Beijing", 1, null, null, null, null, null, null, 0.0, null, null, null, null, null, null, null, null,
        null, null);
  }

  public static Dataset<Row> features(SparkSession spark, List<Row> customers) {
    return Frames.of(spark, FEATURES, customers);
  }
}
