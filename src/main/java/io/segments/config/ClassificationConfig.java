package io.segments.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
}
