package io.segments.output;

import static io.segments.output.TableSpec.column;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The output tables, their column types and comments: the API that dashboards read. */
public final class SegmentTables {
  private SegmentTables() {}

  private static final DataType STRING = DataTypes.StringType;
  private static final DataType DATE = DataTypes.DateType;
  private static final DataType TIMESTAMP = DataTypes.TimestampType;
  private static final DataType INT = DataTypes.IntegerType;
  private static final DataType LONG = DataTypes.LongType;
  private static final DataType DOUBLE = DataTypes.DoubleType;
  private static final DataType BOOLEAN = DataTypes.BooleanType;
  private static final DataType MONEY = DataTypes.createDecimalType(18, 2);
  private static final DataType STRING_ARRAY = DataTypes.createArrayType(STRING);
  private static final DataType LONG_ARRAY = DataTypes.createArrayType(LONG);
  private static final DataType STRING_BY_NAME = DataTypes.createMapType(STRING, STRING);
  private static final DataType DOUBLE_BY_NAME = DataTypes.createMapType(STRING, DOUBLE);
  private static final DataType LONG_BY_NAME = DataTypes.createMapType(STRING, LONG);

  private static final String SNAPSHOT = "as-of date of the snapshot; history strictly before it is used";

  /**
   * Columns the customer path makes for the rules and playbooks that customer_segments does not hold:
   * days_to_birthday would tell the birthday; the holiday is the same for every customer.
   */
  public static final List<String> WORKING_COLUMNS = List.of("days_to_birthday", "next_holiday", "days_to_holiday");

