package io.segments.scoring;

import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.segments.config.JobConfig;
import io.segments.support.SparkTest;
import io.segments.support.TestConfigs;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class ScoringTest {
  private static final LocalDate AS_OF = LocalDate.parse("2024-07-01");
  private static final String RFM = "customer_id STRING, first_purchase_date DATE, last_purchase_date DATE, "
      + "recency_days INT, frequency BIGINT, monetary DECIMAL(18,2), avg_order_value DECIMAL(18,2)";
  private static final String EXACT = "scoring.quantile-relative-error = 0\n";
  /** Fixed cut-offs that make every score easy to hit by hand (see {@link #scored}). */
  private static final String FIXED = "scoring.recency { method = fixed, cutoffs = [10, 20, 30, 40] }\n"
      + "scoring.frequency { method = fixed, cutoffs = [1, 2, 3, 4] }\n"
      + "scoring.monetary { method = fixed, cutoffs = [100, 200, 300, 400] }\n";

  private static Row customer(String id, int recency, long frequency, double monetary) {
    LocalDate last = AS_OF.minusDays(recency);
    BigDecimal money = BigDecimal.valueOf(monetary).setScale(2);
    return row(id, last.minusDays(30), last, recency, frequency, money, money);
  }

  /** c1..c10 with recency 10..100 days, frequency 1..10 and monetary 10..100. */
  private static List<Row> tenSteps() {
    List<Row> customers = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      customers.add(customer("c" + i, 10 * i, i, 10.0 * i));
    }
    return customers;
  }

  private static Row noPurchase(String id) {
    return row(id, null, null, null, 0L, new BigDecimal("-5.00"), null);
  }

  private static ScoringEstimator estimator(JobConfig config) {
    return new ScoringEstimator(
        config.scoring(), config.tiers(), config.classThreshold(), config.rfmSegments(), config.labels());
  }

  private static Map<String, Row> score(SparkSession spark, String conf, List<Row> customers) {
    JobConfig config = TestConfigs.load(conf);
    Dataset<Row> rfm = of(spark, RFM, customers);
    Map<String, Row> byId = new LinkedHashMap<>();
    estimator(config).fit(rfm).transform(rfm).collectAsList()
        .forEach(r -> byId.put(r.getAs("customer_id"), r));
    return byId;
  }

  /** A customer with the given scores under {@link #FIXED}. */
  private static Row scored(String id, int r, int f, int m) {
    return customer(id, 45 - 10 * (r - 1), f, 50 + 100 * (m - 1));
  }

  @Test
  void quantileCutoffsSplitPurchasersIntoFifths(SparkSession spark) {
    List<Row> customers = tenSteps();
    customers.add(noPurchase("none"));

    Map<String, Row> scored = score(spark, EXACT, customers);

    int[] expected = {0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
    for (int i = 1; i <= 10; i++) {
      Row c = scored.get("c" + i);
      assertEquals(expected[i], (Integer) c.getAs("f_score"), "f_score of c" + i);
      assertEquals(expected[i], (Integer) c.getAs("m_score"), "m_score of c" + i);
      assertEquals(6 - expected[i], (Integer) c.getAs("r_score"), "r_score of c" + i);
      assertEquals("" + (6 - expected[i]) + expected[i] + expected[i], c.getAs("rfm_cell"));
    }
  }

  @Test
  void equalValuesAlwaysGetEqualScores(SparkSession spark) {
    long[] frequencies = {1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
    List<Row> customers = new ArrayList<>();
    for (int i = 0; i < frequencies.length; i++) {
      customers.add(customer("c" + i, 5, frequencies[i], 10.0));
    }

    Map<String, Row> scored = score(spark, EXACT, customers);

    List<Integer> fScores = new ArrayList<>();
    List<Integer> rScores = new ArrayList<>();
    scored.values().forEach(r -> {
      fScores.add(r.getAs("f_score"));
      rScores.add(r.getAs("r_score"));
    });
    // Cut-offs are 1, 1, 1, 2: a single purchase passes none, two pass three.
    assertEquals(List.of(1, 1, 1, 1, 1, 1, 4, 4, 5, 5), fScores);
    assertEquals(List.of(5, 5, 5, 5, 5, 5, 5, 5, 5, 5), rScores);
  }

  @Test
  void fixedCutoffsScoreAValueOnACutoffInTheLowerBand(SparkSession spark) {
    Map<String, Row> scored = score(spark, FIXED, List.of(
        customer("on-first", 10, 1, 100.0), customer("above-first", 11, 2, 100.01),
        customer("above-last", 41, 5, 400.01)));

    assertEquals("511", scored.get("on-first").getAs("rfm_cell"));
    assertEquals("422", scored.get("above-first").getAs("rfm_cell"));
    assertEquals("155", scored.get("above-last").getAs("rfm_cell"));
  }

  @Test
  void eachOfTheElevenSegmentsByHand(SparkSession spark) {
    Map<String, Row> scored = score(spark, FIXED, List.of(
        scored("champions", 5, 5, 5),
        scored("loyal_customers", 4, 3, 3),
        scored("new_customers", 5, 1, 1),
        scored("promising", 4, 1, 2),
        scored("potential_loyalists", 5, 2, 2),
        scored("about_to_sleep", 3, 1, 1),
        scored("need_attention", 2, 2, 3),
        scored("cannot_lose_them", 1, 5, 4),
        scored("at_risk", 2, 4, 4),
        scored("lost", 1, 1, 1),
        scored("hibernating", 1, 2, 2),
        noPurchase("no_purchase")));

    scored.forEach((expected, r) -> assertEquals(expected, r.getAs("rfm_segment"), "rfm_cell " + r.getAs("rfm_cell")));
    assertEquals("冠军客户", scored.get("champions").getAs("rfm_segment_label"));
    assertEquals("未购买客户", scored.get("no_purchase").getAs("rfm_segment_label"));
  }

  @Test
  void eachOfTheEightChineseClassesAgainstTheMeans(SparkSession spark) {
    // Means: recency 30, frequency 3, monetary 300 (the no-purchase row does not count).
    List<Row> customers = List.of(
        customer("important_value", 10, 5, 500), customer("important_development", 10, 1, 500),
        customer("important_retention", 50, 5, 500), customer("important_recovery", 50, 1, 500),
        customer("general_value", 10, 5, 100), customer("general_development", 10, 1, 100),
        customer("general_retention", 50, 5, 100), customer("general_recovery", 50, 1, 100),
        customer("on-every-mean", 30, 3, 300), noPurchase("no_purchase"));

    Map<String, Row> scored = score(spark, "", customers);

    scored.forEach((id, r) -> assertEquals(id.equals("on-every-mean") ? "general_recovery" : id,
        r.getAs("rfm_class_cn"), id));
    assertEquals("重要价值客户", scored.get("important_value").getAs("rfm_class_cn_label"));
    assertEquals("一般挽留客户", scored.get("general_recovery").getAs("rfm_class_cn_label"));
  }

  @Test
  void theMedianThresholdIsAConfOption(SparkSession spark) {
    // Medians of recency 1, 2, 100 and monetary 1, 2, 1000 are 2 and 2: only the outlier is M high.
    Map<String, Row> scored = score(spark, EXACT + "rfm-class-cn.threshold = median", List.of(
        customer("a", 1, 1, 1), customer("b", 2, 1, 2), customer("c", 100, 1, 1000)));
    assertEquals("general_development", scored.get("a").getAs("rfm_class_cn"));
    assertEquals("general_recovery", scored.get("b").getAs("rfm_class_cn"));
    assertEquals("important_recovery", scored.get("c").getAs("rfm_class_cn"));
  }

  @Test
  void tiersAreTheTopFifthAndTheNextThirtyPercent(SparkSession spark) {
    List<Row> customers = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      customers.add(customer("c" + i, 5, i <= 5 ? 1 : 3, 10.0 * i));
    }
    customers.add(noPurchase("none"));

    Map<String, Row> scored = score(spark, EXACT, customers);

    List<String> valueTiers = new ArrayList<>();
    List<String> frequencyTiers = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      valueTiers.add(scored.get("c" + i).getAs("value_tier"));
      frequencyTiers.add(scored.get("c" + i).getAs("frequency_tier"));
    }
    assertEquals(List.of("low", "low", "low", "low", "low", "mid", "mid", "mid", "high", "high"), valueTiers);
    // Half buy once, half three times: the tie at 3 keeps them all out of the top fifth.
    assertEquals(List.of("low", "low", "low", "low", "low", "mid", "mid", "mid", "mid", "mid"), frequencyTiers);
    assertEquals("高价值", scored.get("c10").getAs("value_tier_label"));
    assertNull(scored.get("none").getAs("value_tier"));
    assertNull(scored.get("none").getAs("r_score"));
    assertEquals("no_purchase", scored.get("none").getAs("rfm_class_cn"));
  }

  @Test
  void labelsFollowTheConfiguredLocale(SparkSession spark) {
    Map<String, Row> english = score(spark, FIXED + "job.locale = en", List.of(scored("x", 5, 5, 5)));
    Map<String, Row> traditional = score(spark, FIXED + "job.locale = zh-TW", List.of(scored("x", 5, 5, 5)));
    assertEquals("Champions", english.get("x").getAs("rfm_segment_label"));
    // A lone purchaser is not above its own quantiles: low.
    assertEquals("Low value", english.get("x").getAs("value_tier_label"));
    assertEquals("冠軍客戶", traditional.get("x").getAs("rfm_segment_label"));
  }

  @Test
  void theModelRecordsWhatItLearned(SparkSession spark) {
    ScoringModel model = estimator(TestConfigs.load(EXACT)).fit(of(spark, RFM, tenSteps()));
    assertEquals(List.of(2.0, 4.0, 6.0, 8.0), model.frequencyCutoffs());
    assertEquals(List.of(50.0, 80.0), model.valueTierCutoffs());
    assertEquals(List.of(55.0, 5.5, 55.0), model.classThresholds());
  }
}
