package io.segments.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.generate.HistoryShape;
import io.segments.generate.SampleHistory;
import io.segments.support.SharedSparkSession;
import io.segments.support.SparkTest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs and readers at the same time: Delta's commits keep every snapshot whole. */
@SparkTest
class ConcurrentRunsTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");

  @TempDir static Path dir;

  @BeforeAll
  static void writeTwoHistories() {
    SparkSession spark = SharedSparkSession.get();
    for (int size : List.of(200, 400)) {
      new SampleHistory(new HistoryShape(size, size * 10L, size, AS_OF, 2, 0.0, ZoneId.of("UTC")))
          .transactions(spark).write().parquet(dir.resolve("history-" + size).toString());
    }
  }

  @AfterEach
  void restoreSession() {
    SharedSparkSession.restoreSettings();
  }

  private static JobConfig config(int history, String warehouse) {
    return ConfigLoader.load(Optional.empty(), Map.of(
        "input.transactions", dir.resolve("history-" + history).toString(),
        "output.warehouse", dir.resolve(warehouse).toString(),
        "job.time-zone", "UTC",
        "clustering.k", "3",
        "spark.shuffle-partitions", "2"));
  }

  private static Dataset<Row> snapshot(SparkSession spark, String warehouse, String table) {
    return spark.read().format("delta").load(dir.resolve(warehouse).resolve("segments").resolve(table).toString())
        .where(col("snapshot_date").equalTo(AS_OF.toString()));
  }

  @Test
  void aReaderDuringAReRunSeesTheOldOrTheNewSnapshotWhole(SparkSession spark) throws Exception {
    long before = new NightlyJob(spark, config(200, "reader")).run(AS_OF).customers();
    CompletableFuture<RunResult> rerun = CompletableFuture.supplyAsync(
        () -> new NightlyJob(spark, config(400, "reader")).run(AS_OF));
    Set<Long> seen = new TreeSet<>();
    int reads = 0;
    while (!rerun.isDone() || reads == 0) {
      Row counts = snapshot(spark, "reader", "customer_segments")
          .selectExpr("count(*) AS n", "count(DISTINCT customer_id) AS distinct_customers").first();
      assertEquals(counts.getLong(0), counts.getLong(1), "no customer twice in a snapshot");
      seen.add(counts.getLong(0));
      reads++;
    }
    long after = rerun.get().customers();
    assertTrue(Set.of(before, after).containsAll(seen), "saw only whole snapshots " + seen + " of " + before
        + " then " + after);
    assertEquals(after, snapshot(spark, "reader", "customer_segments").count());
  }

  @Test
  void theSameDateRunTwiceAtOnceLeavesOneWholeSnapshotAndNoDuplicates(SparkSession spark) throws Exception {
    new NightlyJob(spark, config(200, "twice")).run(LocalDate.parse("2025-06-01"));
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<RunResult>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return new NightlyJob(spark, config(200, "twice")).run(AS_OF);
      }));
    }
    start.countDown();
    List<RunResult> succeeded = new ArrayList<>();
    for (CompletableFuture<RunResult> run : runs) {
      try {
        succeeded.add(run.get());
      } catch (java.util.concurrent.ExecutionException e) {
        String message = e.getCause().getMessage();
        assertTrue(message.contains("another run committed to") || message.contains("at the same time"), message);
      }
    }
    assertFalse(succeeded.isEmpty(), "one of the two runs completes");
    long customers = succeeded.get(0).customers();
    Dataset<Row> segments = snapshot(spark, "twice", "customer_segments");
    assertEquals(customers, segments.count());
    assertEquals(customers, segments.select("customer_id").distinct().count());
    assertEquals(succeeded.size(), snapshot(spark, "twice", "job_runs").count());
  }
}