  public static final TableSpec CUSTOMER_SEGMENTS = TableSpec.of(
      "customer_segments",
      "客户分群明细 · One row per customer per snapshot: RFM metrics, scores, named segments, tiers, clusters, "
          + "classifications and tags. No raw personal data.",
      column("customer_id", STRING, "customer key"),
      column(TableSpec.SNAPSHOT_DATE, DATE, SNAPSHOT),
      column("first_purchase_date", DATE, "date of the first purchase (order with net amount > 0)"),
      column("last_purchase_date", DATE, "date of the last purchase"),
      column("recency_days", INT, "days from the last purchase date to the snapshot date"),
      column("frequency", LONG, "purchases (orders with net amount > 0) in the lookback window"),
      column("monetary", MONEY, "net amount of all orders in the lookback window; refunds reduce it"),
      column("avg_order_value", MONEY, "monetary / frequency"),
      column("tenure_days", INT, "days from the first purchase date to the snapshot date"),
      column("r_score", INT, "recency score 1-5, 5 = most recent; null without a purchase"),
      column("f_score", INT, "frequency score 1-5, 5 = most frequent"),
      column("m_score", INT, "monetary score 1-5, 5 = highest spend"),
      column("rfm_cell", STRING, "r, f and m scores as text, e.g. 545"),
      column("rfm_segment", STRING, "11-segment model key (champions ... lost, no_purchase)"),
      column("rfm_segment_label", STRING, "rfm_segment in the configured locale"),
      column("rfm_class_cn", STRING, "8-class model key (important_value ... general_recovery, no_purchase)"),
      column("rfm_class_cn_label", STRING, "rfm_class_cn in the configured locale, e.g. 重要价值客户"),
      column("value_tier", STRING, "high / mid / low by monetary; null without a purchase"),
      column("value_tier_label", STRING, "value_tier in the configured locale, e.g. 高价值"),
      column("frequency_tier", STRING, "high / mid / low by frequency; null without a purchase"),
      column("frequency_tier_label", STRING, "frequency_tier in the configured locale"),
      column("cluster_id", INT, "k-means cluster; a new model numbers by centroid monetary (0 = highest), a refit keeps "
          + "the ids of the previous snapshot's clusters it matches; null without a purchase"),
      column("cluster_label", STRING, "cluster name from its centroid, in the configured locale (see cluster_profiles)"),
      column("revenue_rank", LONG, "rank by monetary among purchasing customers, 1 = highest; ties share a rank"),
      column("pareto_class", STRING, "A: the customers needed for the first 80 % of revenue, B: up to 95 %, C: the rest "
          + "(classification.pareto); null without a purchase"),
      column("pareto_class_label", STRING, "pareto_class in the configured locale"),
      column("revenue_concentration", STRING, "top: among the top 20 % of purchasing customers by monetary "
          + "(classification.pareto.top-share); rest: the others"),
      column("revenue_concentration_label", STRING, "revenue_concentration in the configured locale"),
      column("customer_cohort", STRING, "early / mid / late by first purchase date (classification.cohort-boundaries, "
          + "default thirds of the business history)"),
      column("customer_cohort_label", STRING, "customer_cohort in the configured locale, e.g. 早期客户"),
      column("distinct_categories", INT, "categories with net amount > 0"),
      column("favourite_category", STRING, "category with the largest net amount"),
      column("product_breadth", STRING, "single_category / multi_category; null without a purchase or category data"),
      column("product_breadth_label", STRING, "product_breadth in the configured locale"),
      column("night_share", DOUBLE, "share of purchases starting in the night hours (classification.night-*)"),
      column("weekend_share", DOUBLE, "share of purchases on Saturday or Sunday"),
      column("repeat_purchases", INT, "purchase days after the first (purchases on one day count once): the x of "
          + "the CLV models; null without a purchase"),
      column("repeat_purchase_value", DOUBLE, "mean amount of the repeat purchase days; null without a repeat"),
      column("time_habit", STRING, "night: night_share >= classification.night-buyer-share, else day; null without a purchase"),
      column("time_habit_label", STRING, "time_habit in the configured locale"),
      column("browse_per_30_days", DOUBLE, "events of classification.browse.event-types per 30 days in the browse window; "
          + "null without an events table"),
      column("browse_level", STRING, "high: browse_per_30_days >= classification.browse.high-per-30-days, else low"),
      column("browse_level_label", STRING, "browse_level in the configured locale"),
      column("customer_type", STRING, "enterprise / individual, from the customers table"),
      column("customer_type_label", STRING, "customer_type in the configured locale, e.g. 企业客户"),
      column("country", STRING, "country from the customers table, upper case"),
      column("geography", STRING, "domestic (country = classification.home-country) / foreign; null without a country"),
      column("geography_label", STRING, "geography in the configured locale"),
      column("region", STRING, "region from the customers table"),
      column("city", STRING, "city from the customers table"),
      column("city_tier", INT, "city tier from the customers table, else from classification.city-tiers"),
      column("city_tier_label", STRING, "city_tier in the configured locale, e.g. 一线城市"),
      column("age_band", STRING, "youth / middle_aged / senior by age at the snapshot date (classification.age-bands); "
          + "the birth date itself is not stored"),
      column("age_band_label", STRING, "age_band in the configured locale, e.g. 青年"),
      column("gender", STRING, "male / female, from the customers table"),
      column("gender_label", STRING, "gender in the configured locale"),
      column("phone_masked", STRING, "masked phone: first 3 and last 4 digits, e.g. 138****5678"),
      column("email_masked", STRING, "masked email: first letter and domain, e.g. a***@example.com"),
      column("lifecycle_stage", STRING, "potential / new / active / at_risk / churned, by the rules rule-tiers.lifecycle_stage"),
      column("lifecycle_stage_label", STRING, "lifecycle_stage in the configured locale, e.g. 活跃客户"),
      column("importance", STRING, "important / normal / potential, by the rules rule-tiers.importance"),
      column("importance_label", STRING, "importance in the configured locale, e.g. 重要客户"),
      column("billed", MONEY, "sum of the customer's invoices before the snapshot date; credit notes reduce it; "
          + "null without a ledger"),
      column("paid", MONEY, "sum of the payments against those invoices"),
      column("outstanding", MONEY, "billed - paid; negative is a credit balance"),
      column("overdue_amount", MONEY, "open amount of the invoices past their due date"),
      column("days_past_due", INT, "days past due of the oldest open invoice; 0 when open but not yet due, null "
          + "when nothing is open"),
      column("aging_bucket", STRING, "current / 1-30 / 31-60 / 61-90 / 90+ by days_past_due; null without invoices"),
      column("avg_days_to_pay", DOUBLE, "mean days from invoice date to the payment that settled it"),
      column("on_time_share", DOUBLE, "share of settled invoices settled on or before their due date"),
      column("qualified_signed", BOOLEAN, "true when every invoice is paid in full (a signed customer counts as "
          + "qualified only then); null without invoices"),
      column("payment_tier", STRING, "prompt / slow / delinquent, by the rules rule-tiers.payment_tier"),
      column("payment_tier_label", STRING, "payment_tier in the configured locale, e.g. 按时"),
      column("p_alive", DOUBLE, "BG/NBD probability that the customer is still active (see clv_model); null without "
          + "a purchase or a converged fit"),
      column("expected_purchases", DOUBLE, "BG/NBD purchases to expect over clv.horizon"),
      column("expected_avg_spend", DOUBLE, "Gamma-Gamma spend per purchase to expect"),
      column("clv", DOUBLE, "clv.margin x expected spend over clv.horizon, discounted by clv.discount-rate"),
      column("tags", STRING_ARRAY, "keys of every tag whose rule holds (see tag_dictionary)"),
      column("account_manager", STRING, "account manager from the customers table"),
      column("last_contact_date", DATE, "last contact before the snapshot date, from the contacts table; null without one"),
      column("previous_rfm_segment", STRING, "rfm_segment in the snapshot compared with (the previous complete one, or "
          + "--compare-to); absent for a customer it lacks; null without a snapshot to compare with"),
      column("segment_changed", BOOLEAN, "rfm_segment differs from previous_rfm_segment"),
      column("actions", STRING_ARRAY, "keys of the playbooks that fired (see customer_actions), most urgent first"),
      column("reasons", STRING_BY_NAME, "why the customer is where it is: r_score, f_score, m_score to the score band, "
          + "each rule tier to the rule that placed the customer, tag:KEY and action:KEY to the rule of each tag and "
          + "action, each with the customer's values of the columns the rule reads"));

