package io.segments.actions;

import static io.segments.support.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.InvalidInputException;
import io.segments.config.JobConfig;
import io.segments.features.ProfileFeatures;
import io.segments.support.Frames;
import io.segments.support.SparkTest;
import io.segments.support.TestConfigs;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Playbooks firing or not, by priority, with due dates from contacts, birthdays and holidays, across a year end. */
@SparkTest
class PlaybooksTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-12-28");
  private static final String LABEL = "label { zh-CN = \"%s\", zh-TW = \"%s\", en = \"%s\" }";
  private static final String PLAYBOOKS = "actions.playbooks = [\n"
      + "  { key = care, when = \"rfm_segment = 'champions'\", action = visit, channel = visit,"
      + " owner-role = account_manager, priority = 2, cadence-days = 30, " + LABEL.formatted("拜访", "拜訪", "Visit") + " }\n"
      + "  { key = save, when = \"lifecycle_stage = 'at_risk'\", action = call, channel = phone, owner-role = sales,"
      + " priority = 1, cadence-days = 14, " + LABEL.formatted("挽回", "挽回", "Save") + " }\n"
      + "  { key = bday, when = \"days_to_birthday <= 7\", due = birthday, action = greet, channel = sms,"
      + " owner-role = marketing, priority = 3, cadence-days = 365, " + LABEL.formatted("生日", "生日", "Birthday") + " }\n"
      + "  { key = fest, when = \"days_to_holiday <= 10 AND rfm_segment = 'champions'\", due = holiday, action = greet,"
      + " channel = sms, owner-role = marketing, priority = 4, cadence-days = 30, " + LABEL.formatted("节日", "節日", "Holiday")
      + " }\n]\nactions.holidays = [ { date = \"2026-10-01\", name = 国庆节 }, { date = \"2027-01-01\", name = 元旦 } ]\n";
  private static final String CUSTOMERS = "customer_id STRING, rfm_segment STRING, lifecycle_stage STRING, "
      + "days_to_birthday INT, last_contact_date DATE, account_manager STRING";

  private static Dataset<Row> customers(SparkSession spark) {
    return Frames.of(spark, CUSTOMERS,
        row("a", "champions", "at_risk", 5, Date.valueOf("2026-12-20"), "Wang"),
        row("b", "champions", "active", null, null, null),
        row("c", "lost", "churned", 300, Date.valueOf("2026-01-05"), "Li"));
  }

  private static Map<String, List<String>> actionsOf(Dataset<Row> withActions) {
    Map<String, List<String>> actions = new HashMap<>();
    withActions.select("customer_id", Playbooks.ACTIONS).collectAsList()
        .forEach(r -> actions.put(r.getString(0), r.getList(1)));
    return actions;
  }

  @Test
  void everyPlaybookThatHoldsFiresMostUrgentFirst(SparkSession spark) {
    JobConfig config = TestConfigs.load(PLAYBOOKS);

    Map<String, List<String>> actions = actionsOf(new Playbooks(config.actions(), AS_OF).transform(customers(spark)));

    assertEquals(List.of("save", "care", "bday", "fest"), actions.get("a"));
    assertEquals(List.of("care", "fest"), actions.get("b"));
    assertEquals(List.of(), actions.get("c"), "lost, no birthday soon: nothing fires");
  }

  @Test
  void highestPriorityKeepsOnlyTheMostUrgent(SparkSession spark) {
    JobConfig config = TestConfigs.load(PLAYBOOKS + "actions.keep = highest-priority\n");

    Map<String, List<String>> actions = actionsOf(new Playbooks(config.actions(), AS_OF).transform(customers(spark)));

    assertEquals(Map.of("a", List.of("save"), "b", List.of("care"), "c", List.of()), actions);
  }

  @Test
  void actionsFallDueFromTheLastContactTheBirthdayOrTheHoliday(SparkSession spark) {
    JobConfig config = TestConfigs.load(PLAYBOOKS);
    Dataset<Row> withActions = new Playbooks(config.actions(), AS_OF).transform(customers(spark));

    Map<String, Row> byKey = new HashMap<>();
    CustomerActions.of(withActions, config.actions(), "zh-CN", AS_OF).collectAsList()
        .forEach(r -> byKey.put(r.getAs("customer_id") + "/" + r.getAs("playbook"), r));

    assertEquals(Set.of("a/save", "a/care", "a/bday", "a/fest", "b/care", "b/fest"), byKey.keySet());
    // Contact on 20 December: a call every 14 days is due on 3 January, a visit every 30 on 19 January.
    assertEquals(Date.valueOf("2027-01-03"), byKey.get("a/save").getAs("due_date"));
    assertEquals(Date.valueOf("2027-01-19"), byKey.get("a/care").getAs("due_date"));
    // Without a contact the visit is due now; greetings fall on the birthday and on New Year's day.
    assertEquals(Date.valueOf("2026-12-28"), byKey.get("b/care").getAs("due_date"));
    assertEquals(Date.valueOf("2027-01-02"), byKey.get("a/bday").getAs("due_date"));
    assertEquals(Date.valueOf("2027-01-01"), byKey.get("b/fest").getAs("due_date"));
    Row save = byKey.get("a/save");
    assertEquals("挽回", save.getAs("action_label"));
    assertEquals("phone", save.getAs("channel"));
    assertEquals("sales", save.getAs("owner_role"));
    assertEquals(1, (int) save.getAs("priority"));
    assertEquals("Wang", save.getAs("account_manager"));
    assertEquals("save (actions.playbooks[1]: lifecycle_stage = 'at_risk') with lifecycle_stage=at_risk",
        save.getAs("reason"));
  }

  @Test
  void theNextBirthdayIsCountedAcrossTheYearEndAndOnTheTwentyEighthForLeapDays(SparkSession spark) {
    Dataset<Row> births = Frames.of(spark, "id STRING, birth_date DATE, as_of DATE",
        row("new year", Date.valueOf("1990-01-02"), Date.valueOf("2026-12-28")),
        row("today", Date.valueOf("1990-12-28"), Date.valueOf("2026-12-28")),
        row("yesterday", Date.valueOf("1990-12-27"), Date.valueOf("2026-12-28")),
        row("leap day", Date.valueOf("2000-02-29"), Date.valueOf("2027-02-27")),
        row("unborn", Date.valueOf("2030-01-01"), Date.valueOf("2026-12-28")));
    Map<String, Integer> days = new HashMap<>();
    for (Row birth : births.collectAsList()) {
      LocalDate asOf = birth.getDate(2).toLocalDate();
      Row counted = births.where(col("id").equalTo(birth.getString(0)))
          .select(ProfileFeatures.daysToBirthday(col("birth_date"), asOf)).first();
      days.put(birth.getString(0), counted.isNullAt(0) ? null : counted.getInt(0));
    }

    assertEquals(5, days.get("new year"));
    assertEquals(0, days.get("today"));
    assertEquals(364, days.get("yesterday"));
    assertEquals(1, days.get("leap day"), "29 February is celebrated on the 28th in 2027");
    assertEquals(null, days.get("unborn"));
  }

  @Test
  void aPlaybookOnAnUnknownColumnFailsNamingIt() {
    JobConfig config = TestConfigs.load(PLAYBOOKS.replace("days_to_birthday <= 7", "days_to_brithday <= 7"));

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> io.segments.job.SegmentPipeline
        .of(config, AS_OF, 2).check());

    assertTrue(e.getMessage().contains("actions.playbooks[2] (bday)") && e.getMessage().contains("days_to_brithday"),
        e.getMessage());
  }
}
