package io.segments.output;

import io.delta.tables.DeltaTable;
import io.segments.config.OutputConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;

/**
 * The names BI tools and analysts query: every table as {@code <database>.<table>} on its warehouse
 * path, and the views dashboards want, each over the complete snapshots only (those with a succeeded
 * job_runs row): {@code current_customer_segments} and {@code current_segment_summary} (the newest
 * complete snapshot) and {@code segment_trend} (rfm_segment sizes and revenue across snapshots).
 */
public final class SegmentCatalog {
  public static final List<String> VIEWS = List.of("current_customer_segments", "current_segment_summary", "segment_trend");

  private final SparkSession spark;
  private final OutputConfig output;

  public SegmentCatalog(SparkSession spark, OutputConfig output) {
    this.spark = spark;
    this.output = output;
  }

  /** Opens the catalog (a Hive metastore connects and boots Derby here); safe beside other work of the session. */
  public void open() {
    spark.catalog().databaseExists(output.database());
  }

  /**
   * Registers one table on its path, once. Every run registers its tables, so the metastore is asked
   * first: a CREATE TABLE IF NOT EXISTS resolves the Delta table behind an existing name (about a
   * second per run over the eleven tables).
   */
  void register(TableSpec table) {
    String path = output.tablePath(table.name());
    if (registered(table.name(), entry -> path.equals(entry.location().toString())
        || "file".equals(entry.location().getScheme()) && path.equals(entry.location().getPath()))) {
      return;
    }
    spark.sql("CREATE DATABASE IF NOT EXISTS " + output.database() + " LOCATION '" + sqlString(output.tablePath("")) + "'");
    spark.sql("CREATE TABLE IF NOT EXISTS " + name(table.name()) + " USING DELTA LOCATION '" + sqlString(path) + "'");
  }

  /** Whether the metastore has the name already, as {@code wanted} says it should be. */
  private boolean registered(String table, Predicate<CatalogTable> wanted) {
    ExternalCatalog metastore = spark.sharedState().externalCatalog();
    return metastore.tableExists(output.database(), table) && wanted.test(metastore.getTable(output.database(), table));
  }

  /**
   * Registers every table the warehouse holds and, once a run has completed, the views.
   *
   * @return the names registered
   */
  public List<String> registerAll() {
    List<String> names = new ArrayList<>();
    for (TableSpec table : SegmentTables.ALL) {
      if (DeltaTable.isDeltaTable(spark, output.tablePath(table.name()))) {
        register(table);
        names.add(name(table.name()));
      }
    }
    if (names.contains(name(SegmentTables.JOB_RUNS.name()))) {
      names.addAll(registerViews());
    }
    return names;
  }

  /**
   * Creates or replaces the views; a run does so once its job_runs row is committed. They read the
   * tables by path, so a name that still maps to another warehouse (one session writing to several,
   * as tests do) cannot point them elsewhere.
   *
   * @return the names of the views
   */
  public List<String> registerViews() {
    List<String> names = new ArrayList<>();
    String complete = "SELECT snapshot_date FROM " + byPath(SegmentTables.JOB_RUNS) + " WHERE status = 'succeeded'";
    String newest = "(SELECT max(snapshot_date) FROM (" + complete + "))";
    view("current_customer_segments", "SELECT * FROM " + byPath(SegmentTables.CUSTOMER_SEGMENTS)
        + " WHERE snapshot_date = " + newest, names);
    view("current_segment_summary", "SELECT * FROM " + byPath(SegmentTables.SEGMENT_SUMMARY)
        + " WHERE snapshot_date = " + newest, names);
    view("segment_trend", "SELECT snapshot_date, segment AS rfm_segment, segment_label, customers, customer_share, "
        + "revenue, revenue_share FROM " + byPath(SegmentTables.SEGMENT_SUMMARY)
        + " WHERE dimension = 'rfm_segment' AND snapshot_date IN (" + complete + ")", names);
    return names;
  }

  private String byPath(TableSpec table) {
    return "delta.`" + output.tablePath(table.name()).replace("`", "``") + "`";
  }

  /** Creates or replaces a view unless the metastore has it with this query (the warehouse path is in it). */
  private void view(String view, String query, List<String> names) {
    if (!registered(view, entry -> entry.viewText().contains(query))) {
      spark.sql("CREATE OR REPLACE VIEW " + name(view) + " AS " + query);
    }
    names.add(name(view));
  }

  private String name(String table) {
    return output.database() + "." + table;
  }

  static String sqlString(String value) {
    return value.replace("\\", "\\\\").replace("'", "\\'");
  }
}
