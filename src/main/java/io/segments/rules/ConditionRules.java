package io.segments.rules;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.segments.InvalidInputException;
import io.segments.config.ConditionRule;
import io.segments.config.Labels;
import io.segments.pipeline.CustomerStage;
import io.segments.pipeline.FittedStage;
import io.segments.pipeline.Labelled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The rule tiers and tags stage: the conf's rules applied as column expressions. Each rule tier
 * (lifecycle_stage, importance) is the key of its first rule whose condition holds, and tags is the
 * array of the keys of every tag rule that holds, in conf order. A tier's rules see the columns of
 * the stages before; a tag's rules see those and the tiers. Conditions are parsed into expressions,
 * never run as statements; a condition that is null for a customer does not hold.
 */
public final class ConditionRules implements CustomerStage, FittedStage {
  public static final String TAGS = "tags";

  private final Map<String, List<ConditionRule>> byTier;
  private final List<ConditionRule> tags;
  private final Labels labels;

  /** @param tiers rules of each tier in order, tiers one after the other */
  public ConditionRules(List<ConditionRule> tiers, List<ConditionRule> tags, Labels labels) {
    this.byTier = byTier(tiers);
    this.tags = List.copyOf(tags);
    this.labels = labels;
  }

  @Override
  public String name() {
    return "rules";
  }

  @Override
  public List<String> reads() {
    Set<String> columns = new TreeSet<>();
    byTier.values().forEach(rules -> rules.forEach(rule -> columns.addAll(rule.columns())));
    tags.forEach(rule -> columns.addAll(rule.columns()));
    columns.removeAll(tierColumns());
    return List.copyOf(columns);
  }

  @Override
  public List<String> adds() {
    List<String> columns = new ArrayList<>(tierColumns());
    columns.add(TAGS);
    return columns;
  }

  private List<String> tierColumns() {
    return Labelled.columns(byTier.keySet().toArray(String[]::new));
  }

  /**
   * Each rule may name only the columns it can see.
   *
   * @throws InvalidInputException naming the first rule that names another column
   */
  @Override
  public void checkReads(Set<String> available) {
    Set<String> visible = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    visible.addAll(available);
    byTier.values().forEach(rules -> rules.forEach(rule -> checkColumns(rule, visible)));
    visible.addAll(tierColumns());
    tags.forEach(rule -> checkColumns(rule, visible));
  }

  /**
   * @param visible the columns the rule may name, case-insensitive
   * @throws InvalidInputException naming the rule when it names another column
   */
  public static void checkColumns(ConditionRule rule, Set<String> visible) {
    for (String column : rule.columns()) {
      if (!visible.contains(column)) {
        throw rule.invalid("names unknown column '" + column + "'; this rule sees the columns "
            + new TreeSet<>(visible.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList()));
      }
    }
  }

  @Override
  public ConditionRules fit(Dataset<Row> customers) {
    return this;
  }

  /** @throws InvalidInputException naming the rule whose condition does not analyse to a boolean */
  @Override
  public Dataset<Row> transform(Dataset<Row> customers) {
    Dataset<Row> ruled = customers;
    for (Map.Entry<String, List<ConditionRule>> tier : byTier.entrySet()) {
      Column key = firstMatch(customers, tier.getValue(), rule -> lit(rule.key()));
      ruled = Labelled.withKey(ruled, tier.getKey(), key, labels.of(tier.getKey()));
    }
    Dataset<Row> withTiers = ruled;
    Map<String, Column> tagConditions = new LinkedHashMap<>();
    tags.forEach(rule -> tagConditions.put(rule.key(), condition(withTiers, rule)));
    return withTiers.withColumn(TAGS, keysWhere(tagConditions));
  }

  /**
   * Per customer, the keys whose condition holds, in the map's order; empty when none does. A concat
   * of one-key or empty arrays, not array_compact: that is a lambda (filter), which Spark does not
   * compile, so every customer's conditions were interpreted and the customer_segments projection
   * left its compiled stage.
   */
  public static Column keysWhere(Map<String, Column> conditions) {
    Column none = array().cast(DataTypes.createArrayType(DataTypes.StringType));
    Column[] held = conditions.entrySet().stream()
        .map(keyed -> when(keyed.getValue(), array(lit(keyed.getKey()))).otherwise(none))
        .toArray(Column[]::new);
    return held.length == 0 ? none : concat(held);
  }

  /** The rules of each tier (lifecycle_stage, importance, ...) in order, tiers in conf order. */
  public static Map<String, List<ConditionRule>> byTier(List<ConditionRule> tiers) {
    Map<String, List<ConditionRule>> byTier = new LinkedHashMap<>();
    tiers.forEach(rule -> byTier.computeIfAbsent(rule.dimension(), tier -> new ArrayList<>()).add(rule));
    return byTier;
  }

  /** Per customer, {@code value} of the first rule whose condition holds; null when none does. */
  public static Column firstMatch(Dataset<Row> customers, List<ConditionRule> rules, Function<ConditionRule, Column> value) {
    return firstMatch(customers, rules, value, lit(null).cast(DataTypes.StringType));
  }

  /** Per customer, {@code value} of the first rule whose condition holds; {@code none} when none does. */
  public static Column firstMatch(Dataset<Row> customers, List<ConditionRule> rules, Function<ConditionRule, Column> value,
      Column none) {
    Column first = none;
    for (int i = rules.size() - 1; i >= 0; i--) {
      first = when(condition(customers, rules.get(i)), value.apply(rules.get(i))).otherwise(first);
    }
    return first;
  }

  /**
   * The rule's condition, checked to be boolean against the columns it will run on. It is analysed
   * against an empty frame of the same columns: analysing it on the customers' own plan, as deep as
   * the pipeline, took seconds for the conf's few dozen rules.
   *
   * @throws InvalidInputException naming the rule when it does not analyse to a boolean
   */
  public static Column condition(Dataset<Row> customers, ConditionRule rule) {
    Column condition;
    try {
      condition = expr(rule.condition());
      DataType type = customers.sparkSession().createDataFrame(List.of(), customers.schema())
          .select(condition).schema().fields()[0].dataType();
      if (!type.equals(DataTypes.BooleanType)) {
        throw rule.invalid("is of type " + type.simpleString() + ", not boolean");
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (Exception e) {
      InvalidInputException invalid = rule.invalid("does not analyse: " + e.getMessage().lines().findFirst().orElse(""));
      invalid.initCause(e);
      throw invalid;
    }
    return condition;
  }
}
