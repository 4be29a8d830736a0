package io.segments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedulable definitions in jobs/ call the application as the launcher does, and stay in step. */
class JobDefinitionsTest {
  private static final String CONF = "/etc/customer-segments/nightly.conf";

  private static String read(String file) throws IOException {
    return Files.readString(Path.of("jobs", file));
  }

  @Test
  void cronAirflowAndKubernetesPassTheSameArguments() throws IOException {
    assertTrue(read("cron/customer-segments.cron").contains("jobs/segment run --as-of today --conf " + CONF));
    String dag = read("airflow/customer_segments_dag.py");
    assertTrue(dag.contains("application_args=[\"run\", \"--as-of\", \"{{ data_interval_end | ds }}\", \"--conf\", CONF]"));
    assertTrue(dag.contains("CONF = \"" + CONF + "\""));
    assertTrue(read("kubernetes/customer-segments.yaml")
        .contains("arguments: [\"run\", \"--as-of\", \"today\", \"--conf\", \"" + CONF + "\"]"));
    for (String file : List.of("airflow/customer_segments_dag.py", "kubernetes/customer-segments.yaml", "submit")) {
      assertTrue(read(file).contains("io.segments.cli.SegmentCli"), file);
    }
  }

  @Test
  void asOfAcceptsADateOrTodayAndNothingElse() {
    StringWriter err = new StringWriter();
    int exit = SegmentCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
        "run", "--as-of", "tomorrow");
    assertEquals(2, exit);
    assertTrue(err.toString().contains("expected YYYY-MM-DD or today, got tomorrow"), err.toString());
  }
}
