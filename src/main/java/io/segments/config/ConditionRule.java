package io.segments.config;

import static io.segments.config.ConfValues.bad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import io.segments.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A named rule of conf: customers for whom {@code condition} (a Spark SQL boolean expression over
 * customer_segments columns, parsed when the conf loads) is true get {@code key}.
 *
 * @param name where the rule sits in conf, e.g. tags[2] or rule-tiers.importance[0]: named in errors
 * @param key the tier or tag key assigned
 * @param condition the Spark SQL expression text
 * @param dimension for a tier, its column (importance, lifecycle_stage); for a tag, the family it
 *     belongs to (value, lifecycle, behaviour, ...)
 * @param labels for a tag, locale to label; empty for a tier, whose labels are under labels.LOCALE.TIER
 * @param columns the columns the condition names, as written; the rules stage checks that they exist
 */
public record ConditionRule(
    String name, String key, String condition, String dimension, Map<String, String> labels, Set<String> columns) {

  public ConditionRule {
    labels = Map.copyOf(labels);
    columns = Set.copyOf(columns);
  }

  /** The exit-2 error of this rule: its place in conf, key and condition, then the problem. */
  public InvalidInputException invalid(String problem) {
    return new InvalidInputException("bad rule " + name + " (" + key + "): condition \"" + condition + "\" " + problem);
  }

  /**
   * rule-tiers: per tier (lifecycle_stage, importance) its rules in order, tiers one after the other;
   * keys must be labelled under labels.LOCALE.TIER.
   */
  static List<ConditionRule> tiersFrom(Config c, Labels labels) {
    List<ConditionRule> rules = new ArrayList<>();
    for (String tier : c.getConfig("rule-tiers").root().keySet()) {
      List<? extends ConfigObject> objects = c.getObjectList("rule-tiers." + tier);
      Set<String> known = labels.of(tier).keySet();
      for (int i = 0; i < objects.size(); i++) {
        String at = "rule-tiers." + tier + "[" + i + "]";
        Config rule = objects.get(i).toConfig();
        rules.add(ConfValues.namingRule(at, () -> {
          ConfValues.onlyFields(rule, at, Set.of("key", "when"));
          String key = rule.getString("key");
          if (!known.contains(key)) {
            throw bad(at + ".key", "one of the keys labelled under labels.<locale>." + tier + " " + known, key);
          }
          return parsed(at, key, ConfValues.nonEmpty(rule, "when"), tier, Map.of());
        }));
      }
    }
    return rules;
  }

  /** tags: key, dimension, condition and a label per locale under labels. */
  static List<ConditionRule> tagsFrom(Config c) {
    Set<String> locales = c.getConfig("labels").root().keySet();
    List<ConditionRule> rules = new ArrayList<>();
    Set<String> keys = new TreeSet<>();
    List<? extends ConfigObject> objects = c.getObjectList("tags");
    for (int i = 0; i < objects.size(); i++) {
      String at = "tags[" + i + "]";
      Config rule = objects.get(i).toConfig();
      rules.add(ConfValues.namingRule(at, () -> {
        ConfValues.onlyFields(rule, at, Set.of("key", "dimension", "when", "label"));
        String key = ConfValues.identifier(rule, "key");
        if (!keys.add(key)) {
          throw bad(at + ".key", "a key no other tag has", key);
        }
        return parsed(at, key, ConfValues.nonEmpty(rule, "when"), ConfValues.identifier(rule, "dimension"),
            labelsOf(rule, at, locales));
      }));
    }
    return rules;
  }

  /** The rule's label per locale: every locale under labels needs one. */
  static Map<String, String> labelsOf(Config rule, String at, Set<String> locales) {
    Map<String, String> labels = new TreeMap<>();
    for (String locale : locales) {
      String path = "label." + ConfValues.quote(locale);
      if (!rule.hasPath(path)) {
        throw bad(at + ".label." + locale, "a label (every locale under labels needs one)", "nothing");
      }
      labels.put(locale, rule.getString(path));
    }
    return labels;
  }

  static ConditionRule parsed(String name, String key, String condition, String dimension,
      Map<String, String> labels) {
    ConditionRule unchecked = new ConditionRule(name, key, condition, dimension, labels, Set.of());
    return new ConditionRule(name, key, condition, dimension, labels, RuleConditions.columnsOf(unchecked));
  }
}
