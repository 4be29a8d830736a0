package io.segments.reporting;

import static io.segments.support.FrameAssertions.assertFrameEquals;
import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segments.support.SparkTest;
import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.config.Labels;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class SegmentSummaryTest {
  private static final String SEGMENTS = "customer_id STRING, last_purchase_date DATE, recency_days INT, frequency BIGINT, "
      + "monetary DECIMAL(18,2), r_score INT, f_score INT, m_score INT, rfm_segment STRING, "
      + "rfm_segment_label STRING, rfm_class_cn STRING, rfm_class_cn_label STRING, value_tier STRING, "
      + "value_tier_label STRING, frequency_tier STRING, frequency_tier_label STRING, cluster_id INT, "
      + "cluster_label STRING, tags ARRAY<STRING>";
  private static final String SUMMARY = "dimension STRING, segment STRING, segment_label STRING, customers BIGINT, "
      + "customer_share DOUBLE, revenue DECIMAL(18,2), revenue_share DOUBLE, avg_recency_days DOUBLE, "
      + "avg_frequency DOUBLE, avg_monetary DOUBLE";

  private static final List<SegmentSummary.Dimension> RFM_DIMENSIONS = SegmentSummary.ALL.subList(0, 8);
  private static final Labels LABELS = ConfigLoader.load(Optional.empty(), Map.of()).labels();

  private static Row purchaser(String id, int recency, long frequency, String monetary, int r, String segment,
      String tier) {
    return row(id, Date.valueOf("2025-12-01"), recency, frequency, new BigDecimal(monetary), r, 3, 3, segment,
        segment + "!", "important_value", "重要价值客户", tier, tier + "!", "low", "低频", r == 5 ? 0 : 1,
        r == 5 ? "高价值忠诚" : "流失", r == 5 ? List.of("vip", "night_owl") : List.of("night_owl"));
  }

  private Dataset<Row> segments(SparkSession spark) {
    return of(spark, SEGMENTS,
        purchaser("a", 10, 4, "600.00", 5, "champions", "high"),
        purchaser("b", 20, 2, "300.00", 5, "champions", "mid"),
        purchaser("c", 300, 1, "100.00", 1, "lost", "low"),
        row("d", null, null, 0L, new BigDecimal("0.00"), null, null, null, "no_purchase", "未购买客户", "no_purchase",
            "未购买客户", null, null, null, null, null, null, List.of()));
  }

  @Test
  void countsSharesAndMeansPerSegmentByHand(SparkSession spark) {
    Dataset<Row> summary = SegmentSummary.compute(segments(spark), RFM_DIMENSIONS, List.of(), LABELS).where(col("dimension").equalTo("rfm_segment"));

    assertFrameEquals(of(spark, SUMMARY,
        row("rfm_segment", "champions", "champions!", 2L, 0.5, new BigDecimal("900.00"), 0.9, 15.0, 3.0, 450.0),
        row("rfm_segment", "lost", "lost!", 1L, 0.25, new BigDecimal("100.00"), 0.1, 300.0, 1.0, 100.0),
        row("rfm_segment", "no_purchase", "未购买客户", 1L, 0.25, new BigDecimal("0.00"), 0.0, null, 0.0, 0.0)),
        summary);
  }

  @Test
  void ownerRolesAndChannelsOfTheActionsReadInTheLocale(SparkSession spark) {
    JobConfig config = ConfigLoader.load(Optional.empty(), Map.of());
    Dataset<Row> customers = of(spark, "recency_days INT, frequency BIGINT, monetary DECIMAL(18,2), actions ARRAY<STRING>",
        row(10, 4L, new BigDecimal("600.00"), List.of("vip_care", "holiday")),
        row(300, 1L, new BigDecimal("100.00"), List.of("win_back")));

    Dataset<Row> owners = SegmentSummary.compute(customers, List.of(), SegmentSummary.actions(config.actions(), config.labels()),
            config.labels())
        .where(col("dimension").isin("action_owner", "action_channel"))
        .select("dimension", "segment", "segment_label", "customers");

    assertFrameEquals(of(spark, "dimension STRING, segment STRING, segment_label STRING, customers BIGINT",
        row("action_owner", "account_manager", "客户经理", 1L),
        row("action_owner", "sales", "销售", 1L),
        row("action_channel", "visit", "上门拜访", 1L),
        row("action_channel", "sms", "短信", 1L),
        row("action_channel", "phone", "电话", 1L)), owners);
  }

  @Test
  void revenueIsExactToTheCentForLargeAndNegativeAmounts(SparkSession spark) {
    Dataset<Row> segments = of(spark, SEGMENTS,
        purchaser("a", 10, 4, "1234567890123.45", 5, "champions", "high"),
        purchaser("b", 20, 2, "0.17", 5, "champions", "mid"),
        purchaser("c", 300, 1, "-0.07", 1, "lost", "low"));

    Dataset<Row> revenue = SegmentSummary.compute(segments, RFM_DIMENSIONS, List.of(), LABELS)
        .where(col("dimension").equalTo("rfm_segment"))
        .select("segment", "revenue");

    assertFrameEquals(of(spark, "segment STRING, revenue DECIMAL(18,2)",
        row("champions", new BigDecimal("1234567890123.62")),
        row("lost", new BigDecimal("-0.07"))), revenue);
  }

  @Test
  void customersWithoutATierOrScoreCountAsNoPurchaseInEveryDimension(SparkSession spark) {
    Dataset<Row> summary = SegmentSummary.compute(segments(spark), RFM_DIMENSIONS, List.of(), LABELS);

    assertEquals(8, summary.select("dimension").distinct().count());
    for (Row dimension : summary.groupBy("dimension").sum("customers").collectAsList()) {
      assertEquals(4L, dimension.getLong(1), dimension.getString(0));
    }
    Row valueTierNone = summary.where("dimension = 'value_tier' AND segment = 'no_purchase'").first();
    assertEquals("未购买客户", valueTierNone.getAs("segment_label"));
    Row rScore5 = summary.where("dimension = 'r_score' AND segment = '5'").first();
    assertEquals(2L, (Long) rScore5.getAs("customers"));
    Row cluster0 = summary.where("dimension = 'cluster_id' AND segment = '0'").first();
    assertEquals("高价值忠诚", cluster0.getAs("segment_label"));
    assertEquals(0.9, cluster0.<Double>getAs("revenue_share"), 1e-12);
  }

  @Test
  void aTagRowCountsEveryCustomerWithTheTagAgainstAllCustomers(SparkSession spark) {
    Dataset<Row> tags = SegmentSummary.compute(segments(spark), List.of(), List.of(SegmentSummary.tags(Map.of("vip", "贵宾", "night_owl", "夜猫子"))),
        LABELS);

    assertFrameEquals(of(spark, SUMMARY,
        row("tag", "vip", "贵宾", 2L, 0.5, new BigDecimal("900.00"), 0.9, 15.0, 3.0, 450.0),
        row("tag", "night_owl", "夜猫子", 3L, 0.75, new BigDecimal("1000.00"), 1.0, 110.0, 7.0 / 3, 1000.0 / 3)),
        tags);
  }
}
