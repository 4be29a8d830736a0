package io.segments.features;

import static io.segments.support.FrameAssertions.assertFrameEquals;
import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segments.config.ConfigLoader;
import io.segments.config.ValidationConfig;
import io.segments.input.LineValidator;
import io.segments.input.TransactionSchema;
import io.segments.support.SparkTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class RfmFeaturesTest {
  private static final LocalDate AS_OF = LocalDate.parse("2024-07-01");
  private static final String LINES = "customer_id STRING, order_id STRING, order_ts TIMESTAMP, amount DECIMAL(18,2)";
  private static final String RFM = "customer_id STRING, first_purchase_date DATE, last_purchase_date DATE, "
      + "recency_days INT, frequency BIGINT, monetary DECIMAL(18,2), avg_order_value DECIMAL(18,2), tenure_days INT";

  private static Row line(String customer, String order, String ts, String amount) {
    return row(customer, order, Timestamp.valueOf(ts), new BigDecimal(amount));
  }

  private static LocalDate date(String value) {
    return LocalDate.parse(value);
  }

  /**
   * a: two purchases (one of two lines) and a refund order; b: refunds only; c: an order whose lines
   * cancel out (net 0, no purchase) and one purchase a leap year before the as-of date.
   */
  private static Dataset<Row> history(SparkSession spark) {
    return of(spark, LINES,
        line("a", "o1", "2024-06-21 09:00:00", "100.00"),
        line("a", "o1", "2024-06-21 09:05:00", "20.00"),
        line("a", "o2", "2024-05-01 12:00:00", "50.00"),
        line("a", "o3", "2024-06-25 08:00:00", "-20.00"),
        line("b", "o4", "2024-03-01 08:00:00", "-30.00"),
        line("c", "o5", "2024-01-10 08:00:00", "40.00"),
        line("c", "o5", "2024-01-10 08:00:00", "-40.00"),
        line("c", "o6", "2023-07-01 23:00:00", "10.00"));
  }

  @Test
  void purchasesRefundsAndNoPurchaseCustomersFollowTheDefinitions(SparkSession spark) {
    Dataset<Row> expected = of(spark, RFM,
        row("a", date("2024-05-01"), date("2024-06-21"), 10, 2L, new BigDecimal("150.00"), new BigDecimal("75.00"), 61),
        row("b", null, null, null, 0L, new BigDecimal("-30.00"), null, null),
        row("c", date("2023-07-01"), date("2023-07-01"), 366, 1L, new BigDecimal("10.00"), new BigDecimal("10.00"),
            366));

    assertFrameEquals(expected, RfmFeatures.compute(history(spark), Optional.empty(), AS_OF, 0));
  }

  @Test
  void theLookbackWindowBoundsFrequencyAndMonetaryButNotTheDates(SparkSession spark) {
    Dataset<Row> expected = of(spark, RFM,
        row("a", date("2024-05-01"), date("2024-06-21"), 10, 1L, new BigDecimal("100.00"), new BigDecimal("100.00"), 61),
        row("b", null, null, null, 0L, new BigDecimal("0.00"), null, null),
        row("c", date("2023-07-01"), date("2023-07-01"), 366, 0L, new BigDecimal("0.00"), null, 366));

    assertFrameEquals(expected, RfmFeatures.compute(history(spark), Optional.empty(), AS_OF, 30));
  }

  @Test
  void profileCustomersWithoutLinesBecomeNoPurchaseRows(SparkSession spark) {
    Dataset<Row> ids = of(spark, "customer_id STRING", row("a"), row("p"));

    Dataset<Row> withProspects = RfmFeatures.compute(history(spark), Optional.of(ids), AS_OF, 0);

    assertEquals(4, withProspects.count());
    assertFrameEquals(of(spark, RFM, row("p", null, null, null, 0L, new BigDecimal("0.00"), null, null)),
        withProspects.where("customer_id = 'p'"));
  }

  @Test
  void aCustomerWhoseEveryOrderIsOnOrAfterTheAsOfDateIsNotInTheSnapshot(SparkSession spark) {
    Dataset<Row> lines = of(spark, LINES,
        line("a", "o1", "2024-06-30 10:00:00", "10.00"),
        line("late", "o2", "2024-07-01 00:00:00", "99.00"),
        line("late", "o3", "2024-08-01 00:00:00", "99.00"));
    Dataset<Row> validated = new LineValidator(
        ConfigLoader.load(Optional.empty(), Map.of()).validation(), false)
        .validate(TransactionSchema.conform(lines, ConfigLoader.load(Optional.empty(), Map.of()).input(), "t"), AS_OF);

    Dataset<Row> rfm = RfmFeatures.compute(LineValidator.accepted(validated), Optional.empty(), AS_OF, 0);

    assertEquals(1, rfm.count());
    assertEquals("a", rfm.first().getAs("customer_id"));
  }

  @Test
  void datesAndTheAsOfCutOffAreTakenInTheSessionTimeZone(SparkSession spark) {
    String zone = spark.conf().get("spark.sql.session.timeZone");
    spark.conf().set("spark.sql.session.timeZone", "Asia/Shanghai");
    try {
      // 2024-06-30 15:30 UTC is 23:30 in Shanghai: the day before the as-of date. 16:30 UTC is already July.
      Dataset<Row> lines = of(spark, LINES,
          line("a", "o1", "2024-06-30 15:30:00", "10.00"),
          line("a", "o2", "2024-06-30 16:30:00", "10.00"));
      ValidationConfig bounds = new ValidationConfig(new BigDecimal("1000"), LocalDate.parse("2000-01-01"), Optional.empty());
      Dataset<Row> validated = new LineValidator(bounds, false).validate(
          TransactionSchema.conform(lines, ConfigLoader.load(Optional.empty(), Map.of()).input(), "t"), AS_OF);

      Row a = RfmFeatures.compute(LineValidator.accepted(validated), Optional.empty(), AS_OF, 0).first();

      assertEquals(1L, (Long) a.getAs("frequency"));
      assertEquals(1, (Integer) a.getAs("recency_days"));
    } finally {
      spark.conf().set("spark.sql.session.timeZone", zone);
    }
  }

  /**
   * Amounts a double cannot hold exactly, the largest a line may have and refunds: monetary is the
   * exact sum of the lines, as BigDecimal adds them here, and the favourite category goes by the exact
   * net amount per category.
   */
  @Test
  void monetaryAndTheFavouriteCategoryAreExactToTheCent(SparkSession spark) {
    String[] amounts = {"9999999999999999.99", "-9999999999999999.98", "0.10", "0.20", "1234567.89", "-0.03"};
    Row[] lines = new Row[amounts.length];
    BigDecimal expected = BigDecimal.ZERO;
    for (int i = 0; i < amounts.length; i++) {
      lines[i] = row("a", "o" + i, Timestamp.valueOf("2024-06-0" + (i + 1) + " 10:00:00"), new BigDecimal(amounts[i]),
          i < 2 ? "big" : "small");
      expected = expected.add(new BigDecimal(amounts[i]));
    }
    Dataset<Row> history = of(spark, LINES + ", category STRING", lines);

    Row a = CustomerFeatures.compute(history, Optional.empty(), Optional.empty(), AS_OF, 0,
        ConfigLoader.load(Optional.empty(), Map.of()).classification()).first();

    assertEquals(new BigDecimal("1234568.17"), expected);
    assertEquals(expected, a.getAs("monetary"));
    // big nets 0.01, small 1234568.16: small is the favourite, and both count.
    assertEquals("small", a.getAs("favourite_category"));
    assertEquals(2, (Integer) a.getAs("distinct_categories"));
  }

  /** asDouble gives what Spark's cast of the decimal gives, computed the slow way, bit for bit. */
  @Test
  void moneyAsADoubleIsTheCastOfTheDecimal(SparkSession spark) {
    Dataset<Row> money = of(spark, "monetary DECIMAL(18,2)", Stream.of("0.00", "0.01", "-0.01", "0.10", "0.29",
        "19.99", "-1234.57", "1000000.03", "45035996273704.95", "-45035996273704.95")
        .map(amount -> row(new BigDecimal(amount))).toList());
    for (Row r : money.select(RfmFeatures.asDouble(col("monetary")), col("monetary").cast("double")).collectAsList()) {
      assertEquals(Double.doubleToLongBits(r.getDouble(1)), Double.doubleToLongBits(r.getDouble(0)), r.toString());
    }
  }
}
