package io.segments.reference;

import static io.segments.support.Frames.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.features.RfmFeatures;
import io.segments.input.LineValidator;
import io.segments.input.TransactionSchema;
import io.segments.support.CdnowSample;
import io.segments.support.SparkTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The CDNOW sample (2,357 real customers) against the published per-customer summary of its 39-week
 * calibration period (to 1997-09-30): repeat purchases x = frequency - 1, t_x = weeks from the first
 * to the last purchase, T = weeks from the first purchase to the end of calibration. The summary
 * counts purchase days, so the lines of one customer and day form one order here. It also counts a
 * $0.00 day as a purchase, which the contract does not (a purchase has net amount > 0): for the few
 * customers with such a day, the expected values come from the lines themselves.
 */
@SparkTest
class CdnowReferenceTest {
  private static final LocalDate CALIBRATION_END = CdnowSample.CALIBRATION_END;
  private static final LocalDate AS_OF = CdnowSample.AS_OF;

  private record Summary(int x, double tx, double bigT) {}

  @Test
  void frequencyAndPurchaseDatesMatchThePublishedSummary(SparkSession spark) {
    assumeTrue(CdnowSample.present(), "skipped: " + CdnowSample.DATA.toAbsolutePath() + " (shared CDNOW data) is absent");

    List<Row> lines = CdnowSample.rows();
    Map<String, TreeMap<LocalDate, BigDecimal>> days = new HashMap<>();
    for (Row line : lines) {
      LocalDate day = line.getTimestamp(2).toLocalDateTime().toLocalDate();
      if (day.isBefore(AS_OF)) {
        days.computeIfAbsent(line.getString(1), c -> new TreeMap<>()).merge(day, line.getDecimal(3), BigDecimal::add);
      }
    }
    Map<String, Summary> published = new HashMap<>();
    for (String text : CdnowSample.summary("cdnow_customers_summary.csv")) {
      String[] f = text.split(",");
      published.put(f[0], new Summary(Integer.parseInt(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
    }

    // The defaults must accept a real history from the 1990s.
    JobConfig config = ConfigLoader.load(Optional.empty(), Map.of());
    Dataset<Row> input = of(spark, CdnowSample.LINES, lines);
    Dataset<Row> validated = new LineValidator(config.validation(), false)
        .validate(TransactionSchema.conform(input, config.input(), "CDNOW_sample.txt"), AS_OF);
    List<Row> rfm = RfmFeatures.compute(LineValidator.accepted(validated), Optional.empty(), AS_OF, 0).collectAsList();

    // Every sample customer first bought in the first quarter of 1997, inside the calibration period.
    assertEquals(published.size(), rfm.size());
    int withZeroDays = 0;
    for (Row customer : rfm) {
      String id = customer.getAs("customer_id");
      Summary expected = published.get(id);
      TreeMap<LocalDate, BigDecimal> byDay = days.get(id);
      List<LocalDate> purchaseDays = byDay.entrySet().stream().filter(e -> e.getValue().signum() > 0)
          .map(Map.Entry::getKey).toList();
      assertEquals(expected.x() + 1, byDay.size(), "the summary counts the days of the lines of " + id);
      assertEquals(purchaseDays.size(), customer.<Long>getAs("frequency"), "purchases of " + id);
      assertEquals(0, byDay.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)
          .compareTo(customer.getAs("monetary")), "monetary of " + id);
      if (purchaseDays.size() != byDay.size()) {
        withZeroDays++;
        continue;
      }
      LocalDate first = ((java.sql.Date) customer.getAs("first_purchase_date")).toLocalDate();
      LocalDate last = ((java.sql.Date) customer.getAs("last_purchase_date")).toLocalDate();
      assertEquals(expected.tx(), ChronoUnit.DAYS.between(first, last) / 7.0, 0.006, "t_x of " + id);
      assertEquals(expected.bigT(), ChronoUnit.DAYS.between(first, CALIBRATION_END) / 7.0, 0.006, "T of " + id);
      assertEquals((int) ChronoUnit.DAYS.between(last, AS_OF), customer.<Integer>getAs("recency_days"), id);
    }
    assertTrue(withZeroDays < published.size() / 50, withZeroDays + " customers with a $0 day");
  }
}
