package io.segments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.generate.HistoryShape;
import io.segments.generate.SampleHistory;
import io.segments.output.SegmentTables;
import io.segments.support.CatalogProbe;
import io.segments.support.SparkTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog outlives the run: the job runs in a JVM of its own with the default embedded Derby
 * metastore, then another Spark program, in another JVM, finds the tables and views by name.
 */
@SparkTest
class PersistentCatalogTest {
  @TempDir Path dir;

  @Test
  void anotherSparkProgramFindsTheTablesByNameAfterTheRun(SparkSession spark) throws Exception {
    LocalDate asOf = LocalDate.parse("2026-01-01");
    new SampleHistory(new HistoryShape(150, 1500, 11, asOf, 2, 0.0, ZoneId.of("UTC"))).transactions(spark)
        .write().parquet(dir.resolve("lines").toString());
    Path conf = dir.resolve("job.conf");
    Files.writeString(conf, "job.time-zone = UTC\nspark.shuffle-partitions = 2\nclustering.k = 3\nreport.after-run = false\n");
    Path warehouse = dir.resolve("warehouse");

    Child run = Child.start(dir, SegmentCli.class, "run", "--as-of", asOf.toString(), "--conf", conf.toString(),
        "--transactions", dir.resolve("lines").toString(), "--warehouse", warehouse.toString());
    assertEquals(0, run.finish(), run.printed());
    assertTrue(Files.isDirectory(warehouse.resolve("metastore_db")), "the metastore lives under the warehouse");
    // Any Spark program with Hive support leaves one (the probe below does); the job does not.
    try (var left = Files.list(dir.resolve("tmp"))) {
      assertEquals(List.of(), left.map(path -> path.getFileName().toString()).filter(name -> name.endsWith("_resources"))
          .toList(), "Hive's client leaves no folder per session in the temporary directory");
    }

    Child probe = Child.start(dir, CatalogProbe.class, warehouse.toString(),
        "SELECT count(*), max(snapshot_date) FROM segments.current_customer_segments",
        "SELECT count(*) FROM segments.customer_segments",
        "SHOW TABLES IN segments LIKE 'segment_trend'",
        "DESCRIBE TABLE segments.customer_segments rfm_segment",
        "DESCRIBE TABLE EXTENDED segments.customer_segments");
    assertEquals(0, probe.finish(), probe.printed());
    List<String> lines = Files.readAllLines(probe.out()).stream().filter(line -> !line.isBlank()).toList();
    assertTrue(lines.get(0).matches("\\d+\\|2026-01-01") && !lines.get(0).startsWith("0|"), lines.toString());
    assertEquals(lines.get(0).split("\\|")[0], lines.get(1), "one snapshot: the view is the whole table");
    assertTrue(lines.get(2).startsWith("segments|segment_trend|"), lines.toString());
    assertTrue(lines.contains("comment|" + SegmentTables.CUSTOMER_SEGMENTS.columns().stream()
        .filter(column -> column.name().equals("rfm_segment")).findFirst().orElseThrow().comment()), lines.toString());
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("Comment|客户分群明细 · One row per customer")),
        "the table comment, in Chinese and English: " + lines);
  }

  /** A JVM of its own on the test classpath, with Spark's flags; its output goes to files. */
  private record Child(Process process, Path out, Path err) {
    static Child start(Path dir, Class<?> main, String... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx1g", "-Duser.timezone=UTC", "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp"))));
      try (InputStream flags = CatalogProbe.class.getResourceAsStream("/io/segments/jvm-flags.txt")) {
        command.addAll(Arrays.asList(new String(flags.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+")));
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
      command.addAll(List.of(args));
      Path out = dir.resolve(main.getSimpleName() + ".out");
      Path err = dir.resolve(main.getSimpleName() + ".err");
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      return new Child(builder.start(), out, err);
    }

    int finish() throws InterruptedException {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(process.info().commandLine().orElse("a child JVM") + " did not finish in 5 minutes");
      }
      return process.exitValue();
    }

    String printed() throws IOException {
      return Files.readString(out) + Files.readString(err);
    }
  }
}
