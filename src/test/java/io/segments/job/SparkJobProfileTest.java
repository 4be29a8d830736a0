package io.segments.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.support.SparkTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The profile groups Spark jobs by the stage that ran them and names the code that started them. */
@SparkTest
class SparkJobProfileTest {
  @Test
  void jobsAreCountedPerStageWithTheLineThatStartedThem(SparkSession spark) throws Exception {
    SparkContext context = spark.sparkContext();
    SparkJobProfile profile = SparkJobProfile.listen(context);
    try {
      JavaSparkContext java = new JavaSparkContext(context);
      context.setJobDescription("alpha");
      java.parallelize(List.of(1, 2, 3), 2).count();
      context.setJobDescription("beta");
      java.parallelize(List.of(1, 2, 3), 3).count();
      java.parallelize(List.of(4, 5), 1).collect();
    } finally {
      context.setJobDescription(null);
    }
    List<SparkJobProfile.Job> jobs = profile.stop(context);

    Map<String, Long> perStage = jobs.stream().collect(Collectors.groupingBy(SparkJobProfile.Job::stage,
        Collectors.counting()));
    assertEquals(1, perStage.get("alpha"), jobs.toString());
    assertEquals(2, perStage.get("beta"), jobs.toString());
    assertTrue(jobs.stream().allMatch(job -> job.callSite().startsWith("SparkJobProfileTest.java:")
        && job.tasks() > 0 && job.seconds() >= 0), jobs.toString());
    assertEquals(List.of(2, 3, 1), jobs.stream().map(SparkJobProfile.Job::tasks).toList(), "a task per partition");

    StringWriter printed = new StringWriter();
    SparkJobProfile.print(jobs, new PrintWriter(printed));
    assertTrue(printed.toString().lines().anyMatch(line -> line.matches("beta\\s+2\\s+4\\s+[\\d.]+\\s+SparkJobProfileTest.*")),
        printed.toString());
  }
}
