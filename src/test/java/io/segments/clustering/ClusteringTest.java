package io.segments.clustering;

import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.InvalidInputException;
import io.segments.config.JobConfig;
import io.segments.output.ModelStore;
import io.segments.support.SparkTest;
import io.segments.support.TestConfigs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three well-separated groups of customers whose true clusters are known: recent, frequent big
 * spenders; middling customers; and one-time buyers gone for two years.
 */
@SparkTest
class ClusteringTest {
  private static final LocalDate AS_OF = LocalDate.parse("2024-07-01");
  private static final String RFM = "customer_id STRING, first_purchase_date DATE, last_purchase_date DATE, "
      + "recency_days INT, frequency BIGINT, monetary DECIMAL(18,2), avg_order_value DECIMAL(18,2), tenure_days INT";
  /** Group name → typical recency_days, frequency, monetary. */
  private static final Map<String, double[]> GROUPS = Map.of(
      "loyal", new double[] {5, 30, 10_000},
      "middle", new double[] {60, 4, 400},
      "gone", new double[] {700, 1, 30});
  private static final int PER_GROUP = 60;

  @TempDir Path dir;

  private static JobConfig config(String extra) {
    return TestConfigs.load("clustering.k = 3\n" + extra);
  }

  /** Members of each group, spread by about 10 % in log space; plus customers without a purchase. */
  private static Dataset<Row> blobs(SparkSession spark, Map<String, List<double[]>> members) {
    return blobs(spark, GROUPS, members);
  }

