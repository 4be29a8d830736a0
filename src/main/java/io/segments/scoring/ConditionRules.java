package io.segments.scoring;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.segments.InvalidInputException;
import io.segments.config.ConditionRule;
import io.segments.config.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The conf's rules applied as column expressions: each rule tier (lifecycle_stage, importance) is
 * the key of its first rule whose condition holds, and tags is the array of the keys of every tag
 * rule that holds, in conf order. Conditions are parsed into expressions, never run as statements;
 * a condition that is null for a customer does not hold.
 */
public final class ConditionRules {
  public static final String TAGS = "tags";

  private ConditionRules() {}

  /**
   * @param tiers rules of each tier in order, tiers one after the other
   * @throws InvalidInputException naming the rule whose condition does not analyse to a boolean
   */
  public static Dataset<Row> apply(Dataset<Row> customers, List<ConditionRule> tiers, List<ConditionRule> tags,
      Labels labels) {
    Map<String, List<ConditionRule>> byTier = new LinkedHashMap<>();
    tiers.forEach(rule -> byTier.computeIfAbsent(rule.dimension(), t -> new ArrayList<>()).add(rule));
    Dataset<Row> ruled = customers;
    for (Map.Entry<String, List<ConditionRule>> tier : byTier.entrySet()) {
      Column key = lit(null).cast(DataTypes.StringType);
      List<ConditionRule> rules = tier.getValue();
      for (int i = rules.size() - 1; i >= 0; i--) {
        key = when(condition(customers, rules.get(i)), lit(rules.get(i).key())).otherwise(key);
      }
      ruled = Labelled.withKey(ruled, tier.getKey(), key, labels.of(tier.getKey()));
    }
    Dataset<Row> withTiers = ruled;
    Column[] matches = tags.stream()
        .map(rule -> when(condition(withTiers, rule), lit(rule.key())))
        .toArray(Column[]::new);
    return withTiers.withColumn(TAGS, matches.length == 0
        ? array().cast(DataTypes.createArrayType(DataTypes.StringType))
        : array_compact(array(matches)));
  }

  /** The rule's condition, checked to be boolean against the columns it will run on. */
  private static Column condition(Dataset<Row> customers, ConditionRule rule) {
    Column condition;
    try {
      condition = expr(rule.condition());
      DataType type = customers.select(condition).schema().fields()[0].dataType();
      if (!type.equals(DataTypes.BooleanType)) {
        throw new InvalidInputException("bad rule " + rule.name() + " (" + rule.key() + "): condition \""
            + rule.condition() + "\" is of type " + type.simpleString() + ", not boolean");
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (Exception e) {
      throw new InvalidInputException("bad rule " + rule.name() + " (" + rule.key() + "): condition \""
          + rule.condition() + "\" does not analyse: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    return condition;
  }
}