  public static final TableSpec CUSTOMER_ACTIONS = TableSpec.of(
      "customer_actions",
      "客户跟进动作（联动规则） · Per snapshot, one row per customer and follow-up action a playbook set off.",
      column("customer_id", STRING, "customer key"),
      column(TableSpec.SNAPSHOT_DATE, DATE, SNAPSHOT),
      column("playbook", STRING, "key of the playbook that fired (actions.playbooks)"),
      column("action", STRING, "what to do, e.g. win_back_offer"),
      column("action_label", STRING, "the playbook's label in the configured locale"),
      column("channel", STRING, "how: visit, phone, sms, email, app_push, ..."),
      column("owner_role", STRING, "who: account_manager, sales, customer_service, marketing"),
      column("priority", INT, "1 = most urgent"),
      column("due_date", DATE, "cadence-days after the last contact (not before the snapshot date; the snapshot date "
          + "without a contact), or the next birthday or holiday for greetings"),
      column("reason", STRING, "the playbook, its condition and the customer's values that made it fire"),
      column("account_manager", STRING, "the customer's account manager from the customers table, if any"));

  public static final TableSpec SEGMENT_TRANSITIONS = TableSpec.of(
      "segment_transitions",
      "分群迁移（定期审查） · Per snapshot and classifying dimension, customers and revenue moving from each class of the previous snapshot "
          + "to each class of this one (定期审查).",
      column(TableSpec.SNAPSHOT_DATE, DATE, SNAPSHOT),
      column("previous_snapshot_date", DATE, "the snapshot compared with"),
      column("dimension", STRING, "rfm_segment, rfm_class_cn, value_tier, lifecycle_stage, importance or cluster_id"),
      column("from_segment", STRING, "class in the previous snapshot; absent: not a customer then; none: no value"),
      column("to_segment", STRING, "class in this snapshot"),
      column("customers", LONG, "customers making this move"),
      column("revenue", MONEY, "their monetary in this snapshot (in the previous one for a customer now absent)"));

  public static final TableSpec CHURN_ANALYSIS = TableSpec.of(
      "churn_analysis",
      "流失分析 · Per snapshot, customers not churned in the previous snapshot by what they were then, and how many churned since "
          + "(review.churned).",
      column(TableSpec.SNAPSHOT_DATE, DATE, SNAPSHOT),
      column("previous_snapshot_date", DATE, "the snapshot compared with"),
      column("dimension", STRING, "rfm_segment, value_tier, cluster_id, region, customer_cohort or last_purchase_month "
          + "(yyyy-MM), as of the previous snapshot"),
      column("segment", STRING, "the value then; none without one"),
      column("customers_before", LONG, "customers of the group not churned in the previous snapshot"),
      column("churned", LONG, "of them, churned now"),
      column("churn_rate", DOUBLE, "churned / customers_before"),
      column("revenue_lost", MONEY, "monetary of the churned customers in the previous snapshot"));

