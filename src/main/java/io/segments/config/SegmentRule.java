package io.segments.config;

import static io.segments.config.ConfValues.bad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One rule of the 11-segment model: customers whose r_score and fm = (f_score + m_score) / 2 lie in
 * the inclusive ranges belong to {@code key}, unless an earlier rule matched.
 */
public record SegmentRule(String key, int rMin, int rMax, double fmMin, double fmMax) {

  public boolean matches(int r, double fm) {
    return r >= rMin && r <= rMax && fm >= fmMin && fm <= fmMax;
  }

  /** rfm-segments: the rules in order; together they must cover every (r, fm) pair. */
  static List<SegmentRule> listFrom(Config c, Labels labels) {
    List<SegmentRule> rules = new ArrayList<>();
    List<? extends ConfigObject> objects = c.getObjectList("rfm-segments");
    Set<String> known = labels.of("rfm_segment").keySet();
    for (int i = 0; i < objects.size(); i++) {
      String path = "rfm-segments[" + i + "]";
      Config rule = objects.get(i).toConfig();
      ConfValues.onlyFields(rule, path, Set.of("key", "r", "fm"));
      String key = rule.getString("key");
      if (!known.contains(key) || key.equals("no_purchase")) {
        throw bad(path + ".key", "a segment labelled under labels.<locale>.rfm_segment", key);
      }
      List<Double> r = range(rule, "r", path);
      List<Double> fm = range(rule, "fm", path);
      if (r.get(0) != Math.rint(r.get(0)) || r.get(1) != Math.rint(r.get(1))) {
        throw bad(path + ".r", "whole scores", r);
      }
      rules.add(new SegmentRule(key, r.get(0).intValue(), r.get(1).intValue(), fm.get(0), fm.get(1)));
    }
    for (int r = 1; r <= 5; r++) {
      for (int twiceFm = 2; twiceFm <= 10; twiceFm++) {
        final int score = r;
        final double fm = twiceFm / 2.0;
        if (rules.stream().noneMatch(rule -> rule.matches(score, fm))) {
          throw bad("rfm-segments", "rules that cover every (r, fm) pair", "no rule for r = " + r + ", fm = " + fm);
        }
      }
    }
    return rules;
  }

  private static List<Double> range(Config rule, String field, String path) {
    List<Double> bounds = rule.getDoubleList(field);
    if (bounds.size() != 2 || bounds.get(0) > bounds.get(1) || bounds.get(0) < 1 || bounds.get(1) > 5) {
      throw bad(path + "." + field, "[min, max] within 1..5", bounds);
    }
    return bounds;
  }
}
