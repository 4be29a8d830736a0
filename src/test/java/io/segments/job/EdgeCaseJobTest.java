package io.segments.job;

import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.QualityGateException;
import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.support.SharedSparkSession;
import io.segments.support.SparkTest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Histories at the edges: nothing, one customer, only refunds, one customer with most of the lines. */
@SparkTest
class EdgeCaseJobTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");
  private static final String LINES = "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount DECIMAL(18,2)";

  @TempDir Path dir;

  @AfterEach
  void restoreSession() {
    SharedSparkSession.restoreSettings();
  }

  private RunResult run(SparkSession spark, List<Row> lines) {
    return run(spark, lines, Map.of());
  }

  private RunResult run(SparkSession spark, List<Row> lines, Map<String, String> overrides) {
    of(spark, LINES, lines).write().mode("overwrite").parquet(dir.resolve("lines").toString());
    Map<String, String> conf = new java.util.HashMap<>(Map.of(
        "input.transactions", dir.resolve("lines").toString(),
        "output.warehouse", dir.resolve("warehouse").toString(),
        "job.time-zone", "UTC",
        "spark.shuffle-partitions", "2"));
    conf.putAll(overrides);
    return new NightlyJob(spark, ConfigLoader.load(Optional.empty(), conf)).run(AS_OF);
  }

  private Dataset<Row> table(SparkSession spark, String name) {
    return spark.read().format("delta").load(dir.resolve("warehouse/segments/" + name).toString());
  }

  private static Row line(String order, String customer, String day, String amount) {
    return row(order, customer, Timestamp.valueOf(day + " 10:00:00"), new BigDecimal(amount));
  }

  @Test
  void anEmptyHistoryFailsTheAcceptedLinesGateAndWritesNothing(SparkSession spark) {
    String message = assertThrows(QualityGateException.class, () -> run(spark, List.of())).getMessage();

    assertTrue(message.contains("quality.min-accepted-lines = 1: 0 lines were accepted"), message);
    assertFalse(Files.exists(dir.resolve("warehouse")), "nothing written");
  }

  @Test
  void anEmptyHistoryWritesAnEmptySnapshotWhenTheGateIsOff(SparkSession spark) {
    RunResult result = run(spark, List.of(), Map.of("quality.min-accepted-lines", "0"));
    assertEquals(0, result.lines().input());
    assertEquals(0, result.customers());
    assertEquals(0, table(spark, "customer_segments").count());
    assertEquals(1, table(spark, "job_runs").count());
    assertEquals(0, table(spark, "cluster_profiles").count());
  }

  @Test
  void aSingleCustomerIsScoredClusteredAndClassified(SparkSession spark) {
    RunResult result = run(spark, List.of(line("o1", "c1", "2025-12-01", "80.00"), line("o2", "c1", "2025-06-01", "20.00")));
    assertEquals(1, result.customers());
    Row only = table(spark, "customer_segments").first();
    assertEquals(2L, (Long) only.getAs("frequency"));
    assertEquals("A", only.getAs("pareto_class"));
    assertEquals(0, (Integer) only.getAs("cluster_id"));
    assertEquals(1L, (Long) only.getAs("revenue_rank"));
    assertEquals(1, table(spark, "cluster_profiles").count());
  }

  @Test
  void onlyRefundsMeanNoPurchasersButEveryCustomerKeepsARow(SparkSession spark) {
    RunResult result = run(spark, List.of(line("r1", "c1", "2025-12-01", "-30.00"), line("r2", "c2", "2025-11-01", "-5.00")));
    assertEquals(2, result.customers());
    for (Row customer : table(spark, "customer_segments").collectAsList()) {
      assertEquals("no_purchase", customer.getAs("rfm_segment"));
      assertNull(customer.getAs("cluster_id"));
      assertNull(customer.getAs("pareto_class"));
      assertEquals("potential", customer.getAs("lifecycle_stage"));
    }
    assertEquals(0, table(spark, "cluster_profiles").count());
  }

  @Test
  void oneGiantCustomerWithMostOfTheLinesIsRankedFirstAndAlone(SparkSession spark) {
    List<Row> lines = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      lines.add(line("g" + i, "giant", "2025-0" + (1 + i % 9) + "-1" + (i % 9), "100.00"));
    }
    for (int i = 0; i < 60; i++) {
      lines.add(line("s" + i, "small" + i, "2025-1" + (i % 2) + "-05", String.valueOf(10 + i) + ".00"));
    }
    RunResult result = run(spark, lines);
    assertEquals(61, result.customers());
    Row giant = table(spark, "customer_segments").where(col("customer_id").equalTo("giant")).first();
    assertEquals(3000L, (Long) giant.getAs("frequency"));
    assertEquals(0, new BigDecimal("300000.00").compareTo(giant.getAs("monetary")));
    assertEquals(1L, (Long) giant.getAs("revenue_rank"));
    // 300,000 of 302,970: the giant alone reaches 80 %, so it is the only A.
    assertEquals(1, table(spark, "customer_segments").where(col("pareto_class").equalTo("A")).count());
    assertEquals(61, table(spark, "customer_segments").select("customer_id").distinct().count());
  }
}