  public static final TableSpec CLV_MODEL = TableSpec.of(
      "clv_model",
      "客户终身价值模型 · Per snapshot, the fitted BG/NBD (purchases, dropout) and Gamma-Gamma (spend) parameters behind p_alive and clv.",
      column(TableSpec.SNAPSHOT_DATE, DATE, SNAPSHOT),
      column("converged", BOOLEAN, "both fits converged; otherwise the prediction columns are null"),
      column("time_unit", STRING, "days or weeks: the unit of t_x, T and the horizon (clv.time-unit)"),
      column("customers", LONG, "purchasers of the snapshot"),
      column("repeat_customers", LONG, "purchasers with a repeat purchase that the Gamma-Gamma fit read"),
      column("iterations", INT, "simplex iterations of both fits"),
      column("bgnbd_r", DOUBLE, "BG/NBD r: shape of the purchase rates"),
      column("bgnbd_alpha", DOUBLE, "BG/NBD alpha: scale of the purchase rates"),
      column("bgnbd_a", DOUBLE, "BG/NBD a: first shape of the dropout probabilities"),
      column("bgnbd_b", DOUBLE, "BG/NBD b: second shape of the dropout probabilities"),
      column("bgnbd_log_likelihood", DOUBLE, "BG/NBD log-likelihood at the estimates"),
      column("bgnbd_r_se", DOUBLE, "standard error of r (finite-difference Hessian)"),
      column("bgnbd_alpha_se", DOUBLE, "standard error of alpha"),
      column("bgnbd_a_se", DOUBLE, "standard error of a"),
      column("bgnbd_b_se", DOUBLE, "standard error of b"),
      column("gg_p", DOUBLE, "Gamma-Gamma p: shape of the purchase values"),
      column("gg_q", DOUBLE, "Gamma-Gamma q: shape of the customers' scales"),
      column("gg_v", DOUBLE, "Gamma-Gamma v: scale of the customers' scales"),
      column("gg_log_likelihood", DOUBLE, "Gamma-Gamma log-likelihood at the estimates"),
      column("gg_p_se", DOUBLE, "standard error of p"),
      column("gg_q_se", DOUBLE, "standard error of q"),
      column("gg_v_se", DOUBLE, "standard error of v"),
      column("horizon", INT, "time units ahead that expected_purchases and clv cover"),
      column("discount_rate", DOUBLE, "yearly rate clv discounts by"),
      column("margin", DOUBLE, "share of spend counted as value"));

  public static final TableSpec RECEIVABLES_AGING = TableSpec.of(
      "receivables_aging",
      "应收账龄（客户账本） · Per snapshot, what customers owe on open invoices by aging bucket, customer type and region.",
      column(TableSpec.SNAPSHOT_DATE, DATE, SNAPSHOT),
      column("aging_bucket", STRING, "current (not yet due), 1-30, 31-60, 61-90 or 90+ days past due"),
      column("customer_type", STRING, "enterprise / individual; null when unknown"),
      column("region", STRING, "region from the customers table"),
      column("invoices", LONG, "open invoices"),
      column("customers", LONG, "customers with an open invoice"),
      column("amount", MONEY, "open amount of those invoices"));

  public static final TableSpec TAG_DICTIONARY = TableSpec.of(
      "tag_dictionary",
      "标签字典 · Per snapshot, every tag of customer_segments.tags: its family, labels and rule.",
      column(TableSpec.SNAPSHOT_DATE, DATE, SNAPSHOT),
      column("tag", STRING, "tag key as in customer_segments.tags"),
      column("dimension", STRING, "family of the tag (value, lifecycle, behaviour, product, geography, ...)"),
      column("tag_label", STRING, "tag in the configured locale"),
      column("labels", STRING_BY_NAME, "tag label by locale"),
      column("rule", STRING, "the Spark SQL condition that assigns the tag"),
      column("position", INT, "order of the tag in the conf"));

