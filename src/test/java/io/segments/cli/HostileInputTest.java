package io.segments.cli;

import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Inputs a hostile or careless user gives the job, through the command line: each must end in a
 * clear message and the right exit code, or in the right numbers; never in a trace or a wrong number.
 */
class HostileInputTest extends CommandLineTest {
  private static final String LINES = "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount DECIMAL(18,2)";
  private static final Timestamp DAY = Timestamp.valueOf("2025-06-01 10:00:00");

  @Override
  String confText() {
    return "job.time-zone = UTC\nspark.shuffle-partitions = 2\nclustering.k = 2\n";
  }

  private int run(Path transactions, String... more) {
    String[] args = {"run", "--as-of", "2026-01-01", "--conf", conf.toString(), "--transactions",
        transactions.toString(), "--warehouse", dir.resolve("warehouse").toString()};
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more))
        .toArray(String[]::new);
    return segment(all);
  }

  private Path twoLines(SparkSession spark, String name) {
    Path folder = dir.resolve(name);
    of(spark, LINES, row("o1", "a", DAY, new BigDecimal("10.00")), row("o2", "b", DAY, new BigDecimal("20.00")))
        .write().parquet(folder.toString());
    return folder;
  }

  @Test
  void aFileThatIsNotParquetInTheInputFolderIsNamed(SparkSession spark) throws IOException {
    Path folder = twoLines(spark, "with-readme");
    Files.writeString(folder.resolve("README.txt"), "These are the lines of June.\n");

    assertEquals(2, run(folder));
    assertTrue(err.toString().contains("README.txt is not a Parquet file"), err.toString());
    assertFalse(err.toString().contains("corrupt or truncated"), err.toString());
    assertFalse(Files.exists(dir.resolve("warehouse")), "nothing written");
  }

  @Test
  void twoFilesWithDifferentTypesForOneColumnNameTheColumnAndTheTypes(SparkSession spark) {
    Path folder = dir.resolve("mixed-types");
    of(spark, LINES, row("o1", "a", DAY, new BigDecimal("10.00"))).write().parquet(folder.resolve("a").toString());
    of(spark, "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount STRING", row("o2", "b", DAY, "20.00"))
        .write().parquet(folder.resolve("b").toString());

    assertEquals(2, run(folder.resolve("*")));
    assertTrue(err.toString().contains("column amount"), err.toString());
    assertTrue(err.toString().contains("decimal(18,2)") && err.toString().toLowerCase().contains("binary"),
        err.toString());
    assertFalse(err.toString().contains("corrupt or truncated"), err.toString());
  }

  @Test
  void inputColumnsNamedLikeTheJobsOwnAreTheUsersData(SparkSession spark) {
    Path folder = dir.resolve("own-names");
    of(spark, LINES + ", source_file STRING, _metadata STRING",
        row("o1", "a", DAY, new BigDecimal("10.00"), "erp-export-7", "m1"),
        row("o2", "", DAY, new BigDecimal("20.00"), "erp-export-7", "m2"))
        .write().parquet(folder.toString());

    assertEquals(0, run(folder), err.toString());
    Row rejected = spark.read().format("delta").load(dir.resolve("warehouse/segments/rejected_transactions").toString())
        .first();
    assertTrue(rejected.<String>getAs("source_file").endsWith(".parquet"), rejected.toString());
    Map<String, String> others = rejected.getJavaMap(rejected.fieldIndex("other_columns"));
    assertEquals(Map.of("source_file", "erp-export-7", "_metadata", "m2"), others);
  }

  @Test
  void personalColumnsNeverReachTheRejectedLinesWhateverTheirCase(SparkSession spark) throws IOException {
    Path folder = dir.resolve("personal");
    of(spark, LINES + ", Phone STRING, EMAIL STRING, mobile STRING, note STRING",
        row("o1", "a", DAY, new BigDecimal("10.00"), "13812345678", "alice@example.com", "13900000000", "ok"),
        row("o2", "", DAY, new BigDecimal("20.00"), "13812345678", "alice@example.com", "13900000000", "bad"))
        .write().parquet(folder.toString());
    Files.writeString(conf, "input.customer-columns.phone = mobile\n", java.nio.file.StandardOpenOption.APPEND);

    assertEquals(0, run(folder), err.toString());
    List<String> rejected = spark.read().format("delta")
        .load(dir.resolve("warehouse/segments/rejected_transactions").toString()).toJSON().collectAsList();
    assertEquals(1, rejected.size());
    for (String personal : List.of("13812345678", "alice@example.com", "13900000000")) {
      assertFalse(rejected.get(0).contains(personal), rejected.get(0));
    }
    assertTrue(rejected.get(0).contains("\"note\":\"bad\""), rejected.get(0));
  }

  @Test
  void aWarehouseThatIsAFileIsFoundBeforeAnyWork(SparkSession spark) throws IOException {
    Path folder = twoLines(spark, "lines-for-file-warehouse");
    Path file = dir.resolve("warehouse-file");
    Files.writeString(file, "not a folder");

    int exit = segment("run", "--as-of",
        "2026-01-01", "--conf", conf.toString(), "--transactions", folder.toString(), "--warehouse", file.toString());

    assertEquals(2, exit);
    assertTrue(err.toString().contains("output.warehouse " + file + " is a file, not a folder"), err.toString());
  }

  @Test
  void profileIdsOfAFloatingPointTypeAreRefusedAndBlankOnesCounted(SparkSession spark) {
    Path lines = twoLines(spark, "lines-for-profiles");
    Path doubles = dir.resolve("profiles-double");
    of(spark, "customer_id DOUBLE, customer_type STRING", row(1.0, "individual")).write().parquet(doubles.toString());

    assertEquals(2, run(lines, "--customers", doubles.toString()));
    assertTrue(err.toString().contains("customers " + doubles + ": column 'customer_id' has type double"),
        err.toString());

    Path blanks = dir.resolve("profiles-blank");
    of(spark, "customer_id STRING, customer_type STRING", row("a", "individual"), row("  ", "enterprise"),
        row(null, "enterprise"), row("prospect", "enterprise")).write().parquet(blanks.toString());
    assertEquals(0, run(lines, "--customers", blanks.toString()), err.toString());
    assertTrue(out.toString().contains("customers table: 2 rows left out for a blank customer_id"), out.toString());
    Row runRow = spark.read().format("delta").load(dir.resolve("warehouse/segments/job_runs").toString()).first();
    assertEquals(2L, runRow.<Long>getAs("blank_profile_ids"));
    assertEquals(List.of("a", "b", "prospect"), spark.read().format("delta")
        .load(dir.resolve("warehouse/segments/customer_segments").toString())
        .orderBy("customer_id").select("customer_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
  }

  /** The files of a Delta table also hold the rows it has removed: read as Parquet, 10 lines were 20. */
  @Test
  void aDeltaTableIsReadThroughItsLog(SparkSession spark) {
    Path table = dir.resolve("delta-lines");
    List<Row> first = new java.util.ArrayList<>();
    List<Row> live = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      first.add(row("old" + i, "a", DAY, new BigDecimal("100.00")));
      live.add(row("o" + i, "a", DAY, new BigDecimal("10.00")));
    }
    of(spark, LINES, first).write().format("delta").save(table.toString());
    of(spark, LINES, live).write().format("delta").mode("overwrite").save(table.toString());

    assertEquals(0, run(table), err.toString());
    assertTrue(out.toString().contains("lines: 10 input"), out.toString());
    Row a = spark.read().format("delta").load(dir.resolve("warehouse/segments/customer_segments").toString()).first();
    assertEquals(new BigDecimal("100.00"), a.getAs("monetary"));
  }

  @Test
  void csvWithAHeaderAndACatalogTableAreInputsToo(SparkSession spark) throws IOException {
    Path csv = dir.resolve("lines.csv");
    Files.writeString(csv, "order_id,customer_id,order_ts,amount\no1,a,2025-06-01 10:00:00,10.50\n"
        + "o2,b,2025-06-02 11:00:00,ten\no3,b,2025-06-03 12:00:00,20.00\n");

    assertEquals(0, run(csv, "--format", "csv"), err.toString());
    assertTrue(out.toString().contains("3 input = 2 accepted + 1 rejected"), out.toString());

    of(spark, LINES, row("o1", "a", DAY, new BigDecimal("10.00"))).write().saveAsTable("hostile_catalog_lines");
    try {
      assertEquals(0, segment("run", "--as-of",
          "2026-01-01", "--conf", conf.toString(), "--format", "table", "--transactions", "hostile_catalog_lines",
          "--warehouse", dir.resolve("warehouse-table").toString()), err.toString());
      assertTrue(out.toString().contains("1 input = 1 accepted"), out.toString());
      assertEquals(2, run(Path.of("no_such_table"), "--format", "table"));
      assertTrue(err.toString().contains("transactions input no_such_table not found in the catalog"), err.toString());
    } finally {
      spark.sql("DROP TABLE IF EXISTS hostile_catalog_lines");
    }
  }

  @Test
  void aBareYearIsNoTimestamp(SparkSession spark) {
    Path folder = dir.resolve("text-times");
    of(spark, "order_id STRING, customer_id STRING, order_ts STRING, amount DECIMAL(18,2)",
        row("o1", "a", "2025", new BigDecimal("10.00")),
        row("o2", "b", "2025-06", new BigDecimal("10.00")),
        row("o3", "c", "2025-06-01", new BigDecimal("10.00")),
        row("o4", "d", "2025-06-01 10:30:00", new BigDecimal("10.00")),
        row("o5", "e", "2025-06-01T10:30:00Z", new BigDecimal("10.00")))
        .write().parquet(folder.toString());

    assertEquals(0, run(folder), err.toString());
    Map<String, String> reasons = new java.util.TreeMap<>();
    spark.read().format("delta").load(dir.resolve("warehouse/segments/rejected_transactions").toString())
        .select(col("order_id"), col("reject_reason")).collectAsList()
        .forEach(r -> reasons.put(r.getString(0), r.getString(1)));
    assertEquals(Map.of("o1", "invalid_order_ts", "o2", "invalid_order_ts"), reasons);
  }
}
