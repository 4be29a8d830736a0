package io.segments.config;

import java.time.ZoneId;
import java.util.List;

/**
 * The whole validated configuration of a run. Built once by {@link ConfigLoader}; every stage gets
 * the part it needs from here and nothing else reads configuration.
 *
 * @param timeZone zone of dates and of the as-of cut-off
 * @param input where the input tables are and how their columns are named
 * @param validation row-level checks of the transaction lines
 * @param quality the gates a run must pass before it writes
 * @param lookbackDays frequency and monetary count only the last N days; 0 means all history
 * @param scoring how r/f/m scores are cut
 * @param tiers shares of the high and mid value/frequency tiers
 * @param classThreshold statistic the 8-class model compares R, F and M with
 * @param rfmSegments the 11-segment rules, first match wins
 * @param classification parameters of the computed classification columns
 * @param ruleTiers lifecycle_stage then importance rules, first match per tier wins
 * @param tags tag rules, every match is a tag
 * @param clustering k-means settings
 * @param clv predicted customer value
 * @param actions the playbooks of follow-up actions
 * @param review what the periodic review counts as churn and drift
 * @param labels labels of the configured locale
 * @param output where and under which database the tables go
 * @param report the HTML report of each snapshot
 * @param jdbcSink the copy of each snapshot into a database
 * @param spark session settings
 * @param rendered the effective configuration as JSON, recorded in job_runs
 */
public record JobConfig(
    ZoneId timeZone,
    InputConfig input,
    ValidationConfig validation,
    QualityConfig quality,
    int lookbackDays,
    ScoringConfig scoring,
    TierConfig tiers,
    ClassThreshold classThreshold,
    List<SegmentRule> rfmSegments,
    ClassificationConfig classification,
    List<ConditionRule> ruleTiers,
    List<ConditionRule> tags,
    ClusteringConfig clustering,
    ClvConfig clv,
    ActionsConfig actions,
    ReviewConfig review,
    Labels labels,
    OutputConfig output,
    ReportConfig report,
    JdbcSinkConfig jdbcSink,
    SparkSettings spark,
    String rendered) {

  public JobConfig {
    rfmSegments = List.copyOf(rfmSegments);
    ruleTiers = List.copyOf(ruleTiers);
    tags = List.copyOf(tags);
  }

  /** The statistic of purchasing customers that splits high from low in the 8-class model. */
  public enum ClassThreshold {
    MEAN,
    MEDIAN
  }
}
