package io.segments.reasons;

import static io.segments.support.CustomerFrames.prospect;
import static io.segments.support.CustomerFrames.purchaser;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.segments.config.JobConfig;
import io.segments.job.SegmentPipeline;
import io.segments.pipeline.StageTimer;
import io.segments.support.CustomerFrames;
import io.segments.support.SparkTest;
import io.segments.support.TestConfigs;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The reasons of a few customers, worked out by hand from fixed cut-offs and the default rules. */
@SparkTest
class ReasonsTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");

  @Test
  void reasonsNameTheScoreBandsAndTheRulesThatPlacedTheCustomer(SparkSession spark) {
    JobConfig config = TestConfigs.load("""
        scoring.recency { method = fixed, cutoffs = [30, 60, 90, 180] }
        scoring.frequency { method = fixed, cutoffs = [1, 2, 4, 8] }
        scoring.monetary { method = fixed, cutoffs = [100, 200, 300, 400] }
        clustering.k = 2
        """);
    Dataset<Row> features = features(spark);

    Dataset<Row> segments = SegmentPipeline.of(config, AS_OF, 2).fit(features, new StageTimer()).transform(features);
    Map<String, String> quiet = reasonsOf(segments, "quiet");
    Map<String, String> loyal = reasonsOf(segments, "loyal");

    assertEquals("r_score 2: 90 < recency_days ≤ 180", quiet.get("r_score"));
    assertEquals("f_score 3: 2 < frequency ≤ 4", quiet.get("f_score"));
    assertEquals("m_score 3: 200.00 < monetary ≤ 300.00", quiet.get("m_score"));
    assertEquals("r_score 5: recency_days ≤ 30", loyal.get("r_score"));
    assertEquals("m_score 5: monetary > 400.00", loyal.get("m_score"));
    // 120 days since the last purchase, a year and more of tenure: not new, not active, at risk.
    assertEquals("at_risk (rule-tiers.lifecycle_stage[3]: recency_days <= 180) with recency_days=120",
        quiet.get("lifecycle_stage"));
    assertEquals("important (rule-tiers.importance[1]: pareto_class = 'A' OR value_tier = 'high') with "
        + "pareto_class=A, value_tier=mid", loyal.get("importance"), "one of three is more than the top 20 %: mid");
    assertEquals("win_back (tags[3]: lifecycle_stage IN ('at_risk', 'churned') AND frequency >= 3) with "
        + "frequency=3, lifecycle_stage=at_risk", quiet.get("tag:win_back"));
    assertFalse(loyal.containsKey("tag:win_back"), "only the tags the customer has");
    assertEquals(Map.of(), reasonsOf(segments, "prospect").entrySet().stream()
        .filter(e -> e.getKey().endsWith("_score")).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
            Map.Entry::getValue)), "no score, no band");
  }

  private static Dataset<Row> features(SparkSession spark) {
    return CustomerFrames.features(spark, List.of(
        purchaser("quiet", AS_OF, 120, 3, "250.00"),
        purchaser("loyal", AS_OF, 10, 9, "900.00"),
        purchaser("small", AS_OF, 200, 1, "50.00"),
        prospect("prospect")));
  }

  private static Map<String, String> reasonsOf(Dataset<Row> segments, String customer) {
    return segments.where(col("customer_id").equalTo(customer)).first().getJavaMap(
        segments.schema().fieldIndex(Reasons.REASONS));
  }
}
