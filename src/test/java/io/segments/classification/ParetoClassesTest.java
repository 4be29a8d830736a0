package io.segments.classification;

import static io.segments.support.CustomerFrames.prospect;
import static io.segments.support.CustomerFrames.purchaser;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.support.CustomerFrames;
import io.segments.support.SparkTest;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
}
