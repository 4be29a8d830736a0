package io.segments.config;

import com.typesafe.config.Config;
import java.util.Map;

/**
 * The periodic review (定期审查) against the previous snapshot.
 *
 * @param churned the condition, over customer_segments columns, of a churned customer: one who meets
 *     it now but did not in the previous snapshot counts in churn_analysis
 * @param psiAlert a population stability index above this, in any dimension of segment_summary,
 *     raises job_runs.drift_alert
 */
public record ReviewConfig(ConditionRule churned, double psiAlert) {

  static ReviewConfig from(Config c) {
    ConditionRule churned = ConfValues.namingRule("review.churned", () -> ConditionRule.parsed(
        "review.churned", "churned", ConfValues.nonEmpty(c, "review.churned"), "review", Map.of()));
    double alert = c.getDouble("review.psi-alert");
    if (alert <= 0) {
      throw ConfValues.bad("review.psi-alert", "a positive index (0.1 moderate, 0.25 large shift)", alert);
    }
    return new ReviewConfig(churned, alert);
  }
}
