package io.segments.review;

import static io.segments.support.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.config.JobConfig;
import io.segments.support.Frames;
import io.segments.support.PairCounting;
import io.segments.support.SparkTest;
import io.segments.support.TestConfigs;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Two hand-built snapshots with known moves, a customer appearing and one lost. */
@SparkTest
class ReviewTest {
  private static final LocalDate BEFORE = LocalDate.parse("2026-01-01");
  private static final String SEGMENTS = "customer_id STRING, rfm_segment STRING, rfm_class_cn STRING, value_tier STRING, "
      + "lifecycle_stage STRING, importance STRING, cluster_id INT, monetary DECIMAL(18,2), region STRING, "
      + "customer_cohort STRING, last_purchase_date DATE";
  private static final JobConfig DEFAULTS = TestConfigs.load("");

  private static Row customer(String id, String segment, String stage, Integer cluster, String monetary, String lastPurchase) {
    return row(id, segment, "important_value", "high", stage, "important", cluster, new BigDecimal(monetary), "East",
        "early", Date.valueOf(lastPurchase));
  }

  private static Dataset<Row> previous(SparkSession spark) {
    return Frames.of(spark, SEGMENTS,
        customer("p1", "champions", "active", 0, "100.00", "2025-12-01"),
        customer("p2", "at_risk", "at_risk", 1, "50.00", "2025-08-15"),
        customer("p3", "lost", "churned", 2, "10.00", "2024-01-01"),
        customer("p4", "champions", "active", 0, "200.00", "2025-12-20"));
  }

  private static Dataset<Row> current(SparkSession spark) {
    return Frames.of(spark, SEGMENTS,
        customer("p1", "champions", "active", 0, "120.00", "2026-01-20"),
        customer("p2", "lost", "churned", 2, "50.00", "2025-08-15"),
        customer("p3", "lost", "churned", 2, "10.00", "2024-01-01"),
        customer("p5", "new_customers", "new", 1, "30.00", "2026-01-25"));
  }

  @Test
  void everyMoveIsCountedWithAbsentOnTheSideThatLacksTheCustomer(SparkSession spark) {
    Map<String, Row> moves = new HashMap<>();
    SegmentTransitions.of(previous(spark), BEFORE, current(spark)).where("dimension = 'rfm_segment'").collectAsList()
        .forEach(r -> moves.put(r.getAs("from_segment") + ">" + r.getAs("to_segment"), r));

    assertEquals(Map.of("champions>champions", 1L, "at_risk>lost", 1L, "lost>lost", 1L, "champions>absent", 1L,
        "absent>new_customers", 1L), counts(moves));
    assertEquals(new BigDecimal("120.00"), moves.get("champions>champions").getAs("revenue"), "this snapshot's monetary");
    assertEquals(new BigDecimal("200.00"), moves.get("champions>absent").getAs("revenue"), "the last known monetary");
    assertEquals(Date.valueOf(BEFORE), moves.get("lost>lost").getAs("previous_snapshot_date"));
  }

  private static Map<String, Long> counts(Map<String, Row> moves) {
    Map<String, Long> counts = new HashMap<>();
    moves.forEach((move, row) -> counts.put(move, row.getAs("customers")));
    return counts;
  }

  @Test
  void theChurnedAreCountedByWhatTheyWereBefore(SparkSession spark) {
    Map<String, Row> groups = new HashMap<>();
    ChurnAnalysis.of(previous(spark), BEFORE, current(spark), DEFAULTS.review().churned()).collectAsList()
        .forEach(r -> groups.put(r.getAs("dimension") + "/" + r.getAs("segment"), r));

    // p3 was churned already; p4 left the snapshot, which is not churn by the rule.
    Row champions = groups.get("rfm_segment/champions");
    assertEquals(2L, (long) champions.getAs("customers_before"));
    assertEquals(0L, (long) champions.getAs("churned"));
    Row atRisk = groups.get("rfm_segment/at_risk");
    assertEquals(1L, (long) atRisk.getAs("churned"));
    assertEquals(1.0, (double) atRisk.getAs("churn_rate"));
    assertEquals(new BigDecimal("50.00"), atRisk.getAs("revenue_lost"));
    assertFalse(groups.containsKey("rfm_segment/lost"), "no one was lost-but-not-churned before");
    Row august = groups.get("last_purchase_month/2025-08");
    assertEquals(1L, (long) august.getAs("churned"));
    Row east = groups.get("region/East");
    assertEquals(3L, (long) east.getAs("customers_before"));
    assertEquals(1.0 / 3, (double) east.getAs("churn_rate"), 1e-12);
  }

  @Test
  void theStabilityIndexIsSummedPerDimensionLeavingTagsAside(SparkSession spark) {
    String summary = "dimension STRING, segment STRING, customer_share DOUBLE";
    Dataset<Row> before = Frames.of(spark, summary, row("value_tier", "high", 0.5), row("value_tier", "low", 0.5),
        row("tag", "vip", 0.9));
    Dataset<Row> now = Frames.of(spark, summary, row("value_tier", "high", 0.8), row("value_tier", "low", 0.2),
        row("tag", "vip", 0.1));

    ReviewFigures figures = ReviewFigures.of(BEFORE, before, now,
        SegmentTransitions.of(previous(spark), BEFORE, current(spark)), 0.25);

    // (0.8 - 0.5) ln(0.8 / 0.5) + (0.2 - 0.5) ln(0.2 / 0.5)
    assertEquals(0.415888, figures.psiByDimension().get("value_tier"), 1e-6);
    assertEquals(List.of("value_tier"), List.copyOf(figures.psiByDimension().keySet()));
    assertTrue(figures.alert());
    assertEquals(Optional.of(BEFORE), figures.previousDate());
  }

  /** Checked against the pair-counting form of the index. */
  @Test
  void clusterAgreementIsTheAdjustedRandIndexOfTheCustomersInBoth(SparkSession spark) {
    int[] before = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
    int[] now = {0, 0, 1, 1, 1, 1, 2, 2, 2, 0};
    List<Row> previousRows = new ArrayList<>();
    List<Row> currentRows = new ArrayList<>();
    for (int i = 0; i < before.length; i++) {
      previousRows.add(customer("c" + i, "lost", "churned", before[i], "1.00", "2025-01-01"));
      currentRows.add(customer("c" + i, "lost", "churned", now[i], "1.00", "2025-01-01"));
    }
    previousRows.add(customer("only-before", "lost", "churned", 1, "1.00", "2025-01-01"));
    currentRows.add(customer("no-cluster", "lost", "churned", null, "1.00", "2025-01-01"));
    Dataset<Row> transitions = SegmentTransitions.of(Frames.of(spark, SEGMENTS, previousRows), BEFORE,
        Frames.of(spark, SEGMENTS, currentRows));
    Dataset<Row> noSummary = Frames.of(spark, "dimension STRING, segment STRING, customer_share DOUBLE", List.of());

    double ari = ReviewFigures.of(BEFORE, noSummary, noSummary, transitions, 0.25).clusterAgreement().orElseThrow();

    assertEquals(PairCounting.adjustedRandIndex(before, now), ari, 1e-12);
  }
}
