package io.segments.output;

import static io.segments.output.TableSpec.column;
import static io.segments.support.Frames.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.InvalidInputException;
import io.segments.config.OutputConfig;
import io.segments.support.Frames;
import io.segments.support.SparkTest;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class SnapshotReaderTest {
  private static final LocalDate JAN = LocalDate.parse("2026-01-01");
  private static final LocalDate FEB = LocalDate.parse("2026-02-01");
  private static final LocalDate MAR = LocalDate.parse("2026-03-01");
  private static final TableSpec COUNTS = TableSpec.of("counts", "a test table",
      column("snapshot_date", DataTypes.DateType, "snapshot"), column("n", DataTypes.IntegerType, "a number"));

  @TempDir Path dir;

  /** Three snapshots of counts; February's run died before its job_runs row, so February is not complete. */
  private OutputConfig warehouse(SparkSession spark) {
    OutputConfig output = new OutputConfig(dir.toString(), "segments");
    Frames.of(spark, "snapshot_date DATE, n INT",
            row(Date.valueOf(JAN), 1), row(Date.valueOf(JAN), 2), row(Date.valueOf(FEB), 3), row(Date.valueOf(MAR), 4))
        .write().format("delta").partitionBy("snapshot_date").save(output.tablePath("counts"));
    Frames.of(spark, "snapshot_date DATE, status STRING", row(Date.valueOf(JAN), "succeeded"),
            row(Date.valueOf(MAR), "succeeded"))
        .write().format("delta").save(output.tablePath("job_runs"));
    return output;
  }

  @Test
  void onlySnapshotsWithARunAreComplete(SparkSession spark) {
    SnapshotReader counts = new SnapshotReader(spark, warehouse(spark), COUNTS);

    assertEquals(List.of(JAN, MAR), counts.dates());
    assertEquals(MAR, counts.completeDate(Optional.empty()));
    assertEquals(4, counts.rowsOf(MAR).first().<Integer>getAs("n"));
    assertEquals(2, counts.at(JAN).orElseThrow().rows().count());
    assertEquals(Optional.empty(), counts.at(FEB));
    assertTrue(assertThrows(InvalidInputException.class, () -> counts.completeDate(Optional.of(FEB))).getMessage()
        .endsWith("complete snapshots: " + List.of(JAN, MAR)), "a date without a run is not a snapshot to read");
    assertEquals(JAN, counts.before(MAR).orElseThrow().date());
    assertEquals(JAN, counts.before(FEB).orElseThrow().date());
    assertFalse(counts.before(JAN).isPresent());
  }

  /** A run reads job_runs once and asks several tables; the tables' own partitions still count. */
  @Test
  void aReaderKnowingTheCompleteRunsAsksJobRunsNoMore(SparkSession spark) {
    OutputConfig output = warehouse(spark);
    Set<LocalDate> runs = SnapshotReader.completeRuns(spark, output);
    assertEquals(Set.of(JAN, MAR), runs);

    SnapshotReader counts = new SnapshotReader(spark, output, COUNTS).knowing(runs);
    spark.sql("DELETE FROM delta.`" + output.tablePath("job_runs") + "` WHERE snapshot_date = DATE'" + JAN + "'");
    assertEquals(List.of(JAN, MAR), counts.dates(), "as the run found them");
    assertEquals(List.of(MAR), new SnapshotReader(spark, output, COUNTS).dates(), "a new reader reads job_runs again");
    assertEquals(List.of(MAR), new SnapshotReader(spark, output, COUNTS).knowing(Set.of(MAR, LocalDate.parse("2026-04-01")))
        .dates(), "a date the table does not hold is no snapshot of it");
    assertEquals(Set.of(), SnapshotReader.completeRuns(spark, new OutputConfig(dir.resolve("none").toString(), "segments")));
  }

  @Test
  void aTableNotYetWrittenHasNoSnapshots(SparkSession spark) {
    SnapshotReader missing = new SnapshotReader(spark, new OutputConfig(dir.toString(), "segments"), COUNTS);

    assertFalse(missing.exists());
    assertTrue(missing.dates().isEmpty());
    assertThrows(InvalidInputException.class, () -> missing.completeDate(Optional.empty()));
  }
}
