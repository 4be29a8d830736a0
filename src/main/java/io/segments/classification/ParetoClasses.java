package io.segments.classification;

import static io.segments.features.RfmFeatures.MONETARY;
import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_divide;
import static org.apache.spark.sql.functions.when;

import io.segments.config.ClassificationConfig;
import io.segments.config.Labels;
import io.segments.features.RfmFeatures;
import io.segments.pipeline.CustomerStage;
import io.segments.pipeline.Labelled;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Revenue concentration of the purchasing customers, ranked by monetary (negative monetary counts as
 * 0): revenue_rank (1 = highest; ties share the rank), pareto_class (A: the revenue of the customers
 * ranked above is below the A share of all revenue, so A is the customers needed to reach it; B the
 * same against the B share; else C, as is anyone with no positive monetary) and
 * revenue_concentration (top: fewer than top-share of the purchasers rank above; else rest).
 *
 * <p>A cumulative sum over customers is a window over all of them, which Spark would run in one
 * partition. Instead the customers are range-partitioned by revenue (equal revenues land in one
 * partition), each partition's count and revenue are summed, and a customer's position is its rank
 * inside its partition plus the totals of the partitions before it: only per-partition totals are
 * ever combined in one place.
 */
public final class ParetoClasses implements CustomerStage {
  public static final String REVENUE_RANK = "revenue_rank";
  public static final String PARETO_CLASS = "pareto_class";
  public static final String REVENUE_CONCENTRATION = "revenue_concentration";

  private static final String REVENUE = "pareto_revenue";
  private static final String PART = "pareto_part";
  private static final String PART_CUSTOMERS = "pareto_part_customers";
  private static final String PART_REVENUE = "pareto_part_revenue";
  private static final String OTHER_PART = "pareto_other_part";
  private static final String OTHER_CUSTOMERS = "pareto_other_customers";
  private static final String OTHER_REVENUE = "pareto_other_revenue";
  private static final String CUSTOMERS_BEFORE = "pareto_customers_before";
  private static final String REVENUE_BEFORE = "pareto_revenue_before";
  private static final String ALL_CUSTOMERS = "pareto_all_customers";
  private static final String ALL_REVENUE = "pareto_all_revenue";

  private final ClassificationConfig config;
  private final Labels labels;
  private final int partitions;

  /** @param partitions range partitions of the ranking: the run's shuffle partitions */
  public ParetoClasses(ClassificationConfig config, Labels labels, int partitions) {
    this.config = config;
    this.labels = labels;
    this.partitions = partitions;
  }

  @Override
  public String name() {
    return "pareto";
  }

  @Override
  public List<String> reads() {
    return List.of(CUSTOMER_ID, RfmFeatures.LAST_PURCHASE_DATE, MONETARY);
  }

  @Override
  public List<String> adds() {
    return Stream.concat(Stream.of(REVENUE_RANK), Labelled.columns(PARETO_CLASS, REVENUE_CONCENTRATION).stream())
        .toList();
  }

  /**
   * Ranks the purchasers. The ranked revenues are checkpointed, so that the partition of each customer
   * is fixed for both uses below; the classes themselves are computed where the ranking is applied.
   */
  @Override
  public ParetoRanking fit(Dataset<Row> customers) {
    Dataset<Row> ranged = customers.where(RfmFeatures.isPurchaser())
        .select(col(CUSTOMER_ID), RfmFeatures.asDouble(greatest(col(MONETARY), lit(0))).as(REVENUE))
        .repartitionByRange(partitions, col(REVENUE).desc())
        .withColumn(PART, spark_partition_id())
        .localCheckpoint();

    // Each partition's offsets from a self-join of the per-partition totals: at most partitions² rows.
    Dataset<Row> totals = ranged
        .groupBy(col(PART))
        .agg(count(lit(1)).as(PART_CUSTOMERS), sum(col(REVENUE)).as(PART_REVENUE));
    Dataset<Row> other = totals.toDF(OTHER_PART, OTHER_CUSTOMERS, OTHER_REVENUE);
    Column earlier = col(OTHER_PART).lt(col(PART));
    Dataset<Row> offsets = totals.select(col(PART)).crossJoin(other)
        .groupBy(col(PART))
        .agg(coalesce(sum(when(earlier, col(OTHER_CUSTOMERS))), lit(0L)).as(CUSTOMERS_BEFORE),
            coalesce(sum(when(earlier, col(OTHER_REVENUE))), lit(0.0)).as(REVENUE_BEFORE),
            sum(col(OTHER_CUSTOMERS)).as(ALL_CUSTOMERS),
            sum(col(OTHER_REVENUE)).as(ALL_REVENUE));

    WindowSpec inPart = Window.partitionBy(col(PART)).orderBy(col(REVENUE).desc());
    Column revenueRank = rank().over(inPart).plus(col(CUSTOMERS_BEFORE));
    // The default frame of an ordered window includes ties, so the ties' revenue is taken off again.
    Column revenueAbove = col(REVENUE_BEFORE).plus(sum(col(REVENUE)).over(inPart))
        .minus(sum(col(REVENUE)).over(Window.partitionBy(col(PART), col(REVENUE))));
    Column shareAbove = coalesce(try_divide(revenueAbove, col(ALL_REVENUE)), lit(0.0));
    return new ParetoRanking(ranged
        .join(broadcast(offsets), PART)
        .select(col(CUSTOMER_ID),
            revenueRank.as(REVENUE_RANK),
            when(col(REVENUE).leq(0), lit("C"))
                .when(shareAbove.lt(config.paretoAShare()), lit("A"))
                .when(shareAbove.lt(config.paretoBShare()), lit("B"))
                .otherwise(lit("C")).as(PARETO_CLASS),
            when(revenueRank.minus(1).lt(col(ALL_CUSTOMERS).multiply(config.topShare())), lit("top"))
                .otherwise(lit("rest")).as(REVENUE_CONCENTRATION)),
        labels);
  }
}
