package io.segments.cli;

import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The command line as a scheduler sees it: exit codes, messages, and what is (not) written. */
class SegmentCliTest extends CommandLineTest {
  @Override
  String confText() {
    return "job.time-zone = UTC\nspark.shuffle-partitions = 2\noutput.database = cli\n";
  }

  @Test
  void aMissingColumnExitsTwoNamingItAndWritesNothing(SparkSession spark) {
    Dataset<Row> noAmount = of(spark, "order_id STRING, customer_id STRING, order_ts TIMESTAMP", row("o", "c", null));
    noAmount.write().parquet(dir.resolve("lines").toString());
    Path warehouse = dir.resolve("warehouse");

    int exit = segment("run", "--as-of", "2026-01-01", "--conf", conf.toString(),
        "--transactions", dir.resolve("lines").toString(), "--warehouse", warehouse.toString());

    assertEquals(2, exit);
    assertTrue(err.toString().contains("missing required column 'amount'"), err.toString());
    assertTrue(err.toString().contains(dir.resolve("lines").toString()), err.toString());
    assertFalse(Files.exists(warehouse), "nothing written");
  }

  @Test
  void aRuleThatIsNotBooleanOnceAnalysedExitsTwoNamingItAndWritesNothing(SparkSession spark) throws IOException {
    of(spark, "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount DECIMAL(18,2)",
        row("o", "c", java.sql.Timestamp.valueOf("2025-06-01 10:00:00"), new java.math.BigDecimal("10.00")))
        .write().parquet(dir.resolve("one-line").toString());
    Files.writeString(conf, "job.time-zone = UTC\nclustering.k = 2\n"
        + "tags = [ { key = t, dimension = d, when = \"concat(city, 'x')\", label { zh-CN = a, zh-TW = b, en = c } } ]\n");
    Path warehouse = dir.resolve("warehouse-rule");

    int exit = segment("run", "--as-of", "2026-01-01", "--conf", conf.toString(),
        "--transactions", dir.resolve("one-line").toString(), "--warehouse", warehouse.toString());

    assertEquals(2, exit);
    assertTrue(err.toString().contains("bad rule tags[0] (t)") && err.toString().contains("not boolean"), err.toString());
    assertFalse(Files.exists(warehouse.resolve("segments").resolve("customer_segments")), "nothing written");
  }

  /** Reflection from a rule once ran System.exit(42) inside the job; now the conf is refused. */
  @Test
  void aRuleThatCallsReflectionExitsTwoAtLoadAndWritesNothing(SparkSession spark) throws IOException {
    of(spark, "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount DECIMAL(18,2)",
        row("o", "c", java.sql.Timestamp.valueOf("2025-06-01 10:00:00"), new java.math.BigDecimal("10.00")))
        .write().parquet(dir.resolve("one-line-reflect").toString());
    Files.writeString(conf, "job.time-zone = UTC\nclustering.k = 2\n"
        + "tags = [ { key = t, dimension = d, when = \"reflect('java.lang.System', 'exit', 42) IS NULL\", "
        + "label { zh-CN = a, zh-TW = b, en = c } } ]\n");
    Path warehouse = dir.resolve("warehouse-reflect");

    int exit = segment("run", "--as-of", "2026-01-01", "--conf", conf.toString(),
        "--transactions", dir.resolve("one-line-reflect").toString(), "--warehouse", warehouse.toString());

    assertEquals(2, exit);
    assertTrue(err.toString().contains("bad rule tags[0] (t)") && err.toString().contains("function 'reflect'"),
        err.toString());
    assertFalse(Files.exists(warehouse), "nothing written");
  }

