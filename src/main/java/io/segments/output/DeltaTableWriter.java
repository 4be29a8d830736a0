package io.segments.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.segments.InvalidInputException;
import io.segments.config.OutputConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write edge. Each write is one Delta commit, so a reader sees a table before or after it, never
 * in between; a snapshot is replaced by an overwrite limited to its snapshot_date partition
 * (replaceWhere), which leaves the other snapshots alone. Tables are registered in the catalog
 * database as external tables on their warehouse path.
 */
public final class DeltaTableWriter {
  /** Derived snapshot tables committed side by side. */
  static final int PARALLEL_COMMITS = 4;
  private static final long MIN_ROWS_PER_TASK = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(DeltaTableWriter.class);
  private final SparkSession spark;
  private final OutputConfig output;

  public DeltaTableWriter(SparkSession spark, OutputConfig output) {
    this.spark = spark;
    this.output = output;
  }

  /**
   * Checks before any work that the warehouse can take the tables: a folder or nothing yet, and on a
   * local disk a place this user may write. Otherwise the run would fail only at its first commit.
   *
   * @throws InvalidInputException naming output.warehouse
   */
  public void checkWarehouse() {
    try {
      Path path = new Path(output.tablePath(""));
      FileSystem files = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      while (!files.exists(path) && path.getParent() != null) {
        path = path.getParent();
      }
      if (files.exists(path) && !files.getFileStatus(path).isDirectory()) {
        throw new InvalidInputException("output.warehouse " + output.warehouse() + " is a file, not a folder"
            + (path.toString().equals(output.warehouse()) ? "" : " (" + path + " is a file)"));
      }
      boolean local = "file".equals(files.getScheme());
      if (local && !Files.isWritable(java.nio.file.Path.of(Path.getPathWithoutSchemeAndAuthority(path).toString()))) {
        throw new InvalidInputException("output.warehouse " + output.warehouse() + " is not writable (" + path + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A snapshot whose first table is {@code primary} and whose other tables are computed from the
   * primary's rows by {@code derived}. Adds snapshot_date to every table's rows and conforms them to
   * their specs; the derived tables are checked against the primary's conformed columns. Only plans
   * are analysed, so a frame that does not fit its table fails here, before anything is written.
   *
   * @throws IllegalStateException when a frame lacks a column or has another type
   */
  public PreparedSnapshot prepare(LocalDate snapshot, SnapshotTable primary,
      Function<Dataset<Row>, List<SnapshotTable>> derived) {
    SnapshotTable conformedPrimary = conformed(snapshot, List.of(primary)).get(0);
    // Checked against no rows of the primary's columns: analysing the derived plans on top of the
    // primary's own plan (every stage of the pipeline) took a second per run and checks nothing more.
    Dataset<Row> primaryColumns = conformedPrimary.rows().drop(TableSpec.SNAPSHOT_DATE);
    conformed(snapshot, derived.apply(spark.createDataFrame(List.of(), primaryColumns.schema())));
    return new PreparedSnapshot(snapshot, conformedPrimary, derived);
  }

  private static List<SnapshotTable> conformed(LocalDate snapshot, List<SnapshotTable> tables) {
    return tables.stream()
        .map(table -> new SnapshotTable(table.spec(),
            table.spec().conform(table.rows().withColumn(TableSpec.SNAPSHOT_DATE, lit(snapshot))),
            table.expectedRows()))
        .toList();
  }

  /**
   * A snapshot's tables, conformed and ready to replace their snapshot one commit each. The primary
   * table is committed first and the others are computed from its committed rows: its columns are
   * read back from Parquet, which costs less than caching every column of the primary's frame for the
   * derived tables to read (at 10M lines building that cache took half a minute).
   */
  public final class PreparedSnapshot {
    private final LocalDate snapshot;
    private final SnapshotTable primary;
    private final Function<Dataset<Row>, List<SnapshotTable>> derived;

    private PreparedSnapshot(LocalDate snapshot, SnapshotTable primary,
        Function<Dataset<Row>, List<SnapshotTable>> derived) {
      this.snapshot = snapshot;
      this.primary = primary;
      this.derived = derived;
    }

    /**
     * Atomically replaces the snapshot's rows of each table: the primary first, then the derived ones
     * {@value #PARALLEL_COMMITS} at a time, since most of a small table's commit is the driver reading
     * and writing the Delta log. Each table is registered in the catalog right after its commit (a new
     * table's comment is a Delta commit of its own), the primary's beside the derived commits. When a
     * commit fails the others still finish and the first failure is thrown: the run then writes no
     * job_runs row, so the snapshot does not count as complete.
     */
    public void commit() {
      boolean created = replaceSnapshot(primary, snapshot);
      List<SnapshotTable> tables = conformed(snapshot, derived.apply(committed(primary.spec()).drop(TableSpec.SNAPSHOT_DATE)));
      // Threads made here inherit the caller's Spark job description (the stage name).
      ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_COMMITS);
      try {
        List<Future<?>> commits = new ArrayList<>(List.of(pool.submit(() -> register(primary.spec(), created))));
        tables.forEach(table -> commits.add(pool.submit(() -> register(table.spec(), replaceSnapshot(table, snapshot)))));
        RuntimeException failure = null;
        for (Future<?> commit : commits) {
          try {
            commit.get();
          } catch (ExecutionException e) {
            failure = failure != null ? failure
                : e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing snapshot " + snapshot, e);
          }
        }
        if (failure != null) {
          throw failure;
        }
      } finally {
        pool.shutdown();
      }
    }

    /** The rows of one of the tables as committed: what figures computed after the commit read. */
    public Dataset<Row> committed(TableSpec spec) {
      return spark.read().format("delta").load(path(spec))
          .where(col(TableSpec.SNAPSHOT_DATE).equalTo(lit(snapshot)));
    }
  }

  /** Replaces one table's snapshot; true when this created the table. */
  private boolean replaceSnapshot(SnapshotTable table, LocalDate snapshot) {
    long started = System.nanoTime();
    boolean created = !exists(table.spec());
    committing(table.spec(), () -> table.rows().coalesce(files(table.expectedRows(), spark.sparkContext().defaultParallelism())).write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", TableSpec.SNAPSHOT_DATE + " = DATE'" + snapshot + "'")
        .option("mergeSchema", "true")
        .partitionBy(TableSpec.SNAPSHOT_DATE)
        .save(path(table.spec())));
    LOG.info(String.format("committed %-22s %8.2f s", table.spec().name(), (System.nanoTime() - started) / 1e9));
    return created;
  }

  /** Appends {@code rows} to {@code table} in one commit. */
  public void append(Dataset<Row> rows, TableSpec table) {
    boolean created = !exists(table);
    committing(table, () -> table.conform(rows).coalesce(1).write()
        .format("delta").mode("append").option("mergeSchema", "true").save(path(table)));
    register(table, created);
  }

  /**
   * Runs one commit. Delta commits optimistically: when another run committed to the same table and
   * rows in between, this commit fails instead of mixing the two; the message says what that means.
   */
  private void committing(TableSpec table, Runnable commit) {
    try {
      commit.run();
    } catch (ConcurrentModificationException e) {
      throw new IllegalStateException("another run committed to " + table.name() + " while this one was writing ("
          + e.getClass().getSimpleName() + "); this run stopped without a job_runs row, so its snapshot does not "
          + "count as complete. Do not run the same date twice at once; re-run it if the other run failed too.", e);
    }
  }

  /**
   * Replaces the small JSON-lines export &lt;warehouse&gt;/&lt;database&gt;/exports/&lt;name&gt; (one file),
   * for tools that cannot read Delta.
   */
  public String exportJson(Dataset<Row> rows, String name) {
    String path = output.tablePath("exports") + "/" + name;
    rows.coalesce(1).write().mode("overwrite").json(path);
    return path;
  }

  /**
   * Files per snapshot: few and large is what readers want, one per 250,000 rows (at most 64). The
   * coalesce to that number also sets how many tasks compute the rows, the costliest stage of the run:
   * so once each gets {@value #MIN_ROWS_PER_TASK} rows there are at least as many as cores, and always
   * a whole number per core (5 tasks on 2 cores run in three waves, the last on one core).
   */
  static int files(long rows, int cores) {
    long forReaders = Math.min(rows / 250_000 + 1, 64);
    long tasks = Math.max(1, Math.min(cores, rows / MIN_ROWS_PER_TASK));
    return (int) ((forReaders + tasks - 1) / tasks * tasks);
  }

  public String path(TableSpec table) {
    return output.tablePath(table.name());
  }

  /** Whether the table has been written at its warehouse path. */
  public boolean exists(TableSpec table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  private void register(TableSpec table, boolean created) {
    new SegmentCatalog(spark, output).register(table);
    if (created) {
      // By path: the catalog may still map the name to another warehouse (a session that ran elsewhere).
      spark.sql("ALTER TABLE delta.`" + path(table).replace("`", "``")
          + "` SET TBLPROPERTIES ('comment' = '" + SegmentCatalog.sqlString(table.comment()) + "')");
    }
  }


}
