package io.segments.config;

import java.util.Map;

/**
 * A named rule of conf: customers for whom {@code condition} (a Spark SQL boolean expression over
 * customer_segments columns, checked when the conf loads) is true get {@code key}.
 *
 * @param name where the rule sits in conf, e.g. tags[2] or rule-tiers.importance[0]: named in errors
 * @param key the tier or tag key assigned
 * @param condition the Spark SQL expression text
 * @param dimension for a tier, its column (importance, lifecycle_stage); for a tag, the family it
 *     belongs to (value, lifecycle, behaviour, ...)
 * @param labels for a tag, locale to label; empty for a tier, whose labels are under labels.LOCALE.TIER
 */
public record ConditionRule(String name, String key, String condition, String dimension, Map<String, String> labels) {

  public ConditionRule {
    labels = Map.copyOf(labels);
  }
}