  /** A run that fails a quality gate exits 3 and leaves the previous snapshot the current one. */
  @Test
  void aFailedQualityGateExitsThreeAndKeepsThePreviousSnapshot(SparkSession spark) throws IOException {
    java.sql.Timestamp day = java.sql.Timestamp.valueOf("2025-06-01 10:00:00");
    of(spark, "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount DECIMAL(18,2)",
        row("o1", "a", day, new java.math.BigDecimal("10.00")), row("o2", "b", day, new java.math.BigDecimal("20.00")),
        row("o3", "c", day, new java.math.BigDecimal("30.00")), row("o4", "d", day, new java.math.BigDecimal("40.00")))
        .write().parquet(dir.resolve("four-customers").toString());
    of(spark, "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount DECIMAL(18,2)",
        row("o1", "a", day, new java.math.BigDecimal("10.00"))).write().parquet(dir.resolve("one-customer").toString());
    Files.writeString(conf, "job.time-zone = UTC\nclustering.k = 2\n");
    String warehouse = dir.resolve("warehouse-gates").toString();
    String[] run = {"run", "--conf", conf.toString(), "--warehouse", warehouse, "--transactions"};
    assertEquals(0, segment(concat(run, dir.resolve("four-customers").toString(), "--as-of", "2026-01-01")),
        err.toString());

    Path lateStart = dir.resolve("late-start.conf");
    Files.writeString(lateStart, "job.time-zone = UTC\nclustering.k = 2\nvalidation.history-start = \"2025-07-01\"\n");
    int rejected = segment("run", "--conf", lateStart.toString(), "--warehouse", warehouse, "--transactions",
        dir.resolve("four-customers").toString(), "--as-of", "2026-02-01");
    assertEquals(3, rejected);
    assertTrue(err.toString().contains("most as before_history_start (4): look at validation.history-start"),
        err.toString());
    int fewer = segment(concat(run, dir.resolve("one-customer").toString(), "--as-of", "2026-03-01"));
    assertEquals(3, fewer);
    assertTrue(err.toString().contains("1 customers against 4 in the snapshot of 2026-01-01"), err.toString());

    io.segments.output.SnapshotReader segments = new io.segments.output.SnapshotReader(spark,
        new io.segments.config.OutputConfig(warehouse, "segments"), io.segments.output.SegmentTables.CUSTOMER_SEGMENTS);
    assertEquals(java.util.List.of(java.time.LocalDate.parse("2026-01-01")), segments.dates());
    assertEquals(4, segments.rowsOf(segments.completeDate(java.util.Optional.empty())).count());
    assertEquals(4, spark.read().format("delta").load(warehouse + "/segments/customer_segments").count(),
        "nothing of the failed runs was written");
  }

  @Test
  void aTruncatedParquetFileExitsTwoNamingItAndWritesNothing(SparkSession spark) throws IOException {
    Path lines = dir.resolve("truncated-lines");
    of(spark, "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount DECIMAL(18,2)",
        row("o", "c", java.sql.Timestamp.valueOf("2025-06-01 10:00:00"), new java.math.BigDecimal("10.00")))
        .coalesce(1).write().parquet(lines.toString());
    Path good = Files.list(lines).filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    byte[] bytes = Files.readAllBytes(good);
    Path broken = lines.resolve("part-99999-broken.parquet");
    Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path warehouse = dir.resolve("warehouse-truncated");

    int exit = segment("run", "--as-of", "2026-01-01", "--conf", conf.toString(),
        "--transactions", lines.toString(), "--warehouse", warehouse.toString());

    assertEquals(2, exit, err.toString());
    assertTrue(err.toString().contains("part-99999-broken.parquet"), err.toString());
    assertFalse(Files.exists(warehouse.resolve("segments").resolve("customer_segments")), "nothing written");
  }

  @Test
  void aMissingInputExitsTwoNamingThePath() {
    int exit = segment("run", "--as-of", "2026-01-01", "--conf", conf.toString(),
        "--transactions", dir.resolve("nowhere").toString(), "--warehouse", dir.resolve("w").toString());
    assertEquals(2, exit);
    assertTrue(err.toString().contains("transactions input " + dir.resolve("nowhere") + " not found"), err.toString());
    assertFalse(Files.exists(dir.resolve("w")));
  }

  @Test
  void anUnknownConfKeyExitsTwoNamingIt() throws IOException {
    Files.writeString(conf, "scoring.recncy.method = fixed\n");
    assertEquals(2, segment("run", "--as-of", "2026-01-01", "--conf", conf.toString()));
    assertTrue(err.toString().contains("unknown conf key 'scoring.recncy.method'"), err.toString());
  }

  @Test
  void badUsageExitsTwo() {
    assertEquals(2, segment("run"));
    assertTrue(err.toString().contains("--as-of"), err.toString());
    assertEquals(2, segment("run", "--as-of", "yesterday"));
  }

