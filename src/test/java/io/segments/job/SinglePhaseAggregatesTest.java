package io.segments.job;

import static io.segments.support.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segments.config.ConfigLoader;
import io.segments.config.JobConfig;
import io.segments.support.Frames;
import io.segments.support.SparkTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Aggregations over rows already partitioned by their keys run in one phase, with the same results;
 * an aggregation that needs a shuffle keeps its partial phase.
 */
@SparkTest
class SinglePhaseAggregatesTest {
  private static final JobConfig DEFAULTS = ConfigLoader.load(Optional.empty(), Map.of());
  private static final String LINES = "customer_id STRING, order_id STRING, amount INT, paid BOOLEAN";

  /** Per customer: orders, spend, the paid part (a FILTER clause, which only the partial phase carries), the largest order. */
  private static Dataset<Row> perCustomer(Dataset<Row> lines) {
    return lines
        .groupBy(col("customer_id"), col("order_id"))
        .agg(sum(col("amount")).as("order_amount"), expr("sum(amount) FILTER (WHERE paid)").as("paid_amount"))
        .groupBy(col("customer_id"))
        .agg(count(lit(1)).as("orders"), sum(col("order_amount")).as("spend"), sum(col("paid_amount")).as("paid"),
            max(col("order_amount")).as("largest"))
        .orderBy("customer_id");
  }

  private static Dataset<Row> lines(SparkSession session) {
    return Frames.of(session, LINES,
        row("a", "o1", 10, true), row("a", "o1", 5, false), row("a", "o2", 7, true),
        row("b", "o3", 3, true), row("b", "o3", 4, true),
        row("c", "o4", 1, false));
  }

  private static final List<Row> BY_HAND = List.of(
      row("a", 2L, 22L, 17L, 15L),
      row("b", 1L, 7L, 7L, 7L),
      row("c", 1L, 1L, null, 1L));

  private static long partialAggregations(Dataset<Row> rows) {
    String plan = rows.queryExecution().executedPlan().toString();
    return plan.lines().filter(line -> line.contains("HashAggregate") && line.contains("partial_")).count();
  }

  @Test
  void linesPartitionedByCustomerAreAggregatedOncePerLevel(SparkSession spark) {
    // As many shuffle partitions as cores: adaptive execution off, so the plan is the one that runs.
    SparkSession run = Sessions.forRun(spark, DEFAULTS, spark.sparkContext().defaultParallelism());
    Dataset<Row> partitioned = perCustomer(lines(run).repartition(col("customer_id")));
    long sparksOwnPartials = Sessions.withSetting(run, SinglePhaseAggregates.ENABLED, "false",
        () -> partialAggregations(perCustomer(lines(run).repartition(col("customer_id")))));
    List<Row> sparksOwnRows = Sessions.withSetting(run, SinglePhaseAggregates.ENABLED, "false",
        () -> perCustomer(lines(run).repartition(col("customer_id"))).collectAsList());

    assertEquals(0, partialAggregations(partitioned), partitioned.queryExecution().executedPlan().toString());
    assertEquals(BY_HAND, partitioned.collectAsList());
    assertEquals(2, sparksOwnPartials, "Spark's own plan: a partial phase per level");
    assertEquals(BY_HAND, sparksOwnRows);
  }

  @Test
  void anAggregationThatNeedsAShuffleKeepsItsPartialPhase(SparkSession spark) {
    SparkSession run = Sessions.forRun(spark, DEFAULTS, spark.sparkContext().defaultParallelism());
    Dataset<Row> shuffled = perCustomer(lines(run));

    assertEquals(2, partialAggregations(shuffled), shuffled.queryExecution().executedPlan().toString());
    assertEquals(BY_HAND, shuffled.collectAsList());
  }

  @Test
  void adaptiveExecutionGivesTheSameResults(SparkSession spark) {
    SparkSession run = Sessions.forRun(spark, DEFAULTS, spark.sparkContext().defaultParallelism() + 1);

    assertEquals(BY_HAND, perCustomer(lines(run).repartition(col("customer_id"))).collectAsList());
  }
}
