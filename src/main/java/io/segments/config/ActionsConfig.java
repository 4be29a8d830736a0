package io.segments.config;

import static io.segments.config.ConfValues.bad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Follow-up actions (联动规则): the playbooks that turn classes into work for people.
 *
 * @param playbooks in conf order; a customer gets the action of every playbook whose condition holds
 * @param keep all actions of a customer, or only the one of highest priority
 * @param holidays greeting days by name, which playbooks see as next_holiday and days_to_holiday
 */
public record ActionsConfig(List<Playbook> playbooks, Keep keep, Map<LocalDate, String> holidays) {
  public ActionsConfig {
    playbooks = List.copyOf(playbooks);
    holidays = Map.copyOf(holidays);
  }

  /** Which of a customer's matching playbooks become actions. */
  public enum Keep {
    ALL,
    HIGHEST_PRIORITY
  }

  /** From which date a playbook's action falls due. */
  public enum Due {
    /** Cadence days after the customer's last contact, never before the as-of date; the as-of date without one. */
    CONTACT,
    /** On the customer's next birthday. */
    BIRTHDAY,
    /** On the next configured holiday. */
    HOLIDAY
  }

  /**
   * One playbook.
   *
   * @param rule key, condition (over customer_segments columns, the tiers and tags, days_to_birthday,
   *     next_holiday and days_to_holiday) and label per locale
   * @param action the action's key, e.g. win_back_offer
   * @param channel how the customer is reached: visit, phone, sms, email, app_push, ...
   * @param ownerRole who does it: account_manager, sales, customer_service, marketing
   * @param priority 1 is the most urgent
   * @param cadenceDays days between two of these actions for one customer
   */
  public record Playbook(ConditionRule rule, String action, String channel, String ownerRole, int priority,
      int cadenceDays, Due due) {
    public String key() {
      return rule.key();
    }
  }

  static ActionsConfig from(Config c) {
    Set<String> locales = c.getConfig("labels").root().keySet();
    List<Playbook> playbooks = new ArrayList<>();
    Set<String> keys = new TreeSet<>();
    List<? extends ConfigObject> objects = c.getObjectList("actions.playbooks");
    for (int i = 0; i < objects.size(); i++) {
      String at = "actions.playbooks[" + i + "]";
      Config entry = objects.get(i).toConfig();
      playbooks.add(ConfValues.namingRule(at, () -> {
        ConfValues.onlyFields(entry, at,
            Set.of("key", "when", "action", "channel", "owner-role", "priority", "cadence-days", "due", "label"));
        String key = ConfValues.identifier(entry, "key");
        if (!keys.add(key)) {
          throw bad(at + ".key", "a key no other playbook has", key);
        }
        ConditionRule rule = ConditionRule.parsed(at, key, ConfValues.nonEmpty(entry, "when"), "action",
            ConditionRule.labelsOf(entry, at, locales));
        Due due = entry.hasPath("due") ? ConfValues.oneOf(entry, "due", Due.class) : Due.CONTACT;
        return new Playbook(rule, ConfValues.identifier(entry, "action"), ConfValues.identifier(entry, "channel"),
            ConfValues.identifier(entry, "owner-role"), ConfValues.atLeast(entry, "priority", 1),
            ConfValues.atLeast(entry, "cadence-days", 0), due);
      }));
    }
    Map<LocalDate, String> holidays = new TreeMap<>();
    List<? extends ConfigObject> days = c.getObjectList("actions.holidays");
    for (int i = 0; i < days.size(); i++) {
      String at = "actions.holidays[" + i + "]";
      Config day = days.get(i).toConfig();
      ConfValues.onlyFields(day, at, Set.of("date", "name"));
      holidays.put(ConfValues.namingRule(at, () -> ConfValues.date(day, "date")), ConfValues.nonEmpty(day, "name"));
    }
    String keep = c.getString("actions.keep");
    return new ActionsConfig(playbooks, switch (keep) {
      case "all" -> Keep.ALL;
      case "highest-priority" -> Keep.HIGHEST_PRIORITY;
      default -> throw bad("actions.keep", "all or highest-priority", keep);
    }, holidays);
  }
}
