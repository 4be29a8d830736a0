package io.segments.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void aSettingChangedForOneStepIsTheSessionsOwnAgainAfterIt(SparkSession spark) {
    SparkSession run = Sessions.forRun(spark, DEFAULTS, 2);
    String twoLevelMap = "spark.sql.codegen.aggregate.map.twolevel.enabled";
    String own = run.conf().get(twoLevelMap);

    String during = Sessions.withSetting(run, twoLevelMap, "false", () -> run.conf().get(twoLevelMap));
    assertThrows(IllegalStateException.class, () -> Sessions.withSetting(run, "spark.sql.shuffle.partitions", "7", () -> {
      throw new IllegalStateException("the step failed");
    }));

    assertEquals("false", during);
    assertEquals("true", own);
    assertEquals(own, run.conf().get(twoLevelMap));
    assertEquals("2", run.conf().get("spark.sql.shuffle.partitions"), "a failed step gives the setting back too");
  }

  @Test
  void aSettingTheSessionDidNotHaveIsGoneAgainAfterTheStep(SparkSession spark) {
    SparkSession run = Sessions.forRun(spark, DEFAULTS, 2);
    // Spark reports its own default for a key it knows; a key it does not know has no value at all.
    String unknownToSpark = "spark.segments.test.during-one-step";

    String during = Sessions.withSetting(run, unknownToSpark, "on", () -> run.conf().get(unknownToSpark));

    assertEquals("on", during);
    assertTrue(run.conf().getOption(unknownToSpark).isEmpty(), "the step's value is not left behind");
  }
}
