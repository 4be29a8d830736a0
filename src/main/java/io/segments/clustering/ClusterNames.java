package io.segments.clustering;

import io.segments.config.Labels;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;

/**
 * What a person reads of a cluster, in the configured locale: the label of each centroid kind
 * (labels.LOCALE.cluster) and, where several clusters of one model are of one kind, the qualifier
 * that says how they differ (labels.LOCALE.cluster_qualifier: a pattern per feature, {0} the
 * centroid's value formatted for people).
 *
 * @param kinds cluster key to label
 * @param qualifiers recency_days, frequency or monetary to pattern
 */
public record ClusterNames(Map<String, String> kinds, Map<String, String> qualifiers) {
  public ClusterNames {
    kinds = Map.copyOf(kinds);
    qualifiers = Map.copyOf(qualifiers);
  }

  public static ClusterNames of(Labels labels) {
    return new ClusterNames(labels.of("cluster"), labels.of("cluster_qualifier"));
  }

  String kind(String key) {
    return kinds.get(key);
  }

  /** The qualifier of a centroid value: days and purchases as whole numbers, money with thousands separators. */
  String qualifier(String feature, double value) {
    String formatted = feature.equals("frequency")
        ? String.format(Locale.ROOT, "%,.1f", value)
        : String.format(Locale.ROOT, "%,.0f", value);
    return MessageFormat.format(qualifiers.get(feature).replace("'", "''"), formatted);
  }
}
