package io.segments.rules;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.segments.config.ConditionRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Why a rule placed a customer, as one line a salesperson can read: the rule's key and place in
 * conf, its condition, and the customer's values of the columns the condition names, e.g.
 * {@code important (rule-tiers.importance[1]: pareto_class = 'A' OR value_tier = 'high') with pareto_class=A, value_tier=high}.
 */
public final class RuleReason {
  private RuleReason() {}

  /** One concat of literal pieces and values: what stays literal is joined ahead into one piece. */
  public static Column of(ConditionRule rule) {
    List<Column> pieces = new ArrayList<>();
    String literal = rule.key() + " (" + rule.name() + ": " + rule.condition() + ")";
    String separator = " with ";
    for (String name : rule.columns().stream().sorted().toList()) {
      pieces.add(lit(literal + separator + name + "="));
      pieces.add(coalesce(col(name).cast(DataTypes.StringType), lit("null")));
      literal = "";
      separator = ", ";
    }
    return pieces.isEmpty() ? lit(literal) : concat(pieces.toArray(Column[]::new));
  }
}
