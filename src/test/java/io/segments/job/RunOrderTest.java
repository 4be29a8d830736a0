package io.segments.job;

import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.support.SharedSparkSession;
import io.segments.support.SparkTest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a backfill of an older date may not change: the current export and the model frozen runs use. */
@SparkTest
class RunOrderTest {
  private static final LocalDate OLDER = LocalDate.parse("2026-01-01");
  private static final LocalDate NEWER = LocalDate.parse("2026-02-01");
  private static final LocalDate LATER = LocalDate.parse("2026-03-01");

  @TempDir Path dir;

  @AfterEach
  void restoreSession() {
    SharedSparkSession.restoreSettings();
  }

  private JobConfig config(String mode) {
    Map<String, String> conf = new HashMap<>(Map.of(
        "input.transactions", dir.resolve("lines").toString(),
        "output.warehouse", dir.resolve("warehouse").toString(),
        "job.time-zone", "UTC", "spark.shuffle-partitions", "2", "clustering.k", "2", "clustering.mode", mode));
    return ConfigLoader.load(Optional.empty(), conf);
  }

  @Test
  void aBackfillOfAnOlderDateLeavesTheExportAndTheFrozenModelAlone(SparkSession spark) {
    List<Row> lines = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      for (int order = 0; order <= i; order++) {
        lines.add(row("o" + i + "-" + order, "c" + i, Timestamp.valueOf("2025-0" + (1 + order % 9) + "-10 10:00:00"),
            new BigDecimal(10 * (i + 1) + ".00")));
      }
    }
    of(spark, "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount DECIMAL(18,2)", lines)
        .write().parquet(dir.resolve("lines").toString());

    assertEquals(1, new NightlyJob(spark, config("refit")).run(NEWER).clusterModelVersion());
    assertEquals(2, new NightlyJob(spark, config("refit")).run(OLDER).clusterModelVersion());

    List<Row> exported = spark.read().json(dir.resolve("warehouse/segments/exports/cluster_profiles").toString())
        .select("snapshot_date").distinct().collectAsList();
    assertEquals(List.of(NEWER.toString()), exported.stream().map(r -> r.getString(0)).toList());
    // Frozen with model-version 0 takes the model of the newest snapshot, not the newest saved version.
    assertEquals(1, new NightlyJob(spark, config("frozen")).run(LATER).clusterModelVersion());
    assertEquals(LATER.toString(), spark.read().json(dir.resolve("warehouse/segments/exports/cluster_profiles")
        .toString()).select("snapshot_date").first().getString(0));
  }
}
