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
import org.junit.jupiter.api.io.TempDir;

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
      assertTrue(read(file).contains("-XX:-DontCompileHugeMethods"), file + " compiles huge generated methods");
    }
  }

  @Test
  void submitPassesTheLauncherArgumentsToSparkSubmit(@TempDir Path dir) throws Exception {
    Path sparkHome = Files.createDirectories(dir.resolve("spark/bin"));
    Path fake = sparkHome.resolve("spark-submit");
    Files.writeString(fake, "#!/bin/sh\necho \"$@\"\n");
    fake.toFile().setExecutable(true);
    Path jar = Files.createFile(dir.resolve("app.jar"));
    ProcessBuilder submit = new ProcessBuilder("bash", "jobs/submit", "--deploy-mode", "cluster", "--",
        "run", "--as-of", "today", "--conf", CONF).redirectErrorStream(true);
    submit.environment().put("SPARK_HOME", dir.resolve("spark").toString());
    submit.environment().put("SEGMENTS_JAR", jar.toString());
    submit.environment().put("SPARK_MASTER", "spark://127.0.0.1:7077");
    Process process = submit.start();
    String output = new String(process.getInputStream().readAllBytes()).trim();
    assertEquals(0, process.waitFor(), output);
    assertEquals("--master spark://127.0.0.1:7077 --class io.segments.cli.SegmentCli "
        + "--conf spark.driver.extraJavaOptions=-XX:-DontCompileHugeMethods "
        + "--conf spark.executor.extraJavaOptions=-XX:-DontCompileHugeMethods --deploy-mode cluster "
        + jar + " run --as-of today --conf " + CONF, output);
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
