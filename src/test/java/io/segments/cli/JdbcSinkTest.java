package io.segments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.support.PostgresServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database copy against a real PostgreSQL server started here: a run copies its snapshot, a
 * re-copy replaces the date, and a copy that fails in its last table leaves every table's old rows.
 */
class JdbcSinkTest extends CommandLineTest {
  private static PostgresServer server;

  @BeforeAll
  static void startPostgres() throws Exception {
    Optional<Path> bin = PostgresServer.installed();
    Assumptions.assumeTrue(bin.isPresent(),
        "PostgreSQL is not installed under /usr/lib/postgresql (.ci/run installs Debian's postgresql): sink not tested");
    server = PostgresServer.start(bin.get());
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  String confText() {
    return "job.time-zone = UTC\nspark.shuffle-partitions = 2\nclustering.k = 3\noutput.database = sunk\n"
        + "report.after-run = false\nsink.jdbc { url = \"" + server.url() + "\", user = postgres, schema = bi }\n";
  }

  @Test
  void aRunCopiesItsSnapshotAndAFailedCopyLeavesTheOldRows(SparkSession spark) throws Exception {
    Path data = dir.resolve("data");
    Path warehouse = dir.resolve("warehouse");
    assertEquals(0, segment("generate", "--customers", "200", "--lines", "2000", "--out", data.toString()));
    assertEquals(0, segment("run", "--as-of", "2026-01-01", "--conf", conf.toString(),
        "--transactions", data.resolve("transactions").toString(), "--customers", data.resolve("customers").toString(),
        "--warehouse", warehouse.toString()), err.toString());
    assertTrue(out.toString().contains("database: snapshot 2026-01-01 copied to schema bi"), out.toString());

    Row delta = spark.read().format("delta").load(warehouse.resolve("sunk/customer_segments").toString())
        .selectExpr("count(*)", "sum(monetary)", "sum(size(tags))").first();
    try (Connection db = server.connect()) {
      assertEquals(delta.getLong(0), number(db, "SELECT count(*) FROM bi.customer_segments").longValue());
      assertEquals(0, delta.getDecimal(1).compareTo(number(db, "SELECT sum(monetary) FROM bi.customer_segments")));
      assertEquals(delta.getLong(2), number(db,
          "SELECT sum(json_array_length(tags::json)) FROM bi.customer_segments").longValue(), "arrays arrive as JSON");
      assertEquals(1, number(db, "SELECT count(*) FROM bi.job_runs").intValue());
      assertEquals(number(db, "SELECT sum(customers) FROM bi.segment_summary WHERE dimension = 'rfm_segment'"),
          number(db, "SELECT count(*) FROM bi.customer_segments"));

      execute(db, "UPDATE bi.customer_segments SET account_manager = 'copied before'");
      assertEquals(0, segment("sink", "--conf", conf.toString(), "--warehouse", warehouse.toString()), err.toString());
      assertEquals(delta.getLong(0), number(db, "SELECT count(*) FROM bi.customer_segments").longValue(), "replaced");
      assertEquals(0, number(db, "SELECT count(*) FROM bi.customer_segments WHERE account_manager = 'copied before'")
          .intValue(), "no row of the earlier copy is left");

      execute(db, "UPDATE bi.customer_segments SET account_manager = 'copied before'");
      execute(db, "ALTER TABLE bi.job_runs ADD CONSTRAINT refuse_rows CHECK (false) NOT VALID");
      int exit = -1;
      try {
        exit = segment("sink", "--as-of", "2026-01-01", "--conf", conf.toString(), "--warehouse", warehouse.toString());
      } catch (IllegalStateException e) {
        assertTrue(e.getMessage().contains("the database keeps its previous rows of 2026-01-01"), e.getMessage());
      }
      assertTrue(exit != 0, "a failed copy does not succeed");
      assertEquals(delta.getLong(0), number(db,
          "SELECT count(*) FROM bi.customer_segments WHERE account_manager = 'copied before'").longValue(),
          "customer_segments, copied before job_runs failed, is rolled back to its old rows");
      assertEquals(0, number(db, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%staging%'")
          .intValue(), "the staging tables are dropped");
    }
  }

  private static BigDecimal number(Connection db, String query) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getBigDecimal(1);
    }
  }

  private static void execute(Connection db, String statement) throws SQLException {
    try (Statement run = db.createStatement()) {
      run.execute(statement);
    }
  }

}