  public static final TableSpec CLUSTER_PROFILES = TableSpec.of(
      "cluster_profiles",
      "聚类画像 · Per snapshot and k-means cluster: size, shares, member means and the centroid.",
      column(TableSpec.SNAPSHOT_DATE, DATE, SNAPSHOT),
      column("cluster_id", INT, "cluster id as in customer_segments"),
      column("cluster_key", STRING, "stable English key of the centroid's kind: high_value_loyal, big_spender, frequent, new, "
          + "at_risk, lost, low_value, average"),
      column("cluster_label", STRING, "cluster_key in the configured locale; where clusters share a key, with what tells them apart "
          + "(recency, frequency or spend); unique within a model"),
      column("customers", LONG, "purchasing customers in the cluster"),
      column("customer_share", DOUBLE, "customers / all clustered customers"),
      column("revenue_share", DOUBLE, "monetary of the cluster / monetary of all clustered customers"),
      column("avg_recency_days", DOUBLE, "members' mean recency_days"),
      column("avg_frequency", DOUBLE, "members' mean frequency"),
      column("avg_monetary", DOUBLE, "members' mean monetary"),
      column("centroid", DOUBLE_BY_NAME, "centroid in original units by feature (days, purchases, money): expm1 of the log-space centroid"),
      column("centroid_standardized", DOUBLE_BY_NAME, "centroid in standard deviations from the population, by feature"),
      column("model_version", INT, "saved k-means model version that assigned the clusters"));

  public static final TableSpec KMEANS_SWEEP = TableSpec.of(
      "kmeans_sweep",
      "聚类数选择 · The analysts' cluster-count sweep (tune-k): one row per sweep and k.",
      column("sweep_id", STRING, "unique id of the sweep"),
      column(TableSpec.SNAPSHOT_DATE, DATE, "the customer_segments snapshot the sweep trained on"),
      column("k", INT, "number of clusters"),
      column("wssse", DOUBLE, "within-cluster sum of squared distances, in standardized units"),
      column("silhouette", DOUBLE, "mean silhouette (squared Euclidean), -1..1, higher is better separated"),
      column("min_cluster_share", DOUBLE, "share of the smallest cluster"),
      column("max_cluster_share", DOUBLE, "share of the largest cluster"),
      column("cluster_sizes", LONG_ARRAY, "customers per cluster"),
      column("seconds", DOUBLE, "training and evaluation time"),
      column("sample_fraction", DOUBLE, "share of purchasing customers trained on"),
      column("suggested", BOOLEAN, "true for the suggested k of the sweep"));

  public static final TableSpec SEGMENT_SUMMARY = TableSpec.of(
      "segment_summary",
      "分群汇总 · Per snapshot, dimension and segment: customers, revenue, their shares and mean RFM.",
      column(TableSpec.SNAPSHOT_DATE, DATE, SNAPSHOT),
      column("dimension", STRING, "the classifying column of customer_segments (rfm_segment, value_tier, lifecycle_stage, ...), "
          + "or tag: one row per tag, a customer counting under each of its tags"),
      column("segment", STRING, "the column's value; no_purchase for customers without a purchase-based value, unknown for "
          + "a missing profile value"),
      column("segment_label", STRING, "segment in the configured locale"),
      column("customers", LONG, "customers in the segment"),
      column("customer_share", DOUBLE, "customers / all customers of the snapshot"),
      column("revenue", MONEY, "sum of monetary of the segment's customers"),
      column("revenue_share", DOUBLE, "revenue / revenue of all customers of the snapshot; for revenue_concentration = top, "
          + "the share of revenue the top 20 % of customers make"),
      column("avg_recency_days", DOUBLE, "mean recency_days (purchasing customers)"),
      column("avg_frequency", DOUBLE, "mean frequency"),
      column("avg_monetary", DOUBLE, "mean monetary"));

