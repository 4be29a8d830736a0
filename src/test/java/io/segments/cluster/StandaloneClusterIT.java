package io.segments.cluster;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.generate.HistoryShape;
import io.segments.generate.SampleHistory;
import io.segments.job.NightlyJob;
import io.segments.support.FrameAssertions;
import io.segments.support.SharedSparkSession;
import io.segments.support.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application jar on a real standalone cluster (master, worker, executors in their own
 * JVMs), submitted as a scheduler would; run by `mvn verify` after the jar is built.
 */
@SparkTest
class StandaloneClusterIT {
  private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");
  private static final LocalDate EARLIER = LocalDate.parse("2025-10-01");
  /** Everything in customer_segments that does not depend on how k-means was initialised. */
  private static final List<String> DETERMINISTIC = List.of("customer_id", "recency_days", "frequency", "monetary",
      "r_score", "f_score", "m_score", "rfm_segment", "rfm_class_cn", "value_tier", "revenue_rank", "pareto_class",
      "lifecycle_stage", "importance", "customer_type", "city_tier", "browse_level", "tags");

  @TempDir static Path dir;
  private static StandaloneCluster cluster;
  private static Path conf;

  @BeforeAll
  static void startClusterAndWriteHistory() throws Exception {
    SparkSession spark = SharedSparkSession.get();
    SampleHistory history = new SampleHistory(new HistoryShape(2000, 20000, 11, AS_OF, 3, 0.001, ZoneId.of("UTC")));
    history.transactions(spark).write().parquet(dir.resolve("transactions").toString());
    history.customers(spark).write().parquet(dir.resolve("customers").toString());
    history.events(spark).write().parquet(dir.resolve("events").toString());
    conf = dir.resolve("nightly.conf");
    Files.writeString(conf, String.join("\n",
        "input.transactions = \"" + dir.resolve("transactions") + "\"",
        "input.customers = \"" + dir.resolve("customers") + "\"",
        "input.events = \"" + dir.resolve("events") + "\"",
        "job.time-zone = UTC",
        // Exact quantiles: approximate ones merge per-partition sketches, and the cluster reads the
        // input in other splits than the local run, which may move a cut-off within its error.
        "scoring.quantile-relative-error = 0",
        "clustering.k = 3",
        "spark.shuffle-partitions = 4", ""));
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static JobConfig config(Path warehouse) {
    return ConfigLoader.load(Optional.of(conf), Map.of("output.warehouse", warehouse.toString()));
  }

  private static Dataset<Row> table(SparkSession spark, Path warehouse, String name) {
    return spark.read().format("delta").load(warehouse.resolve("segments").resolve(name).toString());
  }

  private static Dataset<Row> snapshot(SparkSession spark, Path warehouse, String name, LocalDate date) {
    return table(spark, warehouse, name).where(col("snapshot_date").equalTo(date.toString()));
  }

  private static Process submitRun(Path warehouse, LocalDate date, Path log) throws Exception {
    return cluster.submit(log, "run", "--as-of", date.toString(), "--conf", conf.toString(),
        "--warehouse", warehouse.toString());
  }

  @Test
  void theJarRunsUnchangedOnTheClusterAndAgreesWithALocalRun(SparkSession spark) throws Exception {
    Path warehouse = dir.resolve("warehouse-cluster");
    Path log = dir.resolve("submit.log");
    Process submit = submitRun(warehouse, AS_OF, log);
    assertTrue(submit.waitFor(10, TimeUnit.MINUTES), "spark-submit finished in 10 minutes");
    assertEquals(0, submit.exitValue(), StandaloneCluster.read(log));
    assertTrue(cluster.executorsLaunched() >= 2, "the worker launched the executors");

    Row run = table(spark, warehouse, "job_runs").first();
    assertEquals("succeeded", run.getAs("status"));
    assertEquals(20000L, (Long) run.getAs("input_rows"));
    assertEquals(run.<Long>getAs("input_rows"),
        run.<Long>getAs("accepted_rows") + run.<Long>getAs("rejected_rows") + run.<Long>getAs("excluded_rows"));
    Dataset<Row> onCluster = snapshot(spark, warehouse, "customer_segments", AS_OF);
    assertEquals(run.<Long>getAs("customers"), onCluster.count());

    Path localWarehouse = dir.resolve("warehouse-local");
    new NightlyJob(spark, config(localWarehouse)).run(AS_OF);
    SharedSparkSession.restoreSettings();
    Column[] columns = DETERMINISTIC.stream().map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> local = snapshot(spark, localWarehouse, "customer_segments", AS_OF).select(columns);
    Dataset<Row> remote = onCluster.select(columns);
    assertEquals(0, local.exceptAll(remote).count() + remote.exceptAll(local).count(),
        "the cluster's customer_segments equals the local run's");
  }

  @Test
  void aDriverKilledWhileWritingLeavesThePreviousSnapshotAndTheNextRunCompletes(SparkSession spark)
      throws Exception {
    Path warehouse = dir.resolve("warehouse-killed");
    new NightlyJob(spark, config(warehouse)).run(EARLIER);
    SharedSparkSession.restoreSettings();
    Dataset<Row> before = snapshot(spark, warehouse, "customer_segments", EARLIER).localCheckpoint();
    long summaryBefore = snapshot(spark, warehouse, "segment_summary", EARLIER).count();

    Path log = dir.resolve("killed.log");
    Process submit = submitRun(warehouse, AS_OF, log);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!StandaloneCluster.read(log).contains("StageTimer: segments") && submit.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(submit.isAlive(), "the run reached its writes: " + StandaloneCluster.read(log));
    Thread.sleep(1500);
    submit.destroyForcibly().waitFor();
    assertTrue(!StandaloneCluster.read(log).contains("StageTimer: write"), "killed before its writes ended");

    // The earlier snapshot is whole, and the killed run left no completed snapshot.
    Dataset<Row> after = snapshot(spark, warehouse, "customer_segments", EARLIER);
    FrameAssertions.assertSameRows(before, after, "the earlier snapshot is as it was");
    assertEquals(summaryBefore, snapshot(spark, warehouse, "segment_summary", EARLIER).count());
    assertEquals(1, table(spark, warehouse, "job_runs").count());

    new NightlyJob(spark, config(warehouse)).run(AS_OF);
    SharedSparkSession.restoreSettings();
    Row run = table(spark, warehouse, "job_runs").where(col("snapshot_date").equalTo(AS_OF.toString())).first();
    assertEquals(run.<Long>getAs("customers"), snapshot(spark, warehouse, "customer_segments", AS_OF).count());
    assertEquals(run.<Long>getAs("customers"),
        snapshot(spark, warehouse, "customer_segments", AS_OF).select("customer_id").distinct().count());
  }
}
