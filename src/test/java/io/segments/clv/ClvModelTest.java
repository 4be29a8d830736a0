package io.segments.clv;

import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.segments.config.ClvConfig;
import io.segments.support.SparkTest;
import java.sql.Date;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class ClvModelTest {
  /** The CDNOW estimates of Fader, Hardie and Lee (2005), in weeks. */
  private static final BgNbd PURCHASES = new BgNbd(0.2426, 4.414, 0.793, 2.426);
  private static final GammaGamma SPEND = new GammaGamma(6.25, 3.74, 15.44);
  private static final int WEEK = 7;
  private static final int HORIZON_WEEKS = 39;

  private static ClvModel model() {
    return new ClvModel(new ClvConfig(true, WEEK, HORIZON_WEEKS, 0.0, 0.5),
        new MaximumLikelihood.Fit(new double[] {PURCHASES.r(), PURCHASES.alpha(), PURCHASES.a(), PURCHASES.b()},
            new double[4], -1, 1, true),
        new MaximumLikelihood.Fit(new double[] {SPEND.p(), SPEND.q(), SPEND.v()}, new double[3], -1, 1, true),
        4, 2);
  }

  /**
   * Each customer gets the predictions of its own (x, t_x, T), computed here in plain Java: customers
   * sharing a triple share them, and a customer without a purchase has none.
   */
  @Test
  void eachCustomerGetsThePredictionsOfItsOwnRepeatsAndDates(SparkSession spark) {
    Date bought = Date.valueOf("2025-12-01");
    Dataset<Row> customers = of(spark, "customer_id STRING, last_purchase_date DATE, repeat_purchases INT, "
            + "tenure_days INT, recency_days INT, repeat_purchase_value DOUBLE",
        row("early", bought, 2, 200, 50, 40.0),
        row("late", bought, 0, 30, 29, null),
        row("twin", bought, 2, 200, 50, 40.0),
        row("recent", bought, 2, 200, 5, 40.0),
        row("loyal", bought, 9, 400, 3, 25.0),
        row("prospect", null, null, null, null, null));

    Map<String, Row> predicted = model().transform(customers).collectAsList().stream()
        .collect(Collectors.toMap(customer -> customer.getAs("customer_id"), customer -> customer));

    assertEquals(6, predicted.size());
    expect(predicted.get("early"), 2, 150, 199, 40.0);
    expect(predicted.get("twin"), 2, 150, 199, 40.0);
    expect(predicted.get("recent"), 2, 195, 199, 40.0);
    expect(predicted.get("late"), 0, 1, 29, 0.0);
    expect(predicted.get("loyal"), 9, 397, 399, 25.0);
    Row prospect = predicted.get("prospect");
    assertNull(prospect.getAs(ClvEstimator.P_ALIVE));
    assertNull(prospect.getAs(ClvEstimator.EXPECTED_PURCHASES));
    assertNull(prospect.getAs(ClvEstimator.CLV));
  }

  /** With no discount, clv is margin × expected spend per purchase × expected purchases. */
  private static void expect(Row customer, int x, int txDays, int tDays, double meanSpend) {
    double tx = txDays / (double) WEEK;
    double t = tDays / (double) WEEK;
    double purchases = PURCHASES.expectedPurchases(HORIZON_WEEKS, x, tx, t);
    double spend = SPEND.expectedSpend(x, meanSpend);
    String id = customer.getAs("customer_id");
    assertEquals(PURCHASES.probabilityAlive(x, tx, t), customer.<Double>getAs(ClvEstimator.P_ALIVE), 1e-12, id);
    assertEquals(purchases, customer.<Double>getAs(ClvEstimator.EXPECTED_PURCHASES), 1e-9, id);
    assertEquals(spend, customer.<Double>getAs(ClvEstimator.EXPECTED_AVG_SPEND), 1e-9, id);
    assertEquals(0.5 * spend * purchases, customer.<Double>getAs(ClvEstimator.CLV), 1e-9, id);
  }
}
