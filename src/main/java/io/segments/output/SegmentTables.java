package io.segments.output;

/** The output tables and their column comments: the API that dashboards read. */
public final class SegmentTables {
  private SegmentTables() {}

  private static final String SNAPSHOT = "as-of date of the snapshot; history strictly before it is used";

  public static final TableSpec CUSTOMER_SEGMENTS = TableSpec.of(
      "customer_segments",
      "One row per customer per snapshot: RFM metrics, scores, named segments, tiers, clusters, "
          + "classifications and tags. No raw personal data.",
      "customer_id", "customer key",
      TableSpec.SNAPSHOT_DATE, SNAPSHOT,
      "first_purchase_date", "date of the first purchase (order with net amount > 0)",
      "last_purchase_date", "date of the last purchase",
      "recency_days", "days from the last purchase date to the snapshot date",
      "frequency", "purchases (orders with net amount > 0) in the lookback window",
      "monetary", "net amount of all orders in the lookback window; refunds reduce it",
      "avg_order_value", "monetary / frequency",
      "tenure_days", "days from the first purchase date to the snapshot date",
      "r_score", "recency score 1-5, 5 = most recent; null without a purchase",
      "f_score", "frequency score 1-5, 5 = most frequent",
      "m_score", "monetary score 1-5, 5 = highest spend",
      "rfm_cell", "r, f and m scores as text, e.g. 545",
      "rfm_segment", "11-segment model key (champions ... lost, no_purchase)",
      "rfm_segment_label", "rfm_segment in the configured locale",
      "rfm_class_cn", "8-class model key (important_value ... general_recovery, no_purchase)",
      "rfm_class_cn_label", "rfm_class_cn in the configured locale, e.g. 重要价值客户",
      "value_tier", "high / mid / low by monetary; null without a purchase",
      "value_tier_label", "value_tier in the configured locale, e.g. 高价值",
      "frequency_tier", "high / mid / low by frequency; null without a purchase",
      "frequency_tier_label", "frequency_tier in the configured locale",
      "cluster_id", "k-means cluster, 0 = highest centroid monetary; null without a purchase",
      "cluster_label", "cluster name from its centroid, in the configured locale (see cluster_profiles)",
      "revenue_rank", "rank by monetary among purchasing customers, 1 = highest; ties share a rank",
      "pareto_class", "A: the customers needed for the first 80 % of revenue, B: up to 95 %, C: the rest "
          + "(classification.pareto); null without a purchase",
      "pareto_class_label", "pareto_class in the configured locale",
      "revenue_concentration", "top: among the top 20 % of purchasing customers by monetary "
          + "(classification.pareto.top-share); rest: the others",
      "revenue_concentration_label", "revenue_concentration in the configured locale",
      "customer_cohort", "early / mid / late by first purchase date (classification.cohort-boundaries, "
          + "default thirds of the business history)",
      "customer_cohort_label", "customer_cohort in the configured locale, e.g. 早期客户",
      "distinct_categories", "categories with net amount > 0",
      "favourite_category", "category with the largest net amount",
      "product_breadth", "single_category / multi_category; null without a purchase or category data",
      "product_breadth_label", "product_breadth in the configured locale",
      "night_share", "share of purchases starting in the night hours (classification.night-*)",
      "weekend_share", "share of purchases on Saturday or Sunday",
      "time_habit", "night: night_share >= classification.night-buyer-share, else day; null without a purchase",
      "time_habit_label", "time_habit in the configured locale",
      "browse_per_30_days", "events of classification.browse.event-types per 30 days in the browse window; "
          + "null without an events table",
      "browse_level", "high: browse_per_30_days >= classification.browse.high-per-30-days, else low",
      "browse_level_label", "browse_level in the configured locale",
      "customer_type", "enterprise / individual, from the customers table",
      "customer_type_label", "customer_type in the configured locale, e.g. 企业客户",
      "country", "country from the customers table, upper case",
      "geography", "domestic (country = classification.home-country) / foreign; null without a country",
      "geography_label", "geography in the configured locale",
      "region", "region from the customers table",
      "city", "city from the customers table",
      "city_tier", "city tier from the customers table, else from classification.city-tiers",
      "city_tier_label", "city_tier in the configured locale, e.g. 一线城市",
      "age_band", "youth / middle_aged / senior by age at the snapshot date (classification.age-bands); "
          + "the birth date itself is not stored",
      "age_band_label", "age_band in the configured locale, e.g. 青年",
      "gender", "male / female, from the customers table",
      "gender_label", "gender in the configured locale",
      "phone_masked", "masked phone: first 3 and last 4 digits, e.g. 138****5678",
      "email_masked", "masked email: first letter and domain, e.g. a***@example.com",
      "lifecycle_stage", "potential / new / active / at_risk / churned, by the rules rule-tiers.lifecycle_stage",
      "lifecycle_stage_label", "lifecycle_stage in the configured locale, e.g. 活跃客户",
      "importance", "important / normal / potential, by the rules rule-tiers.importance",
      "importance_label", "importance in the configured locale, e.g. 重要客户",
      "tags", "keys of every tag whose rule holds (see tag_dictionary)");

