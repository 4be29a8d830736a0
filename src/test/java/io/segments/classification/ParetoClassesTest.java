package io.segments.classification;

import static io.segments.support.CustomerFrames.prospect;
import static io.segments.support.CustomerFrames.purchaser;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.support.CustomerFrames;
import io.segments.support.SparkTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@SparkTest
class ParetoClassesTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");

  /**
   * Revenue 10,000 in all: a 5,000, b 3,000, c 1,000, d and e 500 each; f nets 0 and g -100 (counted
   * as 0). The revenue ranked above a customer: a 0, b 5,000 (50 %), c 8,000 (80 %, no longer below the
   * A share), d and e 9,000 (ties do not count each other), so a and b are A, c, d, e B, and f and g,
   * with no positive revenue, C. Seven purchasers: the top 20 % are the ranks with fewer than 1.4
   * customers above them, a and b. The prospect gets nothing.
   */
  @ParameterizedTest(name = "{0} range partitions")
  @ValueSource(ints = {1, 3, 16})
  void classesFollowTheRevenueRankedAbove(int partitions, SparkSession spark) {
    JobConfig config = ConfigLoader.load(Optional.empty(), Map.of("job.locale", "en"));
    List<Row> customers = List.of(
        purchaser("a", AS_OF, 5, 10, "5000.00"), purchaser("b", AS_OF, 5, 5, "3000.00"),
        purchaser("c", AS_OF, 5, 2, "1000.00"), purchaser("d", AS_OF, 5, 1, "500.00"),
        purchaser("e", AS_OF, 5, 1, "500.00"), purchaser("f", AS_OF, 5, 1, "0.00"),
        purchaser("g", AS_OF, 5, 1, "-100.00"), prospect("p"));
    ParetoClasses stage = new ParetoClasses(config.classification(), config.labels(), partitions);

    Map<String, String> classes = new TreeMap<>();
    stage.fit(CustomerFrames.features(spark, customers)).transform(CustomerFrames.features(spark, customers))
        .collectAsList()
        .forEach(row -> classes.put(row.getAs("customer_id"), Arrays.asList(
            row.getAs("revenue_rank"), row.getAs("pareto_class"), row.getAs("pareto_class_label"),
            row.getAs("revenue_concentration")).toString()));

    assertEquals(Map.of(
        "a", "[1, A, Class A, top]",
        "b", "[2, A, Class A, top]",
        "c", "[3, B, Class B, rest]",
        "d", "[4, B, Class B, rest]",
        "e", "[4, B, Class B, rest]",
        "f", "[6, C, Class C, rest]",
        "g", "[6, C, Class C, rest]",
        "p", "[null, null, null, null]"), classes);
  }

  /**
   * 3,000 purchasers on 400 revenue levels (many ties, some at or below 0) in eight range
   * partitions: every rank and class is the one worked out in plain Java from one sorted list of all
   * revenues. Revenues are multiples of 2.50, so every sum is exact in a double.
   */
  @Test
  void ranksOverManyPartsAreThoseOfOneSortedList(SparkSession spark) {
    JobConfig config = ConfigLoader.load(Optional.empty(), Map.of("job.locale", "en"));
    Random random = new Random(7);
    List<Row> customers = new ArrayList<>();
    Map<String, Double> revenues = new HashMap<>();
    for (int i = 0; i < 3_000; i++) {
      long cents = (random.nextInt(400) - 20) * 250L;
      customers.add(purchaser("c" + i, AS_OF, 5, 1, BigDecimal.valueOf(cents, 2).toPlainString()));
      revenues.put("c" + i, Math.max(cents, 0) / 100.0);
    }
    double total = revenues.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, String> expected = new TreeMap<>();
    revenues.forEach((id, revenue) -> {
      long above = revenues.values().stream().filter(other -> other > revenue).count();
      double revenueAbove = revenues.values().stream().filter(other -> other > revenue).mapToDouble(Double::doubleValue).sum();
      String paretoClass = revenue <= 0 ? "C" : revenueAbove / total < config.classification().paretoAShare() ? "A"
          : revenueAbove / total < config.classification().paretoBShare() ? "B" : "C";
      String concentration = above < revenues.size() * config.classification().topShare() ? "top" : "rest";
      expected.put(id, List.of(above + 1, paretoClass, concentration).toString());
    });

    Dataset<Row> features = CustomerFrames.features(spark, customers);
    Map<String, String> ranked = new TreeMap<>();
    new ParetoClasses(config.classification(), config.labels(), 8).fit(features).transform(features)
        .collectAsList()
        .forEach(row -> ranked.put(row.getAs("customer_id"), List.of(
            row.<Long>getAs("revenue_rank"), row.<String>getAs("pareto_class"),
            row.<String>getAs("revenue_concentration")).toString()));

    assertEquals(expected, ranked);
  }
}
