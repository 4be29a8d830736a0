package io.segments.review;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.segments.classification.Cohorts;
import io.segments.clustering.ClusterModel;
import io.segments.config.ConditionRule;
import io.segments.features.RfmFeatures;
import io.segments.input.CustomerProfiles;
import io.segments.input.TransactionSchema;
import io.segments.rules.ConditionRules;
import io.segments.scoring.RfmSegments;
import io.segments.scoring.Tiers;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * churn_analysis rows: the customers who were not churned in the previous snapshot, grouped by what
 * they were then (segment, value tier, cluster, region, cohort, month of their last purchase), with how
 * many of them are churned now (review.churned), the churn rate and the revenue those churned had
 * brought (their monetary in the previous snapshot).
 */
public final class ChurnAnalysis {
  public static final String LAST_PURCHASE_MONTH = "last_purchase_month";

  private ChurnAnalysis() {}

  /**
   * @param previous customer_segments rows of the snapshot compared with
   * @param current this snapshot's customers
   */
  public static Dataset<Row> of(Dataset<Row> previous, LocalDate previousDate, Dataset<Row> current,
      ConditionRule churned) {
    Map<String, Column> groups = new LinkedHashMap<>();
    for (String dimension : List.of(RfmSegments.RFM_SEGMENT, Tiers.VALUE_TIER, ClusterModel.CLUSTER_ID,
        CustomerProfiles.REGION, Cohorts.CUSTOMER_COHORT)) {
      groups.put(dimension, col(dimension).cast(DataTypes.StringType));
    }
    groups.put(LAST_PURCHASE_MONTH, date_format(col(RfmFeatures.LAST_PURCHASE_DATE), "yyyy-MM"));
    Column[] before = groups.entrySet().stream()
        .map(group -> struct(lit(group.getKey()).as("dimension"),
            coalesce(group.getValue(), lit(SegmentTransitions.NONE)).as("segment")))
        .toArray(Column[]::new);
    Dataset<Row> atRisk = previous
        .where(coalesce(ConditionRules.condition(previous, churned), lit(false)).unary_$bang())
        .select(col(TransactionSchema.CUSTOMER_ID), col(RfmFeatures.MONETARY), explode(array(before)).as("before"));
    Dataset<Row> now = current.select(col(TransactionSchema.CUSTOMER_ID),
        coalesce(ConditionRules.condition(current, churned), lit(false)).as("churned_now"));
    Column lost = coalesce(col("churned_now"), lit(false));
    return atRisk.join(now, TransactionSchema.CUSTOMER_ID, "left")
        .groupBy(col("before.dimension").as("dimension"), col("before.segment").as("segment"))
        .agg(count(lit(1)).as("customers_before"),
            count(when(lost, lit(1))).as("churned"),
            coalesce(sum(when(lost, col(RfmFeatures.MONETARY))), lit(0))
                .cast(DataTypes.createDecimalType(18, 2)).as("revenue_lost"))
        .withColumn("churn_rate", col("churned").divide(col("customers_before")))
        .withColumn("previous_snapshot_date", lit(previousDate));
  }
}
