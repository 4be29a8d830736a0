package io.segments.rules;

import static io.segments.support.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.InvalidInputException;
import io.segments.config.JobConfig;
import io.segments.support.Frames;
import io.segments.support.SparkTest;
import io.segments.support.TestConfigs;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class ConditionRulesTest {
  private static final String CUSTOMERS = "customer_id STRING, tenure_days INT, recency_days INT, monetary DECIMAL(18,2)";
  private static final String RULES = """
      job.locale = en
      rule-tiers {
        lifecycle_stage = [
          { key = new, when = "tenure_days <= 30" }
          { key = active, when = "recency_days <= 90" }
          { key = churned, when = "true" }
        ]
        importance = [
          { key = important, when = "monetary >= 1000" }
          { key = normal, when = "monetary > 0" }
        ]
        payment_tier = []
      }
      tags = [
        { key = big, dimension = value, when = "monetary >= 1000", label { zh-CN = 大, zh-TW = 大, en = Big } }
        { key = vip_active, dimension = lifecycle, when = "importance = 'important' AND lifecycle_stage = 'active'",
          label { zh-CN = 活跃大客户, zh-TW = 活躍大客戶, en = Active VIP } }
        { key = never, dimension = value, when = "false", label { zh-CN = 无, zh-TW = 無, en = Never } }
      ]
      """;

  private static Dataset<Row> customers(SparkSession spark) {
    return Frames.of(spark, CUSTOMERS,
        row("x", 10, 5, new BigDecimal("2000.00")),
        row("y", 400, 20, new BigDecimal("1500.00")),
        row("z", 500, 300, new BigDecimal("50.00")),
        row("w", null, null, new BigDecimal("0.00")));
  }

  /**
   * x matches all three lifecycle rules and takes the first; w's null conditions do not hold, so only
   * "true" does; its monetary of 0 matches no importance rule. vip_active reads the tiers.
   */
  @Test
  void theFirstMatchingRuleSetsATierAndEveryMatchingRuleATag(SparkSession spark) {
    JobConfig config = TestConfigs.load(RULES);
    ConditionRules stage = new ConditionRules(config.ruleTiers(), config.tags(), config.labels());

    Map<String, String> byCustomer = new TreeMap<>();
    stage.fit(customers(spark)).transform(customers(spark)).collectAsList().forEach(row -> byCustomer.put(
        row.getAs("customer_id"), List.of(String.valueOf(row.<String>getAs("lifecycle_stage")),
            String.valueOf(row.<String>getAs("lifecycle_stage_label")), String.valueOf(row.<String>getAs("importance")),
            row.getList(row.fieldIndex("tags")).toString()).toString()));

    assertEquals(Map.of(
        "x", "[new, New, important, [big]]",
        "y", "[active, Active, important, [big, vip_active]]",
        "z", "[churned, Churned, normal, []]",
        "w", "[churned, Churned, null, []]"), byCustomer);
  }

  @Test
  void aConditionThatIsNotBooleanOnTheRealColumnsIsNamed(SparkSession spark) {
    JobConfig config = TestConfigs.load(RULES.replace("when = \"false\"", "when = \"concat(customer_id, 'x')\""));
    ConditionRules stage = new ConditionRules(config.ruleTiers(), config.tags(), config.labels());

    String message = assertThrows(InvalidInputException.class, () -> stage.transform(customers(spark))).getMessage();
    assertTrue(message.contains("tags[2] (never)") && message.contains("not boolean"), message);
  }
}
