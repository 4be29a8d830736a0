package io.segments.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import io.segments.InvalidInputException;
import io.segments.config.JdbcSinkConfig;
import io.segments.config.OutputConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * The sink action: copies one complete snapshot of the configured tables into a database. Spark's
 * JDBC writer loads each table into a staging table in parallel; then one transaction on the driver
 * deletes the snapshot date from every target table and inserts the staged rows. A failure anywhere
 * leaves the database as it was; the staging tables are dropped either way.
 */
public final class JdbcSink {
  private static final String DRIVER = "org.postgresql.Driver";

  private JdbcSink() {}

  /** Rows copied per table. */
  public record Result(LocalDate date, Map<String, Long> rows) {}

  /** Fails before anything is written when sink.jdbc.tables names a table the job does not write. */
  public static void check(JdbcSinkConfig sink) {
    List<String> known = SegmentTables.ALL.stream().map(TableSpec::name).toList();
    for (String table : sink.tables()) {
      if (!known.contains(table) || table.equals(SegmentTables.KMEANS_SWEEP.name())) {
        throw new InvalidInputException("bad sink.jdbc.tables: '" + table + "' is not a snapshot table; expected some of "
            + known.stream().filter(name -> !name.equals(SegmentTables.KMEANS_SWEEP.name())).toList());
      }
    }
  }

  /** Copies the complete snapshot {@code date} (the caller has checked it is complete). */
  public static Result copy(SparkSession spark, OutputConfig output, JdbcSinkConfig sink, LocalDate date) {
    check(sink);
    String suffix = "_staging_" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Long> rows = new LinkedHashMap<>();
    List<String> staged = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(sink.url(), sink.user(), sink.password())) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + sink.schema());
      }
      try {
        for (String table : sink.tables()) {
          Dataset<Row> snapshot = forDatabase(new SnapshotReader(spark, output, table(table)).rowsOf(date)).cache();
          staged.add(table);
          snapshot.write().format("jdbc").mode(SaveMode.Overwrite)
              .option("url", sink.url()).option("driver", DRIVER).option("user", sink.user())
              .option("password", sink.password()).option("dbtable", sink.schema() + "." + table + suffix)
              .save();
          rows.put(table, snapshot.count());
          snapshot.unpersist();
        }
        replace(connection, sink, suffix, date);
      } finally {
        drop(connection, sink, staged, suffix);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the JDBC sink " + sink.url() + " failed; the database keeps its previous rows of "
          + date + ": " + e.getMessage(), e);
    }
    return new Result(date, rows);
  }

  private static TableSpec table(String name) {
    return SegmentTables.ALL.stream().filter(spec -> spec.name().equals(name)).findFirst().orElseThrow();
  }

  /** Map and array columns as JSON text: every database reads text, and most query JSON. */
  private static Dataset<Row> forDatabase(Dataset<Row> rows) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      boolean nested = field.dataType() instanceof MapType || field.dataType() instanceof ArrayType;
      columns.add(nested ? to_json(col(field.name())).as(field.name()) : col(field.name()));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  private static void replace(Connection connection, JdbcSinkConfig sink, String suffix, LocalDate date)
      throws SQLException {
    connection.setAutoCommit(false);
    try {
      for (String table : sink.tables()) {
        String target = sink.schema() + "." + table;
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE TABLE IF NOT EXISTS " + target + " (LIKE " + target + suffix + ")");
        }
        try (PreparedStatement delete = connection.prepareStatement(
            "DELETE FROM " + target + " WHERE " + TableSpec.SNAPSHOT_DATE + " = ?")) {
          delete.setObject(1, date);
          delete.executeUpdate();
        }
        try (Statement statement = connection.createStatement()) {
          statement.executeUpdate("INSERT INTO " + target + " SELECT * FROM " + target + suffix);
        }
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static void drop(Connection connection, JdbcSinkConfig sink, List<String> staged, String suffix)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String table : staged) {
        statement.execute("DROP TABLE IF EXISTS " + sink.schema() + "." + table + suffix);
      }
    }
  }
}
