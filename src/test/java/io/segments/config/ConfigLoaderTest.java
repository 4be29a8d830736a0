package io.segments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private JobConfig load(String conf) throws IOException {
    Path file = dir.resolve("job.conf");
    Files.writeString(file, conf);
    return ConfigLoader.load(Optional.of(file), Map.of());
  }

  private String failure(String conf) {
    return assertThrows(InvalidInputException.class, () -> load(conf)).getMessage();
  }

  @Test
  void defaultsDescribeARetailRun() {
    JobConfig config = ConfigLoader.load(Optional.empty(), Map.of());
    assertEquals("Asia/Shanghai", config.timeZone().getId());
    assertEquals("zh-CN", config.labels().locale());
    assertEquals("冠军客户", config.labels().of("rfm_segment").get("champions"));
    assertEquals(11, config.rfmSegments().size());
    assertEquals(0.2, config.tiers().highShare());
    assertTrue(config.scoring().recency().fixed().isEmpty());
    assertEquals(0, config.lookbackDays());
  }

  @Test
  void aFileAndCommandLineOverrideDefaultsInThatOrder() throws IOException {
    Path file = dir.resolve("job.conf");
    Files.writeString(file, "output.warehouse = from-file\ninput.transactions = t-file\njob.locale = en\n");
    JobConfig config = ConfigLoader.load(Optional.of(file), Map.of("output.warehouse", "from-flag"));
    assertEquals("from-flag", config.output().warehouse());
    assertEquals("t-file", config.input().transactions());
    assertEquals("Champions", config.labels().of("rfm_segment").get("champions"));
  }

  @Test
  void anUnknownKeyIsNamedWithTheClosestKnownKey() {
    String message = failure("scoring.recency.methd = fixed");
    assertTrue(message.contains("'scoring.recency.methd'"), message);
    assertTrue(message.contains("did you mean 'scoring.recency.method'"), message);
  }

  @Test
  void aValueOfTheWrongTypeNamesTheKey() {
    String message = failure("features.lookback-days = soon");
    assertTrue(message.contains("features.lookback-days"), message);
  }

  @Test
  void outOfRangeValuesNameTheKeyAndWhatWasExpected() {
    assertTrue(failure("tiers.high-share = 1.5").contains("'tiers.high-share': expected a share in (0, 1)"));
    assertTrue(failure("tiers.mid-share = 0.9").contains("'tiers.mid-share'"));
    assertTrue(failure("job.time-zone = Mars/Base").contains("'job.time-zone'"));
    assertTrue(failure("validation.history-start = yesterday").contains("'validation.history-start'"));
    assertTrue(failure("spark.shuffle-partitions = -1").contains("'spark.shuffle-partitions'"));
    assertTrue(failure("output.database = \"drop table\"").contains("'output.database'"));
    assertTrue(failure("rfm-class-cn.threshold = mode").contains("'rfm-class-cn.threshold'"));
    // Beyond decimal(18,2) the run would die of an overflow much later.
    String money = failure("validation.max-abs-amount = 1e20");
    assertTrue(money.contains("'validation.max-abs-amount'") && money.contains("decimal(18,2)"), money);
    assertTrue(failure("quality.max-rejected-share = 0").contains("'quality.max-rejected-share'"));
    assertTrue(failure("quality.min-customer-share-of-previous = 2").contains("'quality.min-customer-share-of-previous'"));
  }

  @Test
  void fixedCutoffsMustBeFourAscendingNumbers() throws IOException {
    assertTrue(failure("scoring.monetary { method = fixed, cutoffs = [100, 50, 200, 300] }")
        .contains("'scoring.monetary.cutoffs'"));
    assertTrue(failure("scoring.monetary.method = fixed").contains("'scoring.monetary.cutoffs'"));
    assertTrue(failure("scoring.monetary.method = deciles").contains("'scoring.monetary.method'"));
    JobConfig config = load("scoring.monetary { method = fixed, cutoffs = [100, 500, 1000, 5000] }");
    assertEquals(Optional.of(List.of(100.0, 500.0, 1000.0, 5000.0)), config.scoring().monetary().fixed());
  }

  @Test
  void segmentRulesMustCoverEveryScorePair() {
    String message = failure("rfm-segments = [ { key = champions, r = [1, 5], fm = [2, 5] } ]");
    assertTrue(message.contains("no rule for r = 1, fm = 1.0"), message);
    assertTrue(failure("rfm-segments = [ { key = heroes, r = [1, 5], fm = [1, 5] } ]").contains("rfm-segments[0].key"));
    assertTrue(failure("rfm-segments = [ { key = lost, r = [0, 5], fm = [1, 5] } ]").contains("rfm-segments[0].r"));
    assertTrue(failure("rfm-segments = [ { key = lost, r = [1, 5], fm = [1, 5], when = x } ]")
        .contains("rfm-segments[0].when"));
  }

  @Test
  void aNewLocaleMustLabelEveryKey() throws IOException {
    String message = failure("job.locale = ja\nlabels.ja.value_tier.high = 高価値");
    assertTrue(message.contains("labels.ja.") && message.contains("every key of labels.zh-CN"), message);
    assertTrue(failure("job.locale = fr").contains("'job.locale'"));
    assertTrue(failure("labels.en.rfm_segment.heroes = Heroes").contains("labels.en.rfm_segment.heroes"));
  }

  @Test
  void theTraditionalChineseLabelsShip() throws IOException {
    assertEquals("重要價值客戶", load("job.locale = zh-TW").labels().of("rfm_class_cn").get("important_value"));
  }

  @Test
  void aMissingFileIsNamed() {
    String message = assertThrows(InvalidInputException.class,
        () -> ConfigLoader.load(Optional.of(dir.resolve("nope.conf")), Map.of())).getMessage();
    assertTrue(message.contains("nope.conf"), message);
  }

  @Test
  void theShippedExampleConfIsValid() {
    JobConfig config = ConfigLoader.load(Optional.of(Path.of("conf", "nightly.example.conf")), Map.of());
    assertEquals("paid_at", config.input().sourceColumn("order_ts"));
    assertEquals(4, config.clustering().k());
    assertEquals(365, config.lookbackDays());
    assertEquals("mobile", config.input().customerColumn("phone"));
    assertEquals(List.of("vip"), config.tags().stream().map(tag -> tag.key()).toList());
    assertEquals("tenure_days <= 30", config.ruleTiers().get(1).condition());
  }

  @Test
  void theEffectiveConfigurationIsRenderedForTheRunLog() throws IOException {
    assertTrue(load("features.lookback-days = 365").rendered().contains("\"lookback-days\":365"));
  }

  @Test
  void everyKindOfBadRuleFailsAtLoadNamingTheRule() {
    String tier = "rule-tiers.importance = [ { key = important, when = \"%s\" } ]";
    String notBoolean = failure(tier.formatted("monetary + 1"));
    assertTrue(notBoolean.contains("rule-tiers.importance[0]") && notBoolean.contains("not a boolean"), notBoolean);
    assertTrue(failure(tier.formatted("'yes'")).contains("not a boolean"));
    assertTrue(failure(tier.formatted("frequency")).contains("not a boolean"));
    String subquery = failure(tier.formatted("monetary > (SELECT max(monetary) FROM customer_segments)"));
    assertTrue(subquery.contains("rule-tiers.importance[0]") && subquery.contains("subquery"), subquery);
    String statement = failure(tier.formatted("true; DROP TABLE customer_segments"));
    assertTrue(statement.contains("rule-tiers.importance[0]") && statement.contains("not a single Spark SQL expression"),
        statement);
    assertTrue(failure(tier.formatted("SELECT 1")).contains("not a single Spark SQL expression"));
    assertTrue(failure("rule-tiers.importance = [ { key = vip, when = \"true\" } ]")
        .contains("rule-tiers.importance[0].key"));

    String tag = "tags = [ { key = %s, dimension = value, when = \"%s\", label { zh-CN = a, zh-TW = b, en = c } } ]";
    String noLabel = failure("tags = [ { key = rich, dimension = value, when = \"true\", label { zh-CN = a } } ]");
    assertTrue(noLabel.contains("tags[0].label.en") || noLabel.contains("tags[0].label.zh-TW"), noLabel);
    String noCondition = failure("tags = [ { key = rich, dimension = value, label { zh-CN = a, zh-TW = b, en = c } } ]");
    assertTrue(noCondition.contains("tags[0]") && noCondition.contains("when"), noCondition);
  }

  @Test
  void aRuleIsAnExpressionNotAProgram() throws IOException {
    String tag = "tags = [ { key = t, dimension = d, when = \"%s\", label { zh-CN = a, zh-TW = b, en = c } } ]";
    for (String function : List.of("reflect", "java_method", "try_reflect")) {
      String message = failure(tag.formatted(function + "('java.lang.System', 'exit', 42) IS NULL"));
      assertTrue(message.contains("tags[0]") && message.contains("function '" + function + "'"), message);
    }
    String computed = failure(tag.formatted("IDENTIFIER('reflect')('java.lang.System', 'exit', 42) IS NULL"));
    assertTrue(computed.contains("IDENTIFIER"), computed);
    assertTrue(failure(tag.formatted("sum(monetary) > 0")).contains("function 'sum'"));
    assertTrue(failure(tag.formatted("count(DISTINCT city) > 0")).contains("function 'count'"));
    assertTrue(failure(tag.formatted("rank() OVER (ORDER BY monetary) = 1")).contains("window"));
    assertTrue(failure(tag.formatted("default.my_udf(monetary)")).contains("function 'default.my_udf'"));
    assertTrue(failure(tag.formatted("current_date() > last_purchase_date")).contains("function 'current_date'"));
    String deep = "(".repeat(5000) + "monetary > 0" + ")".repeat(5000);
    assertTrue(failure(tag.formatted(deep)).contains("nests deeper than 64 levels"));
    // A long chain of ANDs is no deep nesting: Spark's parser builds it as a balanced tree.
    String chain = String.join(" AND ", java.util.Collections.nCopies(200, "monetary > 0"));
    assertEquals(chain, load(tag.formatted(chain)).tags().get(0).condition());
  }

  @Test
  void rulesMayUseLambdasFunctionsAndTheTiersTheyFollow() throws IOException {
    String tag = "tags = [ { key = t, dimension = d, when = \"%s\", label { zh-CN = a, zh-TW = b, en = c } } ]";
    JobConfig config = load(tag.formatted("importance = 'important' AND exists(array(1, 2), x -> x > frequency)"));
    assertEquals("importance = 'important' AND exists(array(1, 2), x -> x > frequency)",
        config.tags().get(0).condition());
    // The lambda's variable is no column; which columns a rule may name is the pipeline's to check.
    assertEquals(Set.of("importance", "frequency"), config.tags().get(0).columns());
    String everyday = "lower(city) LIKE 'shang%' AND coalesce(monetary, 0) BETWEEN 100 AND 5000 "
        + "AND datediff(last_purchase_date, first_purchase_date) > 30 AND round(night_share, 1) IN (0.5, 1.0) "
        + "AND CASE WHEN frequency > 2 THEN true ELSE size(array(1)) = 1 END";
    assertEquals(everyday, load(tag.formatted(everyday)).tags().get(0).condition());
    assertEquals(List.of("lifecycle_stage", "importance", "payment_tier"),
        config.ruleTiers().stream().map(rule -> rule.dimension()).distinct().toList());
  }

  @Test
  void automaticShufflePartitionsGrowWithTheInputInWholeWavesOfTheCores() throws IOException {
    SparkSettings auto = load("spark.shuffle-partitions = 0").spark();
    assertEquals(2, auto.partitionsFor(30L << 20, 2));
    assertEquals(16, auto.partitionsFor(30L << 20, 16));
    assertEquals(16, auto.partitionsFor(16 * (64L << 20), 2));
    assertEquals(18, auto.partitionsFor(16 * (64L << 20) + 1, 2));
    assertEquals(50, auto.partitionsFor(3_300_000_000L, 2));
    assertEquals(51, auto.partitionsFor(3_300_000_000L, 3));
    assertEquals(4000, auto.partitionsFor(Long.MAX_VALUE / 2, 3));
    assertEquals(200, load("spark.shuffle-partitions = 200").spark().partitionsFor(3_300_000_000L, 2));
  }
}
