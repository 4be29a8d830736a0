package io.segments.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.support.SparkTest;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The settings a run's own session gets, and that the caller's session keeps its own. */
@SparkTest
class SessionsTest {
  private static final JobConfig DEFAULTS = ConfigLoader.load(Optional.empty(), Map.of());
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";

  @Test
  void adaptiveExecutionIsOffOnlyWhereTheShufflesFitTheCores(SparkSession spark) {
    String callers = spark.conf().get(ADAPTIVE);
    int cores = spark.sparkContext().defaultParallelism();

    SparkSession oneWave = Sessions.forRun(spark, DEFAULTS, cores);
    SparkSession moreWaves = Sessions.forRun(spark, DEFAULTS, cores + 1);

    assertEquals("false", oneWave.conf().get(ADAPTIVE));
    assertEquals(String.valueOf(cores), oneWave.conf().get("spark.sql.shuffle.partitions"));
    assertEquals("true", moreWaves.conf().get(ADAPTIVE));
    assertEquals(callers, spark.conf().get(ADAPTIVE), "the caller's session keeps its setting");
  }
}