  public static final TableSpec TAG_DICTIONARY = TableSpec.of(
      "tag_dictionary",
      "Per snapshot, every tag of customer_segments.tags: its family, labels and rule.",
      TableSpec.SNAPSHOT_DATE, SNAPSHOT,
      "tag", "tag key as in customer_segments.tags",
      "dimension", "family of the tag (value, lifecycle, behaviour, product, geography, ...)",
      "tag_label", "tag in the configured locale",
      "labels", "tag label by locale",
      "rule", "the Spark SQL condition that assigns the tag",
      "position", "order of the tag in the conf");

  public static final TableSpec CLUSTER_PROFILES = TableSpec.of(
      "cluster_profiles",
      "Per snapshot and k-means cluster: size, shares, member means and the centroid.",
      TableSpec.SNAPSHOT_DATE, SNAPSHOT,
      "cluster_id", "cluster id as in customer_segments",
      "cluster_key", "stable English key of the centroid's kind: high_value_loyal, big_spender, frequent, new, "
          + "at_risk, lost, low_value, average",
      "cluster_label", "cluster_key in the configured locale, with #id where two clusters share a key",
      "customers", "purchasing customers in the cluster",
      "customer_share", "customers / all clustered customers",
      "revenue_share", "monetary of the cluster / monetary of all clustered customers",
      "avg_recency_days", "members' mean recency_days",
      "avg_frequency", "members' mean frequency",
      "avg_monetary", "members' mean monetary",
      "centroid", "centroid in original units by feature (days, purchases, money): expm1 of the log-space centroid",
      "centroid_standardized", "centroid in standard deviations from the population, by feature",
      "model_version", "saved k-means model version that assigned the clusters");

  public static final TableSpec KMEANS_SWEEP = TableSpec.of(
      "kmeans_sweep",
      "The analysts' cluster-count sweep (tune-k): one row per sweep and k.",
      "sweep_id", "unique id of the sweep",
      TableSpec.SNAPSHOT_DATE, "the customer_segments snapshot the sweep trained on",
      "k", "number of clusters",
      "wssse", "within-cluster sum of squared distances, in standardized units",
      "silhouette", "mean silhouette (squared Euclidean), -1..1, higher is better separated",
      "min_cluster_share", "share of the smallest cluster",
      "max_cluster_share", "share of the largest cluster",
      "cluster_sizes", "customers per cluster",
      "seconds", "training and evaluation time",
      "sample_fraction", "share of purchasing customers trained on",
      "suggested", "true for the suggested k of the sweep");

  public static final TableSpec SEGMENT_SUMMARY = TableSpec.of(
      "segment_summary",
      "Per snapshot, dimension and segment: customers, revenue, their shares and mean RFM.",
      TableSpec.SNAPSHOT_DATE, SNAPSHOT,
      "dimension", "the classifying column of customer_segments (rfm_segment, value_tier, lifecycle_stage, ...), "
          + "or tag: one row per tag, a customer counting under each of its tags",
      "segment", "the column's value; no_purchase for customers without a purchase-based value, unknown for "
          + "a missing profile value",
      "segment_label", "segment in the configured locale",
      "customers", "customers in the segment",
      "customer_share", "customers / all customers of the snapshot",
      "revenue", "sum of monetary of the segment's customers",
      "revenue_share", "revenue / revenue of all customers of the snapshot; for revenue_concentration = top, "
          + "the share of revenue the top 20 % of customers make",
      "avg_recency_days", "mean recency_days (purchasing customers)",
      "avg_frequency", "mean frequency",
      "avg_monetary", "mean monetary");

  public static final TableSpec REJECTED_TRANSACTIONS = TableSpec.of(
      "rejected_transactions",
      "Input lines that failed validation, every original value as text, with the reason.",
      TableSpec.SNAPSHOT_DATE, SNAPSHOT,
      "run_id", "the run that rejected the line (see job_runs)",
      "order_id", "original order_id",
      "customer_id", "original customer_id",
      "order_ts", "original order_ts",
      "amount", "original amount",
      "quantity", "original quantity",
      "category", "original category",
      "channel", "original channel",
      "line_id", "original line_id",
      "source_file", "Parquet file the line came from",
      "other_columns", "input columns outside the contract, name to value",
      "reject_reason", "missing_customer_id, missing_order_id, missing_order_ts, invalid_order_ts, missing_amount, "
          + "invalid_amount, invalid_quantity, before_history_start, amount_out_of_range or duplicate_line");

  public static final TableSpec JOB_RUNS = TableSpec.of(
      "job_runs",
      "One row per completed run; a snapshot is complete when it has a succeeded run here.",
      "run_id", "unique id of the run",
      TableSpec.SNAPSHOT_DATE, SNAPSHOT,
      "status", "succeeded",
      "started_at", "start of the run",
      "ended_at", "end of the run, after the last table commit",
      "input_rows", "transaction lines read",
      "accepted_rows", "lines used for the snapshot",
      "rejected_rows", "lines written to rejected_transactions",
      "excluded_rows", "lines dated on or after the snapshot date",
      "customers", "rows written to customer_segments",
      "stage_seconds", "wall time per stage",
      "scoring_model", "the cut-offs and thresholds learned for this snapshot, as JSON",
      "clustering_mode", "refit or frozen",
      "cluster_model_version", "saved k-means model version used; 0 when no customer had purchased (nothing clustered)",
      "configuration", "the effective configuration, as JSON",
      "versions", "application, Spark and Delta versions");
}