  @Test
  void generateIsDeterministicForASeed(SparkSession spark) {
    String[] common = {"generate", "--customers", "50", "--lines", "400"};
    assertEquals(0, segment(concat(common, "--out", dir.resolve("a").toString(), "--seed", "3")));
    assertEquals(0, segment(concat(common, "--out", dir.resolve("b").toString(), "--seed", "3")));
    assertEquals(0, segment(concat(common, "--out", dir.resolve("c").toString(), "--seed", "4")));

    Dataset<Row> a = spark.read().parquet(dir.resolve("a/transactions").toString());
    Dataset<Row> b = spark.read().parquet(dir.resolve("b/transactions").toString());
    Dataset<Row> c = spark.read().parquet(dir.resolve("c/transactions").toString());
    assertEquals(400, a.count());
    assertEquals(0, a.exceptAll(b).count() + b.exceptAll(a).count());
    assertTrue(a.exceptAll(c).count() > 300, "another seed, another history");
  }

  @Test
  void generateThenRunEndToEnd(SparkSession spark) throws IOException {
    Path data = dir.resolve("data");
    Path warehouse = dir.resolve("warehouse");
    assertEquals(0, segment("generate", "--customers", "200", "--lines", "2000", "--out", data.toString()));

    int exit = segment("run", "--as-of", "2026-01-01", "--conf", conf.toString(),
        "--transactions", data.resolve("transactions").toString(),
        "--customers", data.resolve("customers").toString(), "--warehouse", warehouse.toString());

    assertEquals(0, exit, err.toString());
    assertTrue(out.toString().contains("snapshot 2026-01-01 written"), out.toString());
    assertTrue(out.toString().contains("lines: 2,000 input"), out.toString());
    assertEquals(210, spark.read().format("delta").load(warehouse.resolve("cli/customer_segments").toString()).count());

    out.getBuffer().setLength(0);
    assertEquals(0, segment("sql", "SELECT count(*) AS customers, count(DISTINCT snapshot_date) AS dates "
        + "FROM cli.current_customer_segments", "--format", "csv", "--conf", conf.toString(),
        "--warehouse", warehouse.toString()), err.toString());
    assertEquals("customers,dates\n210,1\n", out.toString().replace("\r", ""));
    out.getBuffer().setLength(0);
    assertEquals(0, segment("sql", "SELECT rfm_segment, customers FROM cli.segment_trend ORDER BY customers DESC LIMIT 1",
        "--conf", conf.toString(), "--warehouse", warehouse.toString()), err.toString());
    assertTrue(out.toString().startsWith("rfm_segment | customers\n") && out.toString().endsWith("(1 row)\n"),
        out.toString());

    Path extracts = dir.resolve("extracts");
    assertEquals(0, segment("export", "--format", "csv", "--out", extracts.toString(), "--conf", conf.toString(),
        "--warehouse", warehouse.toString()), err.toString());
    List<String> csv = Files.readAllLines(extracts.resolve("customer_types_2026-01-01.csv"));
    assertTrue(csv.get(0).startsWith("\ufeff客户编号,客户类型,RFM分群,客户价值分类"), csv.get(0));
    assertEquals(211, csv.size(), "a header and a line per customer");
    assertFalse(String.join("\n", csv).matches("(?s).*\\b1\\d{10}\\b.*"), "no unmasked phone number");
    assertTrue(Files.readAllLines(extracts.resolve("segment_summary_2026-01-01.csv")).get(0).contains("客户占比"));
    assertEquals(0, segment("export", "--format", "xlsx", "--out", extracts.toString(), "--conf", conf.toString(),
        "--warehouse", warehouse.toString()), err.toString());
    try (java.util.zip.ZipFile workbook = new java.util.zip.ZipFile(extracts.resolve("customer_types_2026-01-01.xlsx").toFile())) {
      String sheet = new String(workbook.getInputStream(workbook.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      // fastexcel writes characters beyond ASCII as numeric entities.
      String names = java.util.regex.Pattern.compile("&#x([0-9a-f]+);").matcher(new String(workbook.getInputStream(
              workbook.getEntry("xl/workbook.xml")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .replaceAll(entity -> Character.toString(Integer.parseInt(entity.group(1), 16)));
      assertEquals(211, sheet.split("<row ", -1).length - 1, "a header row and a row per customer");
      assertTrue(sheet.contains("<pane") && sheet.contains("frozen"), "the header row is frozen");
      assertTrue(names.contains("客户类型") && names.contains("分群汇总"), names);
    }

    assertEquals(0, segment("tune-k", "--k-min", "2", "--k-max", "3", "--conf", conf.toString(),
        "--warehouse", warehouse.toString()), err.toString());
    assertTrue(out.toString().contains("suggested k = "), out.toString());
    assertEquals(2, segment("tune-k", "--k-min", "1", "--k-max", "3"));
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