  public static final TableSpec REJECTED_TRANSACTIONS = TableSpec.of(
      "rejected_transactions",
      "被拒交易行 · Input lines that failed validation, every original value as text, with the reason.",
      column(TableSpec.SNAPSHOT_DATE, DATE, SNAPSHOT),
      column("run_id", STRING, "the run that rejected the line (see job_runs)"),
      column("order_id", STRING, "original order_id"),
      column("customer_id", STRING, "original customer_id"),
      column("order_ts", STRING, "original order_ts"),
      column("amount", STRING, "original amount"),
      column("quantity", STRING, "original quantity"),
      column("category", STRING, "original category"),
      column("channel", STRING, "original channel"),
      column("line_id", STRING, "original line_id"),
      column("source_file", STRING, "Parquet file the line came from"),
      column("other_columns", STRING_BY_NAME, "input columns outside the contract, name to value"),
      column("reject_reason", STRING, "missing_customer_id, missing_order_id, missing_order_ts, invalid_order_ts, missing_amount, "
          + "invalid_amount, invalid_quantity, before_history_start, amount_out_of_range or duplicate_line; for "
          + "ledger rows missing_invoice_id, invalid_invoice_date, invalid_due_date, missing_payment_id, "
          + "invalid_paid_at or unknown_invoice"),
      column("source_table", STRING, "the input the row came from: transactions, invoices or payments (a ledger row "
          + "has its id in order_id, its date in order_ts and its other columns in other_columns)"));

  public static final TableSpec JOB_RUNS = TableSpec.of(
      "job_runs",
      "运行记录 · One row per completed run; a snapshot is complete when it has a succeeded run here.",
      column("run_id", STRING, "unique id of the run"),
      column(TableSpec.SNAPSHOT_DATE, DATE, SNAPSHOT),
      column("status", STRING, "succeeded"),
      column("started_at", TIMESTAMP, "start of the run"),
      column("ended_at", TIMESTAMP, "end of the run, after the last table commit"),
      column("input_rows", LONG, "transaction lines read"),
      column("accepted_rows", LONG, "lines used for the snapshot"),
      column("rejected_rows", LONG, "lines written to rejected_transactions"),
      column("excluded_rows", LONG, "lines dated on or after the snapshot date"),
      column("customers", LONG, "rows written to customer_segments"),
      column("blank_profile_ids", LONG, "rows of the customers table left out for a blank customer_id"),
      column("ledger_rows", LONG_BY_NAME, "invoices and payments rows: <table>.input = .accepted + .rejected + "
          + ".excluded; empty without a ledger"),
      column("stage_seconds", DOUBLE_BY_NAME, "wall time per stage"),
      column("scoring_model", STRING, "the cut-offs and thresholds learned for this snapshot, as JSON"),
      column("clustering_mode", STRING, "refit or frozen"),
      column("previous_snapshot_date", DATE, "the snapshot this run was reviewed against; null for the first"),
      column("drift_psi", DOUBLE_BY_NAME, "population stability index of the customer shares against the previous "
          + "snapshot, per dimension of segment_summary (tags aside): below 0.1 stable, above 0.25 a large shift"),
      column("max_psi_dimension", STRING, "the dimension of the largest drift_psi"),
      column("max_psi", DOUBLE, "the largest drift_psi"),
      column("drift_alert", BOOLEAN, "max_psi is above review.psi-alert: the classification needs a look"),
      column("cluster_agreement", DOUBLE, "adjusted Rand index of the cluster assignments of the customers in both "
          + "snapshots: 1 identical, about 0 chance"),
      column("cluster_model_version", INT, "saved k-means model version used; 0 when no customer had purchased (nothing clustered)"),
      column("configuration", STRING, "the effective configuration, as JSON"),
      column("versions", STRING_BY_NAME, "application, Spark and Delta versions"));

  /** The tables replaced per snapshot, in the order a run commits them. */
  public static final List<TableSpec> SNAPSHOT_TABLES = List.of(CUSTOMER_SEGMENTS, CUSTOMER_ACTIONS, SEGMENT_TRANSITIONS,
      CHURN_ANALYSIS, CLUSTER_PROFILES, SEGMENT_SUMMARY, TAG_DICTIONARY, CLV_MODEL, RECEIVABLES_AGING,
      REJECTED_TRANSACTIONS);

  /** Every table. */
  public static final List<TableSpec> ALL = java.util.stream.Stream.concat(SNAPSHOT_TABLES.stream(),
      java.util.stream.Stream.of(KMEANS_SWEEP, JOB_RUNS)).toList();
}
