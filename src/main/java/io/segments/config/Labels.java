package io.segments.config;

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

  /** Key to label of one dimension. */
  public Map<String, String> of(String dimension) {
    Map<String, String> labels = byDimension.get(dimension);
    if (labels == null) {
      throw new IllegalArgumentException("no labels for dimension " + dimension);
    }
    return labels;
  }
}
