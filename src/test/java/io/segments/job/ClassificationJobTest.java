package io.segments.job;

import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.output.SegmentTables;
import io.segments.output.TableSpec;
import io.segments.reporting.SegmentSummary;
import io.segments.support.SharedSparkSession;
import io.segments.support.SparkTest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a history built by hand so that every class of every dimension occurs, each
 * expected value worked out in the comments. Monetary: c1 5000, c2 3000, c3 1000, c4 500, c5 300,
 * c6 100, c7 60, c8 40 (total 10,000); c9 is a prospect; c8 has no profile row.
 */
@SparkTest
class ClassificationJobTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");
  private static final String LINES = "order_id STRING, customer_id STRING, order_ts TIMESTAMP, "
      + "amount DECIMAL(18,2), category STRING, name STRING";
  private static final String PROFILES = "customer_id STRING, name STRING, customer_type STRING, country STRING, "
      + "region STRING, city STRING, city_tier INT, gender STRING, birth_date DATE, phone STRING, email STRING";
  /** Raw personal values of the profiles: none may appear in any output table. */
  private static final List<String> PERSONAL_VALUES = List.of("13812345678", "alice@example.com", "张三",
      "1995-06-01", "13900001111", "bob@corp.cn", "李四", "买家c1");

  @TempDir static Path dir;
  private static JobConfig config;
  private static Map<String, Row> customers;

  @BeforeAll
  static void runOnTheHandBuiltHistory() {
    SparkSession spark = SharedSparkSession.get();
    List<Row> lines = new ArrayList<>();
    // c1: early (2023-01-10), active (recency 12), 3 purchases, 2 of them on a Saturday; categories
    // electronics 3000, home 1500, books 500, toys 50 - 50 = 0 (not counted): 3 categories.
    lines.add(line("o1", "c1", "2023-01-10 10:00:00", "3000", "electronics"));
    lines.add(line("o2", "c1", "2024-05-04 10:00:00", "1500", "home"));
    lines.add(line("o2", "c1", "2024-05-04 10:00:00", "50", "toys"));
    lines.add(line("o3", "c1", "2025-12-20 10:00:00", "500", "books"));
    lines.add(line("r1", "c1", "2025-12-21 10:00:00", "-50", "toys"));
    // c2: mid (2024-06-10), at_risk (recency 153), night buyer (22:00), one category.
    lines.add(line("o4", "c2", "2024-06-10 22:00:00", "1000", "apparel"));
    lines.add(line("o5", "c2", "2025-02-01 22:00:00", "1000", "apparel"));
    lines.add(line("o6", "c2", "2025-08-01 22:30:00", "1000", "apparel"));
    // c3: late, new (tenure 49).
    lines.add(line("o7", "c3", "2025-11-13 10:00:00", "1000", "books"));
    // c4: early, churned (recency 671) after 3 purchases.
    lines.add(line("o8", "c4", "2023-02-01 10:00:00", "200", "grocery"));
    lines.add(line("o9", "c4", "2023-06-01 10:00:00", "200", "grocery"));
    lines.add(line("o10", "c4", "2024-03-01 10:00:00", "100", "grocery"));
    // c5: late, tenure 92 (not new), active (recency 31).
    lines.add(line("o11", "c5", "2025-10-01 10:00:00", "150", "beauty"));
    lines.add(line("o12", "c5", "2025-12-01 10:00:00", "150", "beauty"));
    lines.add(line("o13", "c6", "2024-09-02 10:00:00", "100", "sports"));
    lines.add(line("o14", "c7", "2025-06-02 10:00:00", "60", "sports"));
    lines.add(line("o15", "c8", "2025-09-15 10:00:00", "40", null));
    // A line without an amount is rejected; the buyer's name it carries must not follow it there.
    lines.add(row("o16", "c1", Timestamp.valueOf("2025-12-20 10:00:00"), null, "books", "买家c1"));
    Path transactions = dir.resolve("transactions");
    of(spark, LINES, lines).write().parquet(transactions.toString());

    Path profiles = dir.resolve("customers");
    of(spark, PROFILES,
        profile("c1", "张三", "enterprise", "cn", "华东", "上海", 1, "M", "1995-06-01", "13812345678", "alice@example.com"),
        profile("c2", "李四", "个人", "CN", "华东", "杭州", null, "女", "1975-03-01", "13900001111", "bob@corp.cn"),
        profile("c3", null, "Individual", "US", null, null, null, null, "1950-01-01", "12", "nope"),
        profile("c4", null, "individual", "CN", "华北", "Nowhere", null, "F", null, null, null),
        profile("c5", null, "individual", "CN", "华南", "厦门", null, "m", "1981-01-01", null, null),
        profile("c6", null, "individual", "CN", null, null, null, null, null, null, null),
        profile("c7", null, "individual", "CN", null, null, null, null, null, null, null),
        profile("c9", null, "individual", "CN", "西南", "成都", null, null, "2001-01-01", null, null))
        .write().parquet(profiles.toString());

    // c1 browses 40 times in the 90-day window (13.3 per 30 days: high); c2 3 times (low); c3's carts
    // and c1's views before the window do not count.
    List<Row> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(row("c1", Timestamp.valueOf("2025-11-01 12:00:00"), i % 2 == 0 ? "view" : "CLICK"));
      events.add(row("c1", Timestamp.valueOf("2025-06-01 12:00:00"), "view"));
      events.add(row("c3", Timestamp.valueOf("2025-12-01 12:00:00"), "cart"));
    }
    for (int i = 0; i < 3; i++) {
      events.add(row("c2", Timestamp.valueOf("2025-12-30 12:00:00"), "view"));
    }
    Path eventsPath = dir.resolve("events");
    of(spark, "customer_id STRING, event_ts TIMESTAMP, event_type STRING", events).write().parquet(eventsPath.toString());

    config = ConfigLoader.load(Optional.empty(), Map.of(
        "input.transactions", transactions.toString(),
        "input.customers", profiles.toString(),
        "input.events", eventsPath.toString(),
        "output.warehouse", dir.resolve("warehouse").toString(),
        "job.time-zone", "UTC",
        "clustering.k", "2",
        "spark.shuffle-partitions", "2"));
    new NightlyJob(spark, config).run(AS_OF);
    customers = new HashMap<>();
    table(spark, "customer_segments").collectAsList().forEach(r -> customers.put(r.getAs("customer_id"), r));
  }

  private static Row line(String order, String customer, String ts, String amount, String category) {
    return row(order, customer, Timestamp.valueOf(ts), new BigDecimal(amount), category, "买家" + customer);
  }

  private static Row profile(String id, String name, String type, String country, String region, String city,
      Integer tier, String gender, String birth, String phone, String email) {
    return row(id, name, type, country, region, city, tier, gender, birth == null ? null : Date.valueOf(birth),
        phone, email);
  }

  private static Dataset<Row> table(SparkSession spark, String name) {
    return spark.read().format("delta").load(config.output().tablePath(name));
  }

  /** The value of {@code column} for customers c1..c9, in order. */
  private static List<Object> column(String column) {
    List<Object> values = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      values.add(customers.get("c" + i).getAs(column));
    }
    return values;
  }

  private static List<Object> values(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void everyCustomerHasARowIncludingTheProspectAndTheCustomerWithoutAProfile() {
    assertEquals(9, customers.size());
  }

  @Test
  void paretoClassesAndRevenueConcentrationFollowTheCumulativeRevenue() {
    // Revenue above each customer: 0, 5000, 8000, 9000, 9500, ... of 10,000; A below 80 %, B below 95 %.
    assertEquals(values(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, null), column("revenue_rank"));
    assertEquals(values("A", "A", "B", "B", "C", "C", "C", "C", null), column("pareto_class"));
    // Top 20 % of 8 purchasers: fewer than 1.6 ranked above.
    assertEquals(values("top", "top", "rest", "rest", "rest", "rest", "rest", "rest", null),
        column("revenue_concentration"));
    assertEquals("A类客户", customers.get("c1").getAs("pareto_class_label"));
  }

  @Test
  void lifecycleImportanceAndCohortsFollowTheDefaultRules() {
    assertEquals(values("active", "at_risk", "new", "churned", "active", "churned", "churned", "at_risk", "potential"),
        column("lifecycle_stage"));
    // important: pareto A (c1, c2) or the high value tier (only c1 is above the 80th percentile, 3000).
    assertEquals(values("important", "important", "normal", "normal", "normal", "normal", "normal", "normal",
        "potential"), column("importance"));
    assertEquals("重要客户", customers.get("c1").getAs("importance_label"));
    // History 2023-01-10 .. 2026-01-01 is 1087 days: thirds start 2024-01-07 and 2025-01-03.
    assertEquals(values("early", "mid", "late", "early", "late", "mid", "late", "late", null),
        column("customer_cohort"));
  }

  @Test
  void productTimeAndBrowsingHabits() {
    assertEquals(values(3, 1, 1, 1, 1, 1, 1, 0, 0), column("distinct_categories"));
    assertEquals(values("electronics", "apparel", "books", "grocery", "beauty", "sports", "sports", null, null),
        column("favourite_category"));
    assertEquals(values("multi_category", "single_category", "single_category", "single_category",
        "single_category", "single_category", "single_category", null, null), column("product_breadth"));
    assertEquals(values("day", "night", "day", "day", "day", "day", "day", "day", null), column("time_habit"));
    assertEquals(2.0 / 3, customers.get("c1").<Double>getAs("weekend_share"), 1e-12);
    assertEquals(1.0 / 3, customers.get("c2").<Double>getAs("weekend_share"), 1e-12);
    assertEquals(40 * 30.0 / 90, customers.get("c1").<Double>getAs("browse_per_30_days"), 1e-9);
    assertEquals(values("high", "low", "low", "low", "low", "low", "low", "low", "low"), column("browse_level"));
  }

  @Test
  void profileClassesNormalizeTheInputAndFallBackToTheCityList() {
    assertEquals(values("enterprise", "individual", "individual", "individual", "individual", "individual",
        "individual", null, "individual"), column("customer_type"));
    assertEquals(values("domestic", "domestic", "foreign", "domestic", "domestic", "domestic", "domestic", null,
        "domestic"), column("geography"));
    // c2's 杭州 and c5's 厦门 take their tier from the conf list; Nowhere has none.
    assertEquals(values(1, 2, null, null, 3, null, null, null, 2), column("city_tier"));
    // Ages at 2026-01-01: 30, 50, 76, -, exactly 45, -, -, -, 25.
    assertEquals(values("youth", "middle_aged", "senior", null, "middle_aged", null, null, null, "youth"),
        column("age_band"));
    assertEquals(values("male", "female", null, "female", "male", null, null, null, null), column("gender"));
    assertEquals("男", customers.get("c1").getAs("gender_label"));
    assertEquals(values("138****5678", "139****1111", "****", null, null, null, null, null, null),
        column("phone_masked"));
    assertEquals(values("a***@example.com", "b***@corp.cn", null, null, null, null, null, null, null),
        column("email_masked"));
  }

  @Test
  void tagsHoldExactlyWhereTheirRulesDo() {
    Map<String, Set<String>> expected = new TreeMap<>();
    expected.put("c1", Set.of("high_value", "key_account", "weekend_shopper", "active_browser", "cross_buyer",
        "top_city"));
    expected.put("c2", Set.of("win_back", "night_owl"));
    expected.put("c3", Set.of("new_customer", "overseas"));
    expected.put("c4", Set.of("win_back"));
    expected.put("c5", Set.of());
    expected.put("c6", Set.of());
    expected.put("c7", Set.of());
    expected.put("c8", Set.of());
    expected.put("c9", Set.of("never_bought"));
    Map<String, Set<String>> actual = new TreeMap<>();
    customers.forEach((id, r) -> actual.put(id, new TreeSet<>(r.<String>getList(r.fieldIndex("tags")))));
    assertEquals(expected, actual);
  }

  @Test
  void theTagDictionaryDescribesEveryConfiguredTag(SparkSession spark) {
    List<Row> dictionary = table(spark, "tag_dictionary").orderBy("position").collectAsList();
    assertEquals(config.tags().size(), dictionary.size());
    Row first = dictionary.get(0);
    assertEquals("high_value", first.getAs("tag"));
    assertEquals("value", first.getAs("dimension"));
    assertEquals("高价值", first.getAs("tag_label"));
    assertEquals("High value", first.<scala.collection.Map<String, String>>getAs("labels").apply("en"));
    assertEquals("value_tier = 'high'", first.getAs("rule"));
  }

  @Test
  void theSummaryHasARowSetPerDimensionThatCountsEveryCustomer(SparkSession spark) {
    Dataset<Row> summary = table(spark, "segment_summary");
    for (Row dimension : summary.where(col("dimension").isin(SegmentSummary.MANY_VALUED.toArray()).unary_$bang()).groupBy("dimension").sum("customers")
        .collectAsList()) {
      assertEquals(9L, dimension.getLong(1), dimension.getString(0));
    }
    Row top = summary.where("dimension = 'revenue_concentration' AND segment = 'top'").first();
    assertEquals(0.8, top.<Double>getAs("revenue_share"), 1e-12);
    Row unknownType = summary.where("dimension = 'customer_type' AND segment = 'unknown'").first();
    assertEquals(1L, (Long) unknownType.getAs("customers"));
    assertEquals("未知", unknownType.getAs("segment_label"));
    Row prospects = summary.where("dimension = 'pareto_class' AND segment = 'no_purchase'").first();
    assertEquals(1L, (Long) prospects.getAs("customers"));
    Row winBack = summary.where("dimension = 'tag' AND segment = 'win_back'").first();
    assertEquals(2L, (Long) winBack.getAs("customers"));
    assertEquals("待挽回", winBack.getAs("segment_label"));
    Set<String> dimensions = new TreeSet<>();
    summary.select("dimension").distinct().collectAsList().forEach(r -> dimensions.add(r.getString(0)));
    assertTrue(dimensions.containsAll(Set.of("importance", "lifecycle_stage", "customer_cohort", "product_breadth",
        "time_habit", "pareto_class", "revenue_concentration", "geography", "city_tier", "age_band", "gender",
        "browse_level", "customer_type", "region", "city", "tag")), dimensions.toString());
  }

  @Test
  void noOutputTableHoldsAPersonalColumnOrValue(SparkSession spark) {
    for (TableSpec spec : List.of(SegmentTables.CUSTOMER_SEGMENTS, SegmentTables.SEGMENT_SUMMARY,
        SegmentTables.CLUSTER_PROFILES, SegmentTables.REJECTED_TRANSACTIONS, SegmentTables.JOB_RUNS,
        SegmentTables.TAG_DICTIONARY)) {
      Dataset<Row> rows = table(spark, spec.name());
      for (String personal : List.of("name", "phone", "email", "birth_date")) {
        assertFalse(List.of(rows.columns()).contains(personal), spec.name() + " has " + personal);
      }
      Dataset<Row> text = rows.select(functions.to_json(functions.struct(col("*"))).as("json"));
      for (String value : PERSONAL_VALUES) {
        assertEquals(0, text.where(col("json").contains(value)).count(), spec.name() + " holds " + value);
      }
    }
    assertEquals(1, table(spark, "rejected_transactions").count(), "the line without an amount is kept there");
  }
}
