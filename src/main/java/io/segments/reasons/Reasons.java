package io.segments.reasons;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.when;

import io.segments.actions.Playbooks;
import io.segments.config.ActionsConfig;
import io.segments.config.ConditionRule;
import io.segments.pipeline.CustomerStage;
import io.segments.pipeline.FittedStage;
import io.segments.rules.ConditionRules;
import io.segments.rules.RuleReason;
import io.segments.scoring.RfmScores;
import io.segments.scoring.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The reasons stage: why a customer is where it is, so that "why is this customer 重要挽留?" needs
 * no conf. {@code reasons} maps r_score, f_score and m_score to the band of the learned cut-offs
 * the customer fell in, each rule tier (lifecycle_stage, importance, ...) to the rule that placed
 * the customer, {@code tag:KEY} to the rule of each tag the customer has, and {@code action:KEY} to
 * the playbook of each action, each with the customer's values of the columns the rule reads.
 */
public final class Reasons implements CustomerStage {
  public static final String REASONS = "reasons";
  public static final String TAG_PREFIX = "tag:";
  public static final String ACTION_PREFIX = "action:";

  private final List<ConditionRule> tiers;
  private final List<ConditionRule> tags;
  private final ActionsConfig actions;

  public Reasons(List<ConditionRule> tiers, List<ConditionRule> tags, ActionsConfig actions) {
    this.tiers = List.copyOf(tiers);
    this.tags = List.copyOf(tags);
    this.actions = actions;
  }

  @Override
  public String name() {
    return "reasons";
  }

  @Override
  public List<String> reads() {
    Set<String> columns = new TreeSet<>(List.of(RfmScores.R_SCORE, RfmScores.F_SCORE, RfmScores.M_SCORE,
        ConditionRules.TAGS, Playbooks.ACTIONS));
    tiers.forEach(rule -> columns.addAll(rule.columns()));
    tags.forEach(rule -> columns.addAll(rule.columns()));
    actions.playbooks().forEach(playbook -> columns.addAll(playbook.rule().columns()));
    return List.copyOf(columns);
  }

  @Override
  public List<String> adds() {
    return List.of(REASONS);
  }

  /** Case-insensitive, as the rules name columns. */
  @Override
  public void checkReads(Set<String> available) {
    Set<String> visible = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    visible.addAll(available);
    CustomerStage.super.checkReads(visible);
  }

  @Override
  public FittedStage fit(Dataset<Row> customers) {
    throw new IllegalStateException("the reasons stage fits on the stages before it");
  }

  /** It learns from the scoring stage's cut-offs, not from the rows. */
  @Override
  public boolean fitReadsRows() {
    return false;
  }

  @Override
  public FittedStage fit(Dataset<Row> customers, List<FittedStage> earlier) {
    ScoringModel scoring = earlier.stream().filter(ScoringModel.class::isInstance).map(ScoringModel.class::cast)
        .findFirst().orElseThrow(() -> new IllegalStateException("the reasons stage needs the scoring stage before it"));
    return rows -> rows.withColumn(REASONS, reasons(rows, RfmScores.bands(scoring)));
  }

  /**
   * One map per reason, empty without one, concatenated. Each reason's text appears once in the
   * expression: a map_filter over a map of them all would be evaluated row by row without generated
   * code, and a null check before the map would build every text twice (the projection's generated
   * method then grew past what HotSpot compiles).
   */
  private Column reasons(Dataset<Row> customers, Map<String, Column> scoreBands) {
    Column none = map().cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    List<Column> entries = new ArrayList<>();
    scoreBands.forEach((score, band) ->
        entries.add(when(col(score).isNotNull(), map(lit(score), band)).otherwise(none)));
    ConditionRules.byTier(tiers).forEach((tier, rules) ->
        entries.add(ConditionRules.firstMatch(customers, rules, rule -> map(lit(tier), RuleReason.of(rule)), none)));
    tags.forEach(tag -> entries.add(ifHeld(ConditionRules.TAGS, TAG_PREFIX, tag.key(), tag, none)));
    actions.playbooks().forEach(playbook ->
        entries.add(ifHeld(Playbooks.ACTIONS, ACTION_PREFIX, playbook.key(), playbook.rule(), none)));
    return map_concat(entries.toArray(Column[]::new));
  }

  /** The rule's reason under prefix + key where the customer's {@code keys} array holds the key; else none. */
  private static Column ifHeld(String keys, String prefix, String key, ConditionRule rule, Column none) {
    return when(array_contains(col(keys), key), map(lit(prefix + key), RuleReason.of(rule))).otherwise(none);
  }
}
