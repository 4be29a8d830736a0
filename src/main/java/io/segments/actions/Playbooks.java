package io.segments.actions;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.slice;

import io.segments.config.ActionsConfig;
import io.segments.config.ActionsConfig.Playbook;
import io.segments.pipeline.CustomerStage;
import io.segments.pipeline.FittedStage;
import io.segments.rules.ConditionRules;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The actions stage (联动规则): which playbooks fire for each customer. It first adds the date facts
 * playbooks may read besides the customer's classes (the next configured holiday and the days to it),
 * then {@code actions}: the keys of the playbooks whose condition holds, most urgent first (priority,
 * then conf order), or only the first of them with actions.keep = highest-priority.
 */
public final class Playbooks implements CustomerStage, FittedStage {
  public static final String ACTIONS = "actions";
  public static final String NEXT_HOLIDAY = "next_holiday";
  public static final String DAYS_TO_HOLIDAY = "days_to_holiday";

  private final ActionsConfig config;
  private final LocalDate asOf;
  private final List<Playbook> byUrgency;

  public Playbooks(ActionsConfig config, LocalDate asOf) {
    this.config = config;
    this.asOf = asOf;
    this.byUrgency = config.playbooks().stream().sorted(Comparator.comparingInt(Playbook::priority)).toList();
  }

  @Override
  public String name() {
    return "actions";
  }

  @Override
  public List<String> reads() {
    Set<String> columns = new TreeSet<>();
    config.playbooks().forEach(playbook -> columns.addAll(playbook.rule().columns()));
    columns.removeAll(adds());
    return List.copyOf(columns);
  }

  @Override
  public List<String> adds() {
    return List.of(NEXT_HOLIDAY, DAYS_TO_HOLIDAY, ACTIONS);
  }

  /** next_holiday and days_to_holiday: the same for every customer of a run, so no table keeps them. */
  public Dataset<Row> withHoliday(Dataset<Row> customers) {
    Optional<Map.Entry<LocalDate, String>> holiday = config.holidays().entrySet().stream()
        .filter(day -> !day.getKey().isBefore(asOf))
        .min(Map.Entry.comparingByKey());
    return customers
        .withColumn(NEXT_HOLIDAY, lit(holiday.map(Map.Entry::getValue).orElse(null)).cast(DataTypes.StringType))
        .withColumn(DAYS_TO_HOLIDAY, lit(holiday.map(day -> (int) ChronoUnit.DAYS.between(asOf, day.getKey()))
            .orElse(null)).cast(DataTypes.IntegerType));
  }

  /** @throws io.segments.InvalidInputException naming the first playbook that names an unknown column */
  @Override
  public void checkReads(Set<String> available) {
    Set<String> visible = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    visible.addAll(available);
    visible.addAll(adds());
    visible.remove(ACTIONS);
    config.playbooks().forEach(playbook -> ConditionRules.checkColumns(playbook.rule(), visible));
  }

  @Override
  public Playbooks fit(Dataset<Row> customers) {
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<Row> customers) {
    Dataset<Row> dated = withHoliday(customers);
    Map<String, Column> conditions = new LinkedHashMap<>();
    byUrgency.forEach(playbook -> conditions.put(playbook.key(), ConditionRules.condition(dated, playbook.rule())));
    Column actions = ConditionRules.keysWhere(conditions);
    return dated.withColumn(ACTIONS,
        config.keep() == ActionsConfig.Keep.HIGHEST_PRIORITY ? slice(actions, 1, 1) : actions);
  }
}
