package io.segments.job;

import static io.segments.support.CustomerFrames.prospect;
import static io.segments.support.CustomerFrames.purchaser;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.InvalidInputException;
import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.features.CustomerFeatures;
import io.segments.input.LineValidator;
import io.segments.input.TransactionSchema;
import io.segments.output.SegmentTables;
import io.segments.output.TableSpec;
import io.segments.pipeline.CustomerPipeline;
import io.segments.pipeline.CustomerStage;
import io.segments.pipeline.FittedStage;
import io.segments.pipeline.StageTimer;
import io.segments.support.CustomerFrames;
import io.segments.support.Frames;
import io.segments.support.SparkTest;
import io.segments.support.TestConfigs;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The nightly customer path: what its stages declare, and that each adds exactly that. */
@SparkTest
class SegmentPipelineTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");
  private static final JobConfig DEFAULTS = ConfigLoader.load(Optional.empty(), Map.of());

  private static CustomerPipeline pipeline(JobConfig config) {
    return SegmentPipeline.of(config, AS_OF, 2);
  }

  @Test
  void theStagesDeclareExactlyTheColumnsOfCustomerSegments() {
    List<String> declared = new ArrayList<>(pipeline(DEFAULTS).check());
    declared.add(TableSpec.SNAPSHOT_DATE);
    declared.removeAll(SegmentTables.WORKING_COLUMNS);

    assertEquals(declared.size(), new HashSet<>(declared).size(), "a column declared twice: " + declared);
    assertEquals(new HashSet<>(SegmentTables.CUSTOMER_SEGMENTS.columnNames()), new HashSet<>(declared));
  }

  @Test
  void eachStageAddsExactlyWhatItDeclares(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rows.add(purchaser("c" + i, AS_OF, 10 + 30 * i, 1 + i % 4, (100 * (i + 1)) + ".00"));
    }
    rows.add(prospect("p0"));
    Dataset<Row> customers = CustomerFrames.features(spark, rows);
    assertEquals(CustomerFeatures.COLUMNS, Arrays.asList(customers.columns()), "the fixture has the feature columns");

    List<FittedStage> earlier = new ArrayList<>();
    for (CustomerStage stage : pipeline(DEFAULTS).stages()) {
      FittedStage fitted = stage.fit(customers, List.copyOf(earlier));
      earlier.add(fitted);
      Dataset<Row> transformed = fitted.transform(customers);
      List<String> added = new ArrayList<>(Arrays.asList(transformed.columns()));
      added.removeAll(Arrays.asList(customers.columns()));

      assertEquals(new HashSet<>(stage.adds()), new HashSet<>(added), stage.name());
      assertEquals(customers.columns().length + stage.adds().size(), transformed.columns().length, stage.name());
      assertEquals(13, transformed.count(), stage.name() + " keeps one row per customer");
      customers = transformed;
    }
  }

  @Test
  void theFeaturesHaveTheDeclaredColumns(SparkSession spark) {
    Dataset<Row> lines = Frames.of(spark, "customer_id STRING, order_id STRING, order_ts TIMESTAMP, amount DECIMAL(18,2)",
        Frames.row("a", "o1", Timestamp.valueOf("2025-12-01 10:00:00"), new BigDecimal("10.00")));
    Dataset<Row> validated = new LineValidator(DEFAULTS.validation(), false)
        .validate(TransactionSchema.conform(lines, DEFAULTS.input(), "t"), AS_OF);

    Dataset<Row> features = CustomerFeatures.compute(LineValidator.accepted(validated),
        Optional.empty(), Optional.empty(), AS_OF, 0, DEFAULTS.classification());

    assertEquals(CustomerFeatures.COLUMNS, Arrays.asList(features.columns()));
  }

  @Test
  void aRuleThatNamesAColumnItCannotSeeFailsBeforeAnythingIsRead() {
    String tier = "rule-tiers.importance = [ { key = important, when = \"%s\" } ]";
    String unknown = failure(tier.formatted("monetray > 100"));
    assertTrue(unknown.contains("rule-tiers.importance[0]") && unknown.contains("unknown column 'monetray'"), unknown);
    String ownTier = failure(tier.formatted("importance = 'important'"));
    assertTrue(ownTier.contains("unknown column 'importance'"), ownTier);

    String tag = "tags = [ { key = %s, dimension = value, when = \"%s\", label { zh-CN = a, zh-TW = b, en = c } } ]";
    String tagUnknown = failure(tag.formatted("rich", "tags IS NOT NULL"));
    assertTrue(tagUnknown.contains("tags[0]") && tagUnknown.contains("unknown column 'tags'"), tagUnknown);
    // A tag sees the tiers before it, in any case.
    pipeline(TestConfigs.load(tag.formatted("rich", "IMPORTANCE = 'important' AND Monetary > 0"))).check();
  }

  private static String failure(String conf) {
    JobConfig config = TestConfigs.load(conf);
    return assertThrows(InvalidInputException.class, () -> pipeline(config).check()).getMessage();
  }

  @Test
  void aStageThatReadsWhatNoEarlierStageAddsIsABug() {
    CustomerStage needsTags = new CustomerStage() {
      @Override
      public String name() {
        return "needs_tags";
      }

      @Override
      public List<String> reads() {
        return List.of("tags");
      }

      @Override
      public List<String> adds() {
        return List.of("x");
      }

      @Override
      public FittedStage fit(Dataset<Row> customers) {
        return rows -> rows;
      }
    };
    List<CustomerStage> stages = new ArrayList<>(List.of(needsTags));
    stages.addAll(pipeline(DEFAULTS).stages());
    String message = assertThrows(IllegalStateException.class,
        () -> new CustomerPipeline(CustomerFeatures.COLUMNS, stages).check()).getMessage();
    assertTrue(message.contains("needs_tags reads [tags]"), message);
  }

  /**
   * A stage adding a column "name" and counting its transforms; it reads {@code reads} and, if
   * {@code readsRows}, the rows when it fits, where it records the columns it was given.
   */
  private static CustomerStage counting(String name, List<String> reads, boolean readsRows, int[] transforms,
      Map<String, List<String>> fittedOn) {
    return new CustomerStage() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> reads() {
        return reads;
      }

      @Override
      public List<String> adds() {
        return List.of(name);
      }

      @Override
      public boolean fitReadsRows() {
        return readsRows;
      }

      @Override
      public FittedStage fit(Dataset<Row> customers) {
        fittedOn.put(name, Arrays.asList(customers.columns()));
        return rows -> {
          transforms[0]++;
          return rows.withColumn(name, lit(1));
        };
      }
    };
  }

  @Test
  void fittingTransformsOnlyWhatALaterFitReads(SparkSession spark) {
    int[] first = {0};
    int[] learner = {0};
    int[] trailing = {0};
    int[] featureLearner = {0};
    Map<String, List<String>> fittedOn = new HashMap<>();
    List<String> features = List.of(TransactionSchema.CUSTOMER_ID);
    CustomerPipeline pipeline = new CustomerPipeline(features, List.of(
        counting("first", features, true, first, fittedOn),
        counting("learner", List.of("first"), true, learner, fittedOn),
        counting("trailing", List.of(), false, trailing, fittedOn),
        counting("feature_learner", features, true, featureLearner, fittedOn)));
    Dataset<Row> customers = spark.range(3).selectExpr("cast(id as string) AS customer_id");

    CustomerPipeline.Model model = pipeline.fit(customers, new StageTimer());
    assertEquals(List.of(1, 0, 0, 0), List.of(first[0], learner[0], trailing[0], featureLearner[0]),
        "the fit feeds the learner the first stage's columns and transforms nothing after it");
    assertEquals(List.of("customer_id", "first"), fittedOn.get("learner"));
    assertEquals(features, fittedOn.get("feature_learner"), "a stage reading only features fits on the features");

    assertEquals(List.of("customer_id", "first", "learner", "trailing", "feature_learner"),
        Arrays.asList(model.transform(customers).columns()));
    assertEquals(List.of(2, 1, 1, 1), List.of(first[0], learner[0], trailing[0], featureLearner[0]));
  }
}
