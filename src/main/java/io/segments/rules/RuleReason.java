package io.segments.rules;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import io.segments.config.ConditionRule;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Why a rule placed a customer, as one line a salesperson can read: the rule's key and place in
 * conf, its condition, and the customer's values of the columns the condition names, e.g.
 * {@code important (rule-tiers.importance[1]: pareto_class = 'A' OR value_tier = 'high') with pareto_class=A, value_tier=high}.
 */
public final class RuleReason {
  private RuleReason() {}

  public static Column of(ConditionRule rule) {
    Column[] values = rule.columns().stream().sorted()
        .map(name -> concat(lit(name + "="), coalesce(col(name).cast(DataTypes.StringType), lit("null"))))
        .toArray(Column[]::new);
    Column head = lit(rule.key() + " (" + rule.name() + ": " + rule.condition() + ")");
    return values.length == 0 ? head : concat(head, lit(" with "), concat_ws(", ", values));
  }
}
