package io.segments.job;

import static org.apache.spark.sql.functions.col;
import static io.segments.support.FrameAssertions.assertSameRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.generate.HistoryShape;
import io.segments.generate.SampleHistory;
import io.segments.reporting.SegmentSummary;
import io.segments.benchmark.PlainCore;
import io.segments.support.KernelReader;
import io.segments.support.SharedSparkSession;
import io.segments.support.SparkTest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on a small generated history, checked against sums computed here in plain Java. */
@SparkTest
class NightlyJobTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");
  private static final LocalDate EARLIER = LocalDate.parse("2025-07-01");

  @TempDir static Path dir;
  private static Path transactions;
  private static Path customers;
  /** The run all tests look at; only the re-run test adds runs, of its own snapshot dates. */
  private static JobConfig config;
  private static RunResult result;

  @BeforeAll
  static void generateHistoryAndRun() {
    SparkSession spark = SharedSparkSession.get();
    SampleHistory history = new SampleHistory(
        new HistoryShape(600, 6000, 7, AS_OF, 3, 0.01, ZoneId.of("UTC")));
    transactions = dir.resolve("transactions");
    customers = dir.resolve("customers");
    history.transactions(spark).write().parquet(transactions.toString());
    history.customers(spark).write().parquet(customers.toString());
    history.events(spark).write().parquet(dir.resolve("events").toString());
    config = config("nightly");
    result = new NightlyJob(spark, config).run(AS_OF);
  }

  private static JobConfig config(String database) {
    return ConfigLoader.load(Optional.empty(), Map.of(
        "input.transactions", transactions.toString(),
        "input.customers", customers.toString(),
        "input.events", dir.resolve("events").toString(),
        "output.warehouse", dir.resolve("warehouse-" + database).toString(),
        "output.database", database,
        "job.time-zone", "UTC",
        "scoring.quantile-relative-error", "0",
        "spark.shuffle-partitions", "2"));
  }

  private static Dataset<Row> table(SparkSession spark, String name) {
    return spark.read().format("delta").load(config.output().tablePath(name));
  }

  private static Dataset<Row> snapshot(SparkSession spark, String name, LocalDate date) {
    return table(spark, name).where(col("snapshot_date").equalTo(date.toString()));
  }

  @Test
  void aRunWritesASnapshotWhoseCountsReconcile(SparkSession spark) {
    assertEquals(6000, result.lines().input());
    assertEquals(result.lines().input(),
        result.lines().accepted() + result.lines().rejected() + result.lines().excluded());
    assertTrue(result.lines().rejected() > 0, "the history has deliberately bad lines");

    Row run = table(spark, "job_runs").where(col("run_id").equalTo(result.runId())).first();
    assertEquals(6000L, run.<Long>getAs("input_rows"));
    assertEquals(result.lines().rejected(), run.<Long>getAs("rejected_rows"));
    Dataset<Row> rejected = snapshot(spark, "rejected_transactions", AS_OF);
    assertEquals(result.lines().rejected(), rejected.count());
    for (Row line : rejected.select("source_file").collectAsList()) {
      assertTrue(line.getString(0).startsWith(transactions.toUri().toString().replace("file:///", "file:/")), line.getString(0));
      assertTrue(line.getString(0).endsWith(".parquet"), line.getString(0));
    }
    Map<String, Object> stages = scala.jdk.javaapi.CollectionConverters.asJava(
        run.<scala.collection.Map<String, Object>>getAs("stage_seconds"));
    assertEquals(Set.of("read+validate", "features", "scores", "classes", "clusters", "pareto", "clv", "rules",
        "review", "actions", "reasons", "segments", "write"), stages.keySet());
    // The run worked in a session of its own: the caller's settings are as the suite set them.
    assertEquals("2", spark.conf().get("spark.sql.shuffle.partitions"));
    assertEquals("UTC", spark.conf().get("spark.sql.session.timeZone"));

    Dataset<Row> segments = snapshot(spark, "customer_segments", AS_OF);
    assertEquals(result.customers(), segments.count());
    assertEquals(630, segments.count(), "600 possible buyers and 30 prospects, each once");
    assertEquals(segments.count(), segments.select("customer_id").distinct().count());
    Dataset<Row> summary = snapshot(spark, "segment_summary", AS_OF);
    for (Row dimension : summary.where(col("dimension").isin(SegmentSummary.MANY_VALUED.toArray()).unary_$bang()).groupBy("dimension").sum("customers")
        .collectAsList()) {
      assertEquals(result.customers(), dimension.getLong(1), dimension.getString(0));
    }
    // A customer counts once under each of its tags.
    for (Row tag : summary.where(col("dimension").equalTo("tag")).collectAsList()) {
      long holders = segments.where(functions.array_contains(col("tags"), tag.getAs("segment"))).count();
      assertEquals(holders, (long) tag.<Long>getAs("customers"), tag.toString());
    }
    assertTrue(spark.catalog().tableExists("nightly", "customer_segments"));
  }

  @Test
  void rfmMatchesASumComputedIndependentlyInJava(SparkSession spark) {
    Map<String, Map<String, BigDecimal>> orders = new HashMap<>();
    Map<String, Map<String, LocalDate>> orderDays = new HashMap<>();
    for (Row line : spark.read().parquet(transactions.toString()).collectAsList()) {
      String customer = line.getAs("customer_id");
      BigDecimal amount = line.getAs("amount");
      if (customer == null || amount.abs().compareTo(new BigDecimal("1000000")) > 0) {
        continue;
      }
      String order = line.getAs("order_id");
      LocalDate day = ((Timestamp) line.getAs("order_ts")).toLocalDateTime().toLocalDate();
      orders.computeIfAbsent(customer, c -> new HashMap<>()).merge(order, amount, BigDecimal::add);
      orderDays.computeIfAbsent(customer, c -> new HashMap<>()).merge(order, day, (a, b) -> a.isBefore(b) ? a : b);
    }

    List<Row> rows = snapshot(spark, "customer_segments", AS_OF).where(col("frequency").gt(0)).collectAsList();
    assertTrue(rows.size() > 400, "most customers buy");
    for (Row row : rows) {
      String customer = row.getAs("customer_id");
      Map<String, BigDecimal> byOrder = orders.get(customer);
      long purchases = byOrder.values().stream().filter(v -> v.signum() > 0).count();
      BigDecimal monetary = byOrder.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      LocalDate last = byOrder.entrySet().stream().filter(e -> e.getValue().signum() > 0)
          .map(e -> orderDays.get(customer).get(e.getKey())).max(LocalDate::compareTo).orElseThrow();
      assertEquals(purchases, row.<Long>getAs("frequency"), customer);
      assertEquals(0, monetary.compareTo(row.getAs("monetary")), customer);
      assertEquals((int) (AS_OF.toEpochDay() - last.toEpochDay()), row.<Integer>getAs("recency_days"), customer);
    }
  }

  /** BI tools read the tables with their own Delta readers: here Delta Kernel, with no SparkSession. */
  @Test
  void aDeltaReaderWithoutSparkFindsTheLatestCompleteSnapshotAndItsRows(SparkSession spark) {
    KernelReader kernel = new KernelReader();
    LocalDate latest = kernel.rows(config.output().tablePath("job_runs"), List.of("snapshot_date", "status"),
            Optional.empty()).stream()
        .filter(run -> run.get("status").equals("succeeded"))
        .map(run -> (LocalDate) run.get("snapshot_date")).max(LocalDate::compareTo).orElseThrow();
    assertEquals(AS_OF, latest, "the re-run test adds only the earlier date and this one");

    Map<String, BigDecimal> read = new HashMap<>();
    kernel.rows(config.output().tablePath("customer_segments"), List.of("customer_id", "monetary", "snapshot_date"),
            Optional.of(latest))
        .forEach(row -> {
          assertEquals(latest, row.get("snapshot_date"), "the partition filter keeps other snapshots out");
          read.put((String) row.get("customer_id"), (BigDecimal) row.get("monetary"));
        });
    Map<String, BigDecimal> written = new HashMap<>();
    snapshot(spark, "customer_segments", AS_OF).select("customer_id", "monetary").collectAsList()
        .forEach(row -> written.put(row.getString(0), row.getDecimal(1)));
    assertEquals(result.customers(), read.size());
    assertEquals(written, read);
  }

  /**
   * The benchmark's baseline is honest only if it does the same work: on the lines the job accepted
   * (the baseline does not validate), the same RFM and scores, customer by customer.
   */
  @Test
  void thePlainCoreBaselineComputesTheJobsRfmAndScores(SparkSession spark) {
    Path valid = dir.resolve("valid-lines");
    spark.read().parquet(transactions.toString())
        .where("customer_id IS NOT NULL AND order_id IS NOT NULL AND order_ts IS NOT NULL AND abs(amount) <= 1000000")
        .write().parquet(valid.toString());
    String core = dir.resolve("plain-core").toString();
    // Exact cut-offs on both sides: approximate ones depend on how the rows are partitioned.
    PlainCore.Result baseline = PlainCore.run(spark, valid.toString(), AS_OF, ZoneId.of("UTC"),
        config.scoring().quantileRelativeError(), core);

    String[] columns = {"customer_id", "recency_days", "frequency", "monetary", "r_score", "f_score", "m_score"};
    Dataset<Row> job = snapshot(spark, "customer_segments", AS_OF).where(col("frequency").gt(0))
        .selectExpr(columns);
    assertTrue(job.count() > 400 && baseline.customers() >= job.count(), "most customers buy");
    assertSameRows(job, spark.read().format("delta").load(core).selectExpr(columns),
        "the baseline's RFM and scores are the job's");
  }

  @Test
  void aReRunReplacesItsSnapshotAndLeavesTheOthers(SparkSession spark) {
    NightlyJob job = new NightlyJob(spark, config);
    long runsBefore = table(spark, "job_runs").count();
    RunResult earlier = job.run(EARLIER);
    RunResult second = job.run(AS_OF);

    Dataset<Row> segments = table(spark, "customer_segments");
    assertEquals(result.customers(), second.customers());
    assertEquals(second.customers(), segments.where(col("snapshot_date").equalTo(AS_OF.toString())).count());
    assertEquals(earlier.customers(), segments.where(col("snapshot_date").equalTo(EARLIER.toString())).count());
    assertTrue(earlier.lines().excluded() > 0, "the backfill excludes the later history");
    assertEquals(earlier.lines().input(), second.lines().input());
    assertEquals(runsBefore + 2, table(spark, "job_runs").count());
    assertEquals(second.lines().rejected(), snapshot(spark, "rejected_transactions", AS_OF).count());
    Row lastCommit = io.delta.tables.DeltaTable.forPath(spark, config.output().tablePath("customer_segments"))
        .history(1).first();
    assertEquals("WRITE", lastCommit.getAs("operation"));
    assertTrue(lastCommit.<scala.collection.Map<String, String>>getAs("operationParameters")
        .get("predicate").get().contains(AS_OF.toString()), "overwrite limited to the snapshot");
  }

  @Test
  void frozenModeAssignsWithTheSavedModelAndRecordsItsVersion(SparkSession spark) {
    Map<String, String> overrides = new HashMap<>(Map.of(
        "input.transactions", transactions.toString(), "input.customers", customers.toString(),
        "input.events", dir.resolve("events").toString(),
        "output.warehouse", config.output().warehouse(), "output.database", "nightly",
        "job.time-zone", "UTC", "clustering.mode", "frozen", "clustering.model-version", "1",
        "scoring.quantile-relative-error", "0"));
    JobConfig frozen = ConfigLoader.load(Optional.empty(), overrides);
    Set<String> refitAssignments = assignments(spark);

    RunResult run = new NightlyJob(spark, frozen).run(AS_OF);

    assertEquals(1, run.clusterModelVersion());
    Row logged = table(spark, "job_runs").where(col("run_id").equalTo(run.runId())).first();
    assertEquals("frozen", logged.getAs("clustering_mode"));
    assertEquals(1, logged.<Integer>getAs("cluster_model_version"));
    // Version 1 was trained on this very snapshot, so it assigns as the refit run did.
    assertEquals(refitAssignments, assignments(spark));
    snapshot(spark, "cluster_profiles", AS_OF).select("model_version").collectAsList()
        .forEach(r -> assertEquals(1, r.getInt(0)));
    overrides.put("clustering.extra-features", "tenure_days");
    String message = org.junit.jupiter.api.Assertions.assertThrows(io.segments.InvalidInputException.class,
        () -> new NightlyJob(spark, ConfigLoader.load(Optional.empty(), overrides)).run(AS_OF)).getMessage();
    assertTrue(message.contains("clustering.extra-features"), message);
  }

  private static Set<String> assignments(SparkSession spark) {
    Set<String> assigned = new HashSet<>();
    snapshot(spark, "customer_segments", AS_OF).select("customer_id", "cluster_id").collectAsList()
        .forEach(r -> assigned.add(r.mkString("=")));
    return assigned;
  }

  @Test
  void clusterProfilesDescribeEveryPurchasingCustomer(SparkSession spark) {
    Dataset<Row> profiles = snapshot(spark, "cluster_profiles", AS_OF);
    assertEquals(5, profiles.count(), "clustering.k = 5 by default");
    long purchasers = snapshot(spark, "customer_segments", AS_OF).where(col("cluster_id").isNotNull()).count();
    assertEquals(purchasers, profiles.agg(org.apache.spark.sql.functions.sum("customers")).first().getLong(0));
    assertEquals(1.0, profiles.agg(org.apache.spark.sql.functions.sum("customer_share")).first().getDouble(0), 1e-9);
    Row top = profiles.where(col("cluster_id").equalTo(0)).first();
    Row bottom = profiles.where(col("cluster_id").equalTo(4)).first();
    assertTrue(top.<scala.collection.Map<String, Double>>getAs("centroid").apply("monetary")
        > bottom.<scala.collection.Map<String, Double>>getAs("centroid").apply("monetary"), "ids by monetary");
    assertTrue(java.nio.file.Files.isDirectory(Path.of(config.output().tablePath("exports"), "cluster_profiles")));
  }

  @Test
  void theSweepWritesItsTableAndExport(SparkSession spark) {
    KSweepJob.Outcome outcome = new KSweepJob(spark, config).run(2, 4, Optional.empty(), 1.0);

    assertEquals(AS_OF, outcome.snapshot());
    Dataset<Row> sweep = table(spark, "kmeans_sweep").where(col("sweep_id").equalTo(outcome.sweepId()));
    assertEquals(List.of("sweep_id", "snapshot_date", "k", "wssse", "silhouette", "min_cluster_share",
        "max_cluster_share", "cluster_sizes", "seconds", "sample_fraction", "suggested"), List.of(sweep.columns()));
    assertEquals(3, sweep.count());
    assertEquals(1, sweep.where(col("suggested")).count());
    assertEquals(outcome.suggestedK(), sweep.where(col("suggested")).first().<Integer>getAs("k"));
    assertEquals(3, spark.read().json(outcome.exportPath()).count());
  }

  @Test
  void theSampleHistoryReachesEverySegment(SparkSession spark) {
    Set<String> segments = new HashSet<>();
    Set<String> classes = new HashSet<>();
    snapshot(spark, "customer_segments", AS_OF).select("rfm_segment", "rfm_class_cn").distinct().collectAsList()
        .forEach(r -> {
          segments.add(r.getString(0));
          classes.add(r.getString(1));
        });
    assertEquals(12, segments.size(), segments.toString());
    assertEquals(9, classes.size(), classes.toString());
  }

  @Test
  void theSampleHistoryReachesEveryClassOfTheClassifications(SparkSession spark) {
    Map<String, Set<String>> expected = Map.of(
        "lifecycle_stage", Set.of("potential", "new", "active", "at_risk", "churned"),
        "importance", Set.of("important", "normal", "potential"),
        "customer_type", Set.of("enterprise", "individual"),
        "customer_cohort", Set.of("early", "mid", "late", "no_purchase"),
        "pareto_class", Set.of("A", "B", "C", "no_purchase"),
        "time_habit", Set.of("day", "night", "no_purchase"),
        "product_breadth", Set.of("single_category", "multi_category", "no_purchase"),
        "geography", Set.of("domestic", "foreign"),
        "age_band", Set.of("youth", "middle_aged", "senior"),
        "browse_level", Set.of("high", "low"));
    Dataset<Row> summary = snapshot(spark, "segment_summary", AS_OF);
    expected.forEach((dimension, keys) -> {
      Set<String> seen = new HashSet<>();
      summary.where(col("dimension").equalTo(dimension)).select("segment").collectAsList()
          .forEach(r -> seen.add(r.getString(0)));
      assertTrue(seen.containsAll(keys), dimension + ": " + seen);
    });
  }
}
