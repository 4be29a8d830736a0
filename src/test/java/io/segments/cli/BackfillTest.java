package io.segments.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.segments.support.FrameAssertions;
import io.segments.support.PairCounting;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** A backfill is the series of separate runs, reviews included, and resumes where it stopped. */
class BackfillTest extends CommandLineTest {
  private static final List<String> REVIEWED_TABLES = List.of("customer_segments", "customer_actions",
      "segment_transitions", "churn_analysis", "segment_summary");

  @Override
  String confText() {
    return "job.time-zone = UTC\nspark.shuffle-partitions = 2\nclustering.k = 3\n";
  }

  private String[] withInputs(Path data, Path warehouse, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--conf", conf.toString(), "--transactions", data.resolve("transactions").toString(),
        "--customers", data.resolve("customers").toString(), "--warehouse", warehouse.toString()));
    return all.toArray(String[]::new);
  }

  @Test
  void aBackfillEqualsSeparateRunsAndResumesAfterAKill(SparkSession spark) {
    Path data = dir.resolve("data");
    assertEquals(0, segment("generate", "--customers", "200", "--lines", "3000", "--out", data.toString(), "--years", "1"));
    Path backfilled = dir.resolve("backfilled");
    Path separate = dir.resolve("separate");

    assertEquals(0, segment(withInputs(data, backfilled, "backfill", "--from", "2025-11-01", "--to", "2025-12-15",
        "--every", "1M")), err.toString());
    assertEquals(0, segment(withInputs(data, separate, "run", "--as-of", "2025-11-01")), err.toString());
    assertEquals(0, segment(withInputs(data, separate, "run", "--as-of", "2025-12-01")), err.toString());

    for (String table : REVIEWED_TABLES) {
      Dataset<Row> backfill = table(spark, backfilled, table);
      assertTrue(backfill.count() > 0, table + " has rows");
      FrameAssertions.assertSameRows(table(spark, separate, table), backfill, table + " equals the separate runs'");
    }
    Dataset<Row> december = table(spark, backfilled, "customer_segments").where("snapshot_date = DATE'2025-12-01'");
    assertEquals(0, december.where(col("previous_rfm_segment").isNull()).count(), "every customer reviewed");
    Row run = table(spark, backfilled, "job_runs").where("snapshot_date = DATE'2025-12-01'").first();
    assertEquals(java.sql.Date.valueOf("2025-11-01"), run.getAs("previous_snapshot_date"));
    assertEquals(pairCountingAri(spark, backfilled), (double) run.getAs("cluster_agreement"), 1e-9);

    // A kill after the tables of 1 December but before its job_runs row: that date is not complete.
    DeltaTable.forPath(spark, backfilled.resolve("segments/job_runs").toString()).delete("snapshot_date = '2025-12-01'");
    long decemberRows = december.count();
    out.getBuffer().setLength(0);

    assertEquals(0, segment(withInputs(data, backfilled, "backfill", "--from", "2025-11-01", "--to", "2026-01-01",
        "--every", "1M")), err.toString());

    assertTrue(out.toString().contains("[1/3] 2025-11-01 complete already, skipped"), out.toString());
    assertTrue(out.toString().contains("[2/3] 2025-12-01 written"), out.toString());
    assertTrue(out.toString().contains("[3/3] 2026-01-01 written"), out.toString());
    assertEquals(decemberRows, table(spark, backfilled, "customer_segments").where("snapshot_date = DATE'2025-12-01'").count(),
        "the redone date replaced its rows");
    assertEquals(3, table(spark, backfilled, "job_runs").select("snapshot_date").distinct().count());

    assertEquals(2, segment(withInputs(data, backfilled, "run", "--as-of", "2026-02-01", "--compare-to", "2025-10-01")));
    assertTrue(err.toString().contains("--compare-to 2025-10-01: not a complete snapshot before 2026-02-01"),
        err.toString());
    assertEquals(3, table(spark, backfilled, "job_runs").count(), "nothing written");
  }

  /** The adjusted Rand index of November's and December's clusters by visiting every pair of customers in both. */
  private static double pairCountingAri(SparkSession spark, Path warehouse) {
    Dataset<Row> segments = table(spark, warehouse, "customer_segments");
    List<Row> both = segments.where("snapshot_date = DATE'2025-11-01'").select(col("customer_id"), col("cluster_id").as("a"))
        .join(segments.where("snapshot_date = DATE'2025-12-01'").select(col("customer_id"), col("cluster_id").as("b")),
            "customer_id")
        .where("a IS NOT NULL AND b IS NOT NULL").select("a", "b").collectAsList();
    return PairCounting.adjustedRandIndex(both.stream().mapToInt(r -> r.getInt(0)).toArray(),
        both.stream().mapToInt(r -> r.getInt(1)).toArray());
  }

  private static Dataset<Row> table(SparkSession spark, Path warehouse, String name) {
    return spark.read().format("delta").load(warehouse.resolve("segments").resolve(name).toString());
  }
}