  private static Dataset<Row> blobs(SparkSession spark, Map<String, double[]> groups, Map<String, List<double[]>> members) {
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, double[]> group : new java.util.TreeMap<>(groups).entrySet()) {
      List<double[]> values = new ArrayList<>();
      for (int i = 0; i < PER_GROUP; i++) {
        double[] typical = group.getValue();
        int recency = (int) Math.round(typical[0] * Math.exp(0.1 * random.nextGaussian()));
        long frequency = Math.max(1, Math.round(typical[1] * Math.exp(0.1 * random.nextGaussian())));
        BigDecimal monetary = BigDecimal.valueOf(typical[2] * Math.exp(0.1 * random.nextGaussian()))
            .setScale(2, java.math.RoundingMode.HALF_UP);
        values.add(new double[] {recency, frequency, monetary.doubleValue()});
        LocalDate last = AS_OF.minusDays(recency);
        rows.add(row(group.getKey() + i, last.minusDays(100), last, recency, frequency, monetary, monetary, 100 + recency));
      }
      members.put(group.getKey(), values);
    }
    for (int i = 0; i < 5; i++) {
      rows.add(row("none" + i, null, null, null, 0L, BigDecimal.ZERO.setScale(2), null, null));
    }
    return of(spark, RFM, rows);
  }

  private static Map<String, Integer> clusterOf(Dataset<Row> clustered) {
    Map<String, Integer> clusters = new HashMap<>();
    clustered.select("customer_id", "cluster_id").collectAsList()
        .forEach(r -> clusters.put(r.getString(0), r.isNullAt(1) ? null : r.getInt(1)));
    return clusters;
  }

  @Test
  void wellSeparatedGroupsAreRecoveredWithIdsOrderedByMonetary(SparkSession spark) {
    Dataset<Row> customers = blobs(spark, new HashMap<>());
    JobConfig config = config("");
    ClusterModel model = new SegmentClusterer(config.clustering(), ClusterNames.of(config.labels()), Optional.empty(), Optional.empty()).fit(customers);

    Map<String, Integer> clusters = clusterOf(model.transform(customers));

    List<String> byMonetary = List.of("loyal", "middle", "gone");
    for (int expectedId = 0; expectedId < 3; expectedId++) {
      for (int i = 0; i < PER_GROUP; i++) {
        assertEquals(expectedId, clusters.get(byMonetary.get(expectedId) + i), byMonetary.get(expectedId) + i);
      }
    }
    for (int i = 0; i < 5; i++) {
      assertNull(clusters.get("none" + i));
    }
  }

  @Test
  void centroidsInOriginalUnitsAreTheGroupsLogMeans(SparkSession spark) {
    Map<String, List<double[]>> members = new HashMap<>();
    Dataset<Row> customers = blobs(spark, members);
    JobConfig config = config("");
    ClusterModel model = new SegmentClusterer(config.clustering(), ClusterNames.of(config.labels()), Optional.empty(), Optional.empty()).fit(customers);

    List<String> byMonetary = List.of("loyal", "middle", "gone");
    for (int id = 0; id < 3; id++) {
      double[] centroid = model.centroids().get(id);
      for (int f = 0; f < 3; f++) {
        final int feature = f;
        double logMean = members.get(byMonetary.get(id)).stream().mapToDouble(v -> Math.log1p(v[feature]))
            .average().orElseThrow();
        assertEquals(Math.expm1(logMean), centroid[f], 1e-6 * Math.expm1(logMean), byMonetary.get(id) + " " + f);
      }
    }
  }

  @Test
  void labelsNameTheCentroidsInTheConfiguredLocale(SparkSession spark) {
    Dataset<Row> customers = blobs(spark, new HashMap<>());
    JobConfig chinese = config("");
    JobConfig english = config("job.locale = en");
    ClusterModel model = new SegmentClusterer(chinese.clustering(), ClusterNames.of(chinese.labels()), Optional.empty(), Optional.empty()).fit(customers);
    ClusterModel sameInEnglish =
        new SegmentClusterer(english.clustering(), ClusterNames.of(english.labels()), Optional.empty(), Optional.empty()).fit(customers);

    assertEquals(List.of("high_value_loyal", "average", "lost"), model.keys());
    Row loyal = model.transform(customers).where(col("customer_id").equalTo("loyal0")).first();
    assertEquals("高价值忠诚", loyal.getAs("cluster_label"));
    Row gone = sameInEnglish.transform(customers).where(col("customer_id").equalTo("gone0")).first();
    assertEquals("Lost", gone.getAs("cluster_label"));
  }

  @Test
  void aCentroidIsReadAgainstThePopulation() {
    assertEquals("at_risk", ClusterModel.key(new double[] {1.0, 0.8, 0.0}, 0.5));
    assertEquals("lost", ClusterModel.key(new double[] {1.0, 0.0, 0.0}, 0.5));
    assertEquals("high_value_loyal", ClusterModel.key(new double[] {-0.2, 0.6, 0.6}, 0.5));
    assertEquals("big_spender", ClusterModel.key(new double[] {0.0, 0.0, 0.6}, 0.5));
    assertEquals("frequent", ClusterModel.key(new double[] {0.0, 0.6, 0.0}, 0.5));
    assertEquals("new", ClusterModel.key(new double[] {-0.7, -0.5, -0.2}, 0.5));
    assertEquals("low_value", ClusterModel.key(new double[] {0.2, -0.7, -1.5}, 0.5));
    assertEquals("average", ClusterModel.key(new double[] {0.1, 0.1, 0.1}, 0.5));
  }

  @Test
  void aSavedModelReloadsAndAssignsExactlyAsItDid(SparkSession spark) {
    Dataset<Row> customers = blobs(spark, new HashMap<>());
    JobConfig config = TestConfigs.load("clustering.k = 3\noutput.warehouse = \"" + dir + "\"");
    ClusterModel fitted = new SegmentClusterer(config.clustering(), ClusterNames.of(config.labels()), Optional.empty(), Optional.empty()).fit(customers);
    ModelStore store = new ModelStore(spark, config.output());

    int first = store.nextVersion();
    store.save(fitted.pipeline(), fitted.idOfIndex(), first);
    int second = store.nextVersion();
    store.save(fitted.pipeline(), fitted.idOfIndex(), second);
    ModelStore.Versioned newest = store.load(0);
    ModelStore.Versioned saved = store.load(first);
    ClusterModel reloaded = ClusterModel.of(saved.pipeline(), config.clustering(), ClusterNames.of(config.labels()),
        saved.idOfIndex().orElseThrow());

    assertEquals(1, first);
    assertEquals(2, second);
    assertEquals(2, newest.version());
    assertEquals(clusterOf(fitted.transform(customers)), clusterOf(reloaded.transform(customers)));
    // A new customer among the gone is assigned to their cluster by the saved centroids.
    Dataset<Row> newcomer = of(spark, RFM,
        row("late", LocalDate.parse("2022-01-01"), LocalDate.parse("2022-06-01"), 760, 1L,
            new BigDecimal("25.00"), new BigDecimal("25.00"), 900));
    assertEquals(2, reloaded.transform(newcomer).first().<Integer>getAs("cluster_id"));
  }

  @Test
  void frozenModeWithoutASavedModelIsAConfigurationError(SparkSession spark) {
    JobConfig config = TestConfigs.load("output.warehouse = \"" + dir.resolve("empty") + "\"");
    String message = assertThrows(InvalidInputException.class, () -> new ModelStore(spark, config.output()).load(0))
        .getMessage();
    assertTrue(message.contains("clustering.mode = refit"), message);
    assertThrows(InvalidInputException.class, () -> new ModelStore(spark, config.output()).load(7));
  }

  @Test
  void theSweepPeaksInSilhouetteAtTheTrueK(SparkSession spark) {
    Dataset<Row> customers = blobs(spark, new HashMap<>());
    List<KSweep.Result> results = KSweep.run(customers, config("").clustering(), 2, 5, 1.0);

    assertEquals(List.of(2, 3, 4, 5), results.stream().map(KSweep.Result::k).toList());
    KSweep.Result best = results.stream().max(java.util.Comparator.comparingDouble(KSweep.Result::silhouette))
        .orElseThrow();
    assertEquals(3, best.k());
    assertEquals(3, KSweep.suggest(results));
    for (KSweep.Result r : results) {
      assertEquals(3 * PER_GROUP, r.clusterSizes().stream().mapToLong(Long::longValue).sum());
      assertEquals(r.k(), r.clusterSizes().size());
    }
    assertEquals(1.0 / 3, results.get(1).minShare(), 1e-9);
    assertTrue(results.get(0).wssse() > results.get(1).wssse(), "more clusters, less within-cluster spread");
  }

  @Test
  void theSuggestionPrefersTheElbowAmongNearlyBestSilhouettes() {
    List<KSweep.Result> results = List.of(
        result(2, 100, 0.50), result(3, 40, 0.600), result(4, 30, 0.605), result(5, 25, 0.40));
    assertEquals(3, KSweep.elbow(results));
    assertEquals(3, KSweep.suggest(results));
    List<KSweep.Result> clearWinner = List.of(
        result(2, 100, 0.50), result(3, 40, 0.55), result(4, 30, 0.70), result(5, 25, 0.40));
    assertEquals(4, KSweep.suggest(clearWinner));
  }

  private static KSweep.Result result(int k, double wssse, double silhouette) {
    return new KSweep.Result(k, wssse, silhouette, List.of(1L), 0.0);
  }

  @Test
  void clustersOfOneKindAreToldApartByWhatSeparatesThem(SparkSession spark) {
    Map<String, double[]> groups = new HashMap<>(GROUPS);
    groups.put("lapsed", new double[] {250, 1, 30});
    Dataset<Row> customers = blobs(spark, groups, new HashMap<>());
    JobConfig config = config("clustering.k = 4");
    ClusterModel model = new SegmentClusterer(config.clustering(), ClusterNames.of(config.labels()), Optional.empty(),
        Optional.empty()).fit(customers);

    Map<String, String> labelOf = new HashMap<>();
    model.transform(customers).where(col("cluster_id").isNotNull()).select("customer_id", "cluster_label").collectAsList()
        .forEach(r -> labelOf.put(r.getString(0).replaceAll("\\d+$", ""), r.getString(1)));
    assertEquals(List.of("high_value_loyal", "average", "lost", "lost"), model.keys());
    // Both lost groups buy once for about 30; what separates them is how long ago: ~700 and ~250 days.
    java.util.regex.Matcher gone = java.util.regex.Pattern.compile("流失 · 约(\\d+)天未购").matcher(labelOf.get("gone"));
    java.util.regex.Matcher lapsed = java.util.regex.Pattern.compile("流失 · 约(\\d+)天未购").matcher(labelOf.get("lapsed"));
    assertTrue(gone.matches() && lapsed.matches(), labelOf.toString());
    assertEquals(700, Integer.parseInt(gone.group(1)), 70);
    assertEquals(250, Integer.parseInt(lapsed.group(1)), 25);
    assertEquals("高价值忠诚", labelOf.get("loyal"), "a kind of its own needs no qualifier");
  }

  @Test
  void theDistinctLabelsHoldOnThePublicCdnowHistory(SparkSession spark) {
    org.junit.jupiter.api.Assumptions.assumeTrue(io.segments.support.CdnowSample.present(),
        "../shared/data/cdnow is absent: the CDNOW label check is skipped");
    JobConfig config = config("clustering.k = 5\njob.time-zone = UTC");
    Dataset<Row> features = io.segments.support.CdnowSample.features(spark, config);
    ClusterModel model = new SegmentClusterer(config.clustering(), ClusterNames.of(config.labels()), Optional.empty(),
        Optional.empty()).fit(features);

    List<String> labels = model.profiles(model.transform(features)).orderBy("cluster_id")
        .select("cluster_label").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(5, new java.util.HashSet<>(labels).size(), "no two clusters share a label: " + labels);
    assertTrue(labels.stream().noneMatch(label -> label.contains("#")), "told apart by a qualifier: " + labels);
  }

  @Test
  void theLeastCostMatchingIsTheBestOfEveryPermutation() {
    Random random = new Random(5);
    for (int trial = 0; trial < 20; trial++) {
      int k = 2 + trial % 5;
      double[][] cost = new double[k][k];
      for (double[] row : cost) {
        for (int j = 0; j < k; j++) {
          row[j] = random.nextInt(20);
        }
      }
      int[] matched = CentroidMatching.leastCost(cost);
      assertEquals(k, java.util.Arrays.stream(matched).distinct().count(), "one to one");
      assertEquals(bestByBruteForce(cost, new boolean[k], 0), total(cost, matched), 1e-9);
    }
  }

  private static double total(double[][] cost, int[] columnOfRow) {
    double sum = 0;
    for (int i = 0; i < columnOfRow.length; i++) {
      sum += cost[i][columnOfRow[i]];
    }
    return sum;
  }

  private static double bestByBruteForce(double[][] cost, boolean[] used, int row) {
    if (row == cost.length) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < cost.length; j++) {
      if (!used[j]) {
        used[j] = true;
        best = Math.min(best, cost[row][j] + bestByBruteForce(cost, used, row + 1));
        used[j] = false;
      }
    }
    return best;
  }

  /** A refit numbers its clusters by monetary; matched to a model that numbered them otherwise, it takes its ids. */
  @Test
  void aRefitKeepsTheIdsOfThePreviousModelsClusters(SparkSession spark) {
    Dataset<Row> customers = blobs(spark, new HashMap<>());
    JobConfig config = config("");
    ClusterNames names = ClusterNames.of(config.labels());
    ClusterModel byMonetary = new SegmentClusterer(config.clustering(), names, Optional.empty(), Optional.empty())
        .fit(customers);
    int[] shuffled = new int[3];
    int[] order = byMonetary.idOfIndex();
    for (int index = 0; index < 3; index++) {
      shuffled[index] = (order[index] + 1) % 3;
    }
    ClusterModel previous = ClusterModel.of(byMonetary.pipeline(), config.clustering(), names, shuffled);

    ClusterModel refit = new SegmentClusterer(config.clustering(), names, Optional.empty(), Optional.of(previous))
        .fit(customers);

    assertArrayEquals(shuffled, refit.idOfIndex());
    assertEquals(clusterOf(previous.transform(customers)), clusterOf(refit.transform(customers)));
    assertEquals(1, clusterOf(refit.transform(customers)).get("loyal0"), "loyal was 0 by monetary, 1 before");
  }

  @Test
  void theWithinClusterCostOfAPartitionIsItsSumOfSquaresInUnitsOfTheVariance(SparkSession spark) {
    // Clusters {0, 2} and {10, 12}: squares about the cluster means 1 + 1 + 1 + 1 = 4; the variance of
    // all four about 6 is (36 + 16 + 16 + 36) / 4 = 26.
    Dataset<Row> customers = spark.createDataFrame(List.of(
            RowFactory.create(0, 0.0), RowFactory.create(0, 2.0),
            RowFactory.create(1, 10.0), RowFactory.create(1, 12.0)),
        StructType.fromDDL("cluster INT, log_f DOUBLE"));

    assertEquals(4.0 / 26, SampledFitCheck.withinClusterCost(customers, col("cluster"), List.of("f")), 1e-12);
  }
}
