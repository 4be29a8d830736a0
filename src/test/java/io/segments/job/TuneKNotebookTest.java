package io.segments.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.generate.HistoryShape;
import io.segments.generate.SampleHistory;
import io.segments.support.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analysts' notebook, executed headless on what a nightly run and tune-k export. */
@SparkTest
class TuneKNotebookTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");

  @TempDir Path dir;

  @Test
  void theNotebookRunsTopToBottomOnTheExports(SparkSession spark) throws Exception {
    assumeTrue(notebookPackagesInstalled(), "skipped: " + PYTHON + " lacks nbconvert, ipykernel, pandas or "
        + "matplotlib (.ci/run installs them: apt-get install jupyter-nbconvert python3-ipykernel python3-pandas "
        + "python3-matplotlib)");
    SampleHistory history = new SampleHistory(new HistoryShape(400, 4000, 5, AS_OF, 3, 0.0, ZoneId.of("UTC")));
    history.transactions(spark).write().parquet(dir.resolve("transactions").toString());
    JobConfig config = ConfigLoader.load(Optional.empty(), Map.of(
        "input.transactions", dir.resolve("transactions").toString(),
        "output.warehouse", dir.resolve("warehouse").toString(),
        "output.database", "notebook",
        "job.time-zone", "UTC",
        "spark.shuffle-partitions", "2"));
    new NightlyJob(spark, config).run(AS_OF);
    KSweepJob.Outcome sweep = new KSweepJob(spark, config).run(2, 5, Optional.empty(), 1.0);

    ProcessBuilder nbconvert = new ProcessBuilder(PYTHON, "-m", "nbconvert", "--to", "notebook", "--execute",
        "notebooks/tune_k.ipynb", "--output-dir", dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("nbconvert.log").toFile());
    nbconvert.environment().put("SEGMENTS_EXPORTS", config.output().tablePath("exports"));
    Process process = nbconvert.start();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "nbconvert finished");
    assertEquals(0, process.exitValue(), Files.readString(dir.resolve("nbconvert.log")));

    String executed = Files.readString(dir.resolve("tune_k.ipynb"));
    assertEquals(2, executed.split("\"image/png\"", -1).length - 1, "the elbow and the profile plots");
    assertTrue(executed.contains("suggested k = " + sweep.suggestedK()), "the notebook reads the same sweep");
  }

  private static boolean notebookPackagesInstalled() throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return false;
    }
    Process check = new ProcessBuilder(PYTHON, "-c", "import nbconvert, ipykernel, pandas, matplotlib")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
  }
}
