package io.segments.output;

import io.delta.tables.DeltaTable;
import io.segments.config.OutputConfig;
import java.time.LocalDate;
import java.util.ConcurrentModificationException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The write edge. Each write is one Delta commit, so a reader sees a table before or after it, never
 * in between; a snapshot is replaced by an overwrite limited to its snapshot_date partition
 * (replaceWhere), which leaves the other snapshots alone. Tables are registered in the catalog
 * database as external tables on their warehouse path.
 */
public final class DeltaTableWriter {
  private final SparkSession spark;
  private final OutputConfig output;

  public DeltaTableWriter(SparkSession spark, OutputConfig output) {
    this.spark = spark;
    this.output = output;
  }

  /**
   * Atomically replaces the rows of {@code snapshot} in {@code table} with {@code rows}.
   *
   * @param expectedRows about how many rows there are, to write files of a useful size
   */
  public void replaceSnapshot(Dataset<Row> rows, TableSpec table, LocalDate snapshot, long expectedRows) {
    boolean created = !exists(table);
    committing(table, () -> table.conform(rows).coalesce(files(expectedRows)).write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", TableSpec.SNAPSHOT_DATE + " = DATE'" + snapshot + "'")
        .option("mergeSchema", "true")
        .partitionBy(TableSpec.SNAPSHOT_DATE)
        .save(path(table)));
    register(table, created);
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

  /** Files per snapshot: few and large is what readers want; one per 250,000 rows, at most 64. */
  static int files(long rows) {
    return (int) Math.max(1, Math.min(rows / 250_000 + 1, 64));
  }

  public String path(TableSpec table) {
    return output.tablePath(table.name());
  }

  public String qualifiedName(TableSpec table) {
    return output.database() + "." + table.name();
  }

  /** Whether the table has been written at its warehouse path. */
  public boolean exists(TableSpec table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  private void register(TableSpec table, boolean created) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + output.database()
        + " LOCATION '" + sqlString(output.tablePath("")) + "'");
    spark.sql("CREATE TABLE IF NOT EXISTS " + qualifiedName(table)
        + " USING DELTA LOCATION '" + sqlString(path(table)) + "'");
    if (created) {
      // By path: the catalog may still map the name to another warehouse (a session that ran elsewhere).
      spark.sql("ALTER TABLE delta.`" + path(table).replace("`", "``")
          + "` SET TBLPROPERTIES ('comment' = '" + sqlString(table.comment()) + "')");
    }
  }

  private static String sqlString(String value) {
    return value.replace("\\", "\\\\").replace("'", "\\'");
  }
}
