package io.segments.output;

/** The output tables and their column comments: the API that dashboards read. */
public final class SegmentTables {
  private SegmentTables() {}

  private static final String SNAPSHOT = "as-of date of the snapshot; history strictly before it is used";

  public static final TableSpec CUSTOMER_SEGMENTS = TableSpec.of(
      "customer_segments",
      "One row per customer per snapshot: RFM metrics, scores, named segments and tiers.",
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
      "cluster_label", "cluster name from its centroid, in the configured locale (see cluster_profiles)");

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
      "dimension", "the classifying column: rfm_segment, rfm_class_cn, value_tier, frequency_tier, r/f/m_score, cluster_id",
      "segment", "the column's value; no_purchase for customers without a score or tier",
      "segment_label", "segment in the configured locale",
      "customers", "customers in the segment",
      "customer_share", "customers / all customers of the snapshot",
      "revenue", "sum of monetary of the segment's customers",
      "revenue_share", "revenue / revenue of all customers of the snapshot",
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
      "cluster_model_version", "saved k-means model version used",
      "configuration", "the effective configuration, as JSON",
      "versions", "application, Spark and Delta versions");
}
