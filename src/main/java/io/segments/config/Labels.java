package io.segments.config;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels of one locale: per dimension (rfm_segment, rfm_class_cn, value_tier, ...), key to label.
 *
 * @param locale e.g. zh-CN
 * @param byDimension dimension to (key to label)
 */
public record Labels(String locale, Map<String, Map<String, String>> byDimension) {

  public Labels {
    byDimension = Map.copyOf(byDimension);
  }

  /** The labels every locale must provide; zh-CN is the reference locale. */
  static final String REFERENCE_LOCALE = "zh-CN";

  /** The labels of job.locale; every key of the reference locale must have one. */
  static Labels from(Config c) {
    String locale = c.getString("job.locale");
    Config all = c.getConfig("labels");
    String quoted = ConfValues.quote(locale);
    if (!all.hasPath(quoted)) {
      throw ConfValues.bad("job.locale", "one of the locales under labels " + all.root().keySet(), locale);
    }
    Config reference = all.getConfig(ConfValues.quote(REFERENCE_LOCALE));
    Config chosen = all.getConfig(quoted);
    Map<String, Map<String, String>> byDimension = new LinkedHashMap<>();
    for (String dimension : reference.root().keySet()) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (String key : reference.getConfig(dimension).root().keySet()) {
        String path = dimension + "." + key;
        if (!chosen.hasPath(path)) {
          throw ConfValues.bad("labels." + locale + "." + path, "a label (every key of labels.zh-CN needs one)",
              "nothing");
        }
        labels.put(key, chosen.getString(path));
      }
      byDimension.put(dimension, labels);
    }
    return new Labels(locale, byDimension);
  }

  /** Key to label of one dimension. */
  public Map<String, String> of(String dimension) {
    Map<String, String> labels = byDimension.get(dimension);
    if (labels == null) {
      throw new IllegalArgumentException("no labels for dimension " + dimension);
    }
    return labels;
  }
}
