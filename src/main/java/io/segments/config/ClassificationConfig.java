package io.segments.config;

import static io.segments.config.ConfValues.bad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parameters of the computed classification columns (cohort, time habit, Pareto, geography, age,
 * browsing); the rule-defined ones (lifecycle_stage, importance, tags) are {@link ConditionRule}s.
 *
 * @param cohortBoundaries two ascending dates splitting early / mid / late first purchases; empty =
 *     thirds of the business history
 * @param nightStartHour first local hour of the night (inclusive)
 * @param nightEndHour first local hour after the night (exclusive); the night may wrap midnight
 * @param nightBuyerShare a customer with at least this share of purchases at night is a night buyer
 * @param paretoAShare customers needed for this cumulative share of revenue are class A
 * @param paretoBShare ... and up to this share class B; the rest C
 * @param topShare share of purchasing customers that is "top" in revenue_concentration
 * @param homeCountry country that is domestic, compared case-insensitively
 * @param cityTiers city name to tier, used where the profile has no city_tier
 * @param ageBands [middle-aged from, senior from] in whole years
 * @param browseWindowDays browse_level counts events of the last N days
 * @param browseEventTypes event types that count as browsing
 * @param browseHighPer30Days counted events per 30 days at or above which browse_level is high
 */
public record ClassificationConfig(
    Optional<List<LocalDate>> cohortBoundaries,
    int nightStartHour,
    int nightEndHour,
    double nightBuyerShare,
    double paretoAShare,
    double paretoBShare,
    double topShare,
    String homeCountry,
    Map<String, Integer> cityTiers,
    List<Integer> ageBands,
    int browseWindowDays,
    Set<String> browseEventTypes,
    double browseHighPer30Days) {

  public ClassificationConfig {
    cohortBoundaries = cohortBoundaries.map(List::copyOf);
    cityTiers = Map.copyOf(cityTiers);
    ageBands = List.copyOf(ageBands);
    browseEventTypes = Set.copyOf(browseEventTypes);
  }

  static ClassificationConfig from(Config c) {
    String p = "classification.";
    List<String> boundaryText = c.getStringList(p + "cohort-boundaries");
    List<LocalDate> boundaries = new ArrayList<>();
    for (String text : boundaryText) {
      try {
        boundaries.add(LocalDate.parse(text));
      } catch (DateTimeException e) {
        throw bad(p + "cohort-boundaries", "dates YYYY-MM-DD", boundaryText);
      }
    }
    if (!boundaries.isEmpty() && (boundaries.size() != 2 || !boundaries.get(0).isBefore(boundaries.get(1)))) {
      throw bad(p + "cohort-boundaries", "[] or two ascending dates", boundaryText);
    }
    int nightStart = ConfValues.hour(c, p + "night-start-hour");
    int nightEnd = ConfValues.hour(c, p + "night-end-hour");
    if (nightStart == nightEnd) {
      throw bad(p + "night-end-hour", "an hour other than night-start-hour", nightEnd);
    }
    double aShare = ConfValues.share(c, p + "pareto.a-share");
    double bShare = ConfValues.share(c, p + "pareto.b-share");
    if (bShare <= aShare) {
      throw bad(p + "pareto.b-share", "a share above pareto.a-share", bShare);
    }
    List<Integer> ages = c.getIntList(p + "age-bands");
    if (ages.size() != 2 || ages.get(0) <= 0 || ages.get(0) >= ages.get(1)) {
      throw bad(p + "age-bands", "two ascending positive ages", ages);
    }
    List<String> eventTypes = c.getStringList(p + "browse.event-types");
    if (eventTypes.isEmpty()) {
      throw bad(p + "browse.event-types", "at least one event type", eventTypes);
    }
    double high = c.getDouble(p + "browse.high-per-30-days");
    if (high <= 0) {
      throw bad(p + "browse.high-per-30-days", "a positive number", high);
    }
    return new ClassificationConfig(
        boundaries.isEmpty() ? Optional.empty() : Optional.of(boundaries),
        nightStart,
        nightEnd,
        ConfValues.share(c, p + "night-buyer-share"),
        aShare,
        bShare,
        ConfValues.share(c, p + "pareto.top-share"),
        ConfValues.nonEmpty(c, p + "home-country"),
        cityTiers(c, p + "city-tiers"),
        ages,
        ConfValues.atLeast(c, p + "browse.window-days", 1),
        new TreeSet<>(eventTypes),
        high);
  }

  private static Map<String, Integer> cityTiers(Config c, String path) {
    Map<String, Integer> tiers = new TreeMap<>();
    List<? extends ConfigObject> entries = c.getObjectList(path);
    for (int i = 0; i < entries.size(); i++) {
      Config entry = entries.get(i).toConfig();
      String at = path + "[" + i + "]";
      ConfValues.onlyFields(entry, at, Set.of("tier", "cities"));
      int tier = ConfValues.atLeast(entry, "tier", 1);
      for (String city : entry.getStringList("cities")) {
        if (tiers.put(city, tier) != null) {
          throw bad(at + ".cities", "each city in one tier only", city);
        }
      }
    }
    return tiers;
  }
}
