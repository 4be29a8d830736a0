package io.segments.output;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.segments.InvalidInputException;
import io.segments.config.OutputConfig;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The read side of one segment table: its complete snapshots and their rows. A snapshot is complete
 * when job_runs has a succeeded run for its date; rows a killed run committed before dying are not
 * one. Only the snapshot dates reach the driver.
 */
public final class SnapshotReader {
  private static final String SUCCEEDED = "succeeded";
  private static final Pattern PARTITION = Pattern.compile(TableSpec.SNAPSHOT_DATE + "=(\\d{4}-\\d{2}-\\d{2})/");

  private final SparkSession spark;
  private final OutputConfig output;
  private final TableSpec table;
  private final Optional<Set<LocalDate>> completeRuns;

  public SnapshotReader(SparkSession spark, OutputConfig output, TableSpec table) {
    this(spark, output, table, Optional.empty());
  }

  private SnapshotReader(SparkSession spark, OutputConfig output, TableSpec table, Optional<Set<LocalDate>> completeRuns) {
    this.spark = spark;
    this.output = output;
    this.table = table;
    this.completeRuns = completeRuns.map(Set::copyOf);
  }

  /**
   * The dates with a succeeded run in job_runs; empty when there is no job_runs. A Spark job: a caller
   * that asks several tables about their snapshots reads it once and passes it to {@link #knowing}.
   */
  public static Set<LocalDate> completeRuns(SparkSession spark, OutputConfig output) {
    SnapshotReader runs = new SnapshotReader(spark, output, SegmentTables.JOB_RUNS);
    return runs.exists() ? datesOf(runs.read(SegmentTables.JOB_RUNS).where(col("status").equalTo(SUCCEEDED))) : Set.of();
  }

  /** This reader taking the complete runs as given instead of reading job_runs at each question. */
  public SnapshotReader knowing(Set<LocalDate> runs) {
    return new SnapshotReader(spark, output, table, Optional.of(runs));
  }

  /** One snapshot of the table. */
  public record Snapshot(LocalDate date, Dataset<Row> rows) {}

  /** Where the table is (or would be). */
  public String path() {
    return output.tablePath(table.name());
  }

  /** Whether the table has been written. */
  public boolean exists() {
    return exists(table);
  }

  /** The dates of the complete snapshots, oldest first; empty when the table does not exist. */
  public List<LocalDate> dates() {
    if (!exists(table)) {
      return List.of();
    }
    TreeSet<LocalDate> dates = new TreeSet<>(completeRuns.orElseGet(() -> completeRuns(spark, output)));
    if (!table.equals(SegmentTables.JOB_RUNS)) {
      dates.retainAll(partitionDates());
    }
    return List.copyOf(dates);
  }

  /** The complete snapshot of {@code date}, if there is one. */
  public Optional<Snapshot> at(LocalDate date) {
    return dates().contains(date) ? Optional.of(snapshot(date)) : Optional.empty();
  }

  /**
   * The date of the complete snapshot the user asked for: {@code date}, or without one the newest.
   *
   * @throws InvalidInputException naming the complete snapshots there are
   */
  public LocalDate completeDate(Optional<LocalDate> date) {
    List<LocalDate> dates = dates();
    Optional<LocalDate> chosen = date.isPresent()
        ? date.filter(dates::contains)
        : dates.stream().reduce((older, newer) -> newer);
    return chosen.orElseThrow(() -> new InvalidInputException("no complete snapshot "
        + date.map(asked -> "of " + asked + " ").orElse("") + "under " + path() + "; complete snapshots: " + dates));
  }

  /** The newest complete snapshot before {@code date}: what a review of {@code date} compares with. */
  public Optional<Snapshot> before(LocalDate date) {
    return dates().stream().filter(date::isAfter).reduce((older, newer) -> newer).map(this::snapshot);
  }

  /**
   * The rows of {@code date} without asking job_runs again: for a reader that has found the date
   * complete through another table of the same run (the report reads eight tables of one snapshot).
   */
  public Dataset<Row> rowsOf(LocalDate date) {
    return snapshot(date).rows();
  }

  private Snapshot snapshot(LocalDate date) {
    return new Snapshot(date, read(table).where(col(TableSpec.SNAPSHOT_DATE).equalTo(Date.valueOf(date))));
  }

  private Dataset<Row> read(TableSpec spec) {
    return spark.read().format("delta").load(output.tablePath(spec.name()));
  }

  private boolean exists(TableSpec spec) {
    return DeltaTable.isDeltaTable(spark, output.tablePath(spec.name()));
  }

  /**
   * The snapshot dates the table holds, from the paths of its current files (snapshot tables are
   * partitioned by snapshot_date): Delta's log lists them, so no file is read however many
   * snapshots the table has.
   */
  private TreeSet<LocalDate> partitionDates() {
    TreeSet<LocalDate> dates = new TreeSet<>();
    for (String file : read(table).inputFiles()) {
      Matcher partition = PARTITION.matcher(file);
      if (partition.find()) {
        dates.add(LocalDate.parse(partition.group(1)));
      }
    }
    return dates;
  }

  private static TreeSet<LocalDate> datesOf(Dataset<Row> rows) {
    TreeSet<LocalDate> dates = new TreeSet<>();
    rows.select(TableSpec.SNAPSHOT_DATE).distinct().collectAsList()
        .forEach(row -> dates.add(row.getDate(0).toLocalDate()));
    return dates;
  }
}
