package io.segments.actions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.segments.config.ActionsConfig;
import io.segments.config.ActionsConfig.Playbook;
import io.segments.features.ContactFeatures;
import io.segments.features.ProfileFeatures;
import io.segments.input.CustomerProfiles;
import io.segments.input.TransactionSchema;
import io.segments.pipeline.LocalizedLabel;
import io.segments.rules.RuleReason;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * customer_actions rows: one per customer and fired playbook, with what to do, through which
 * channel, by whom, by when and why. A playbook's action falls due cadence-days after the customer's
 * last contact (never before the as-of date, and on it without a contact), on the next birthday, or
 * on the next holiday (actions.playbooks[].due).
 */
public final class CustomerActions {
  public static final String PLAYBOOK = "playbook";

  private CustomerActions() {}

  /** @param segments customers after {@link Playbooks} */
  public static Dataset<Row> of(Dataset<Row> segments, ActionsConfig config, String locale, LocalDate asOf) {
    List<Playbook> playbooks = config.playbooks();
    Dataset<Row> fired = playbooks.isEmpty()
        ? segments.withColumn(PLAYBOOK, lit(null).cast(DataTypes.StringType)).where(lit(false))
        : segments.withColumn(PLAYBOOK, explode(col(Playbooks.ACTIONS)));
    return fired.select(columns(playbooks, locale, asOf));
  }

  private static Column[] columns(List<Playbook> playbooks, String locale, LocalDate asOf) {
    Column playbook = col(PLAYBOOK);
    Column cadence = byPlaybook(playbooks, p -> p.cadenceDays()).cast(DataTypes.IntegerType);
    Column due = byPlaybook(playbooks, p -> p.due().name());
    Column contactDue = greatest(lit(asOf), date_add(col(ContactFeatures.LAST_CONTACT_DATE), cadence));
    Column reason = lit(null).cast(DataTypes.StringType);
    for (Playbook p : playbooks) {
      reason = when(playbook.equalTo(p.key()), RuleReason.of(p.rule())).otherwise(reason);
    }
    return new Column[] {
        col(TransactionSchema.CUSTOMER_ID),
        playbook.cast(DataTypes.StringType).as(PLAYBOOK),
        byPlaybook(playbooks, Playbook::action).as("action"),
        byPlaybook(playbooks, p -> p.rule().labels().get(locale)).as("action_label"),
        byPlaybook(playbooks, Playbook::channel).as("channel"),
        byPlaybook(playbooks, Playbook::ownerRole).as("owner_role"),
        byPlaybook(playbooks, Playbook::priority).cast(DataTypes.IntegerType).as("priority"),
        when(due.equalTo(ActionsConfig.Due.BIRTHDAY.name()), date_add(lit(asOf), col(ProfileFeatures.DAYS_TO_BIRTHDAY)))
            .when(due.equalTo(ActionsConfig.Due.HOLIDAY.name()), date_add(lit(asOf), col(Playbooks.DAYS_TO_HOLIDAY)))
            .otherwise(contactDue).as("due_date"),
        reason.as("reason"),
        col(CustomerProfiles.ACCOUNT_MANAGER)};
  }

  /** The playbook's value of an attribute as text, looked up by the row's playbook key. */
  private static Column byPlaybook(List<Playbook> playbooks, Function<Playbook, Object> attribute) {
    Map<String, String> values = new LinkedHashMap<>();
    playbooks.forEach(p -> values.put(p.key(), String.valueOf(attribute.apply(p))));
    return values.isEmpty() ? lit(null).cast(DataTypes.StringType) : LocalizedLabel.of(col(PLAYBOOK), values);
  }
}
