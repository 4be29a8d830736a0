package io.segments.config;

import com.typesafe.config.Config;
import java.util.List;

/**
 * The copy of each run's snapshot into a database that dashboards read (sink.jdbc).
 *
 * @param url JDBC URL, e.g. jdbc:postgresql://host:5432/bi; empty: no sink
 * @param user database user
 * @param passwordEnv the environment variable holding the password: the conf is recorded in job_runs,
 *     so the password never is
 * @param schema the database schema the tables go to
 * @param tables the segment tables copied, by name
 */
public record JdbcSinkConfig(String url, String user, String passwordEnv, String schema, List<String> tables) {

  public JdbcSinkConfig {
    tables = List.copyOf(tables);
  }

  static JdbcSinkConfig from(Config c) {
    String url = c.getString("sink.jdbc.url");
    if (!url.isEmpty() && !url.startsWith("jdbc:")) {
      throw ConfValues.bad("sink.jdbc.url", "a JDBC URL (jdbc:postgresql://host:port/database) or empty", url);
    }
    List<String> tables = c.getStringList("sink.jdbc.tables");
    if (!url.isEmpty() && tables.isEmpty()) {
      throw ConfValues.bad("sink.jdbc.tables", "at least one table", tables);
    }
    return new JdbcSinkConfig(url, c.getString("sink.jdbc.user"), c.getString("sink.jdbc.password-env"),
        ConfValues.identifier(c, "sink.jdbc.schema"), tables);
  }

  /** Whether runs copy their snapshot into the database. */
  public boolean enabled() {
    return !url.isEmpty();
  }

  /** The password from {@link #passwordEnv()}; empty when the variable is not set (trust or peer login). */
  public String password() {
    return passwordEnv.isEmpty() ? "" : System.getenv().getOrDefault(passwordEnv, "");
  }
}
