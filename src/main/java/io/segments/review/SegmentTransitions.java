package io.segments.review;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.segments.clustering.ClusterModel;
import io.segments.features.RfmFeatures;
import io.segments.input.TransactionSchema;
import io.segments.scoring.RfmClassCn;
import io.segments.scoring.RfmSegments;
import io.segments.scoring.Tiers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * segment_transitions rows: per classifying dimension, how many customers (and how much of their
 * revenue) moved from each class of the previous snapshot to each class of this one. A customer
 * one snapshot lacks is {@code absent} on that side; a customer without a value (no purchase, no
 * cluster) is {@code none}. One join of the two snapshots feeds every dimension.
 */
public final class SegmentTransitions {
  public static final String LIFECYCLE_STAGE = "lifecycle_stage";
  public static final String IMPORTANCE = "importance";
  public static final List<String> DIMENSIONS = List.of(RfmSegments.RFM_SEGMENT, RfmClassCn.RFM_CLASS_CN,
      Tiers.VALUE_TIER, LIFECYCLE_STAGE, IMPORTANCE, ClusterModel.CLUSTER_ID);
  public static final String NONE = "none";

  private SegmentTransitions() {}

  /**
   * @param previous customer_segments rows of the snapshot compared with
   * @param current this snapshot's customers
   */
  public static Dataset<Row> of(Dataset<Row> previous, LocalDate previousDate, Dataset<Row> current) {
    Dataset<Row> pairs = sides(previous, "from").join(sides(current, "to"), TransactionSchema.CUSTOMER_ID, "full_outer");
    List<Column> moves = new ArrayList<>();
    for (String dimension : DIMENSIONS) {
      moves.add(struct(lit(dimension).as("dimension"),
          side("from", dimension).as("from_segment"),
          side("to", dimension).as("to_segment")));
    }
    Column revenue = coalesce(col("to_" + RfmFeatures.MONETARY), col("from_" + RfmFeatures.MONETARY));
    return pairs
        .select(explode(array(moves.toArray(Column[]::new))).as("move"), revenue.as("revenue"))
        .groupBy(col("move.dimension").as("dimension"), col("move.from_segment").as("from_segment"),
            col("move.to_segment").as("to_segment"))
        .agg(count(lit(1)).as("customers"), sum(col("revenue")).cast(DataTypes.createDecimalType(18, 2)).as("revenue"))
        .withColumn("previous_snapshot_date", lit(previousDate));
  }

  private static Dataset<Row> sides(Dataset<Row> customers, String side) {
    List<Column> columns = new ArrayList<>(List.of(col(TransactionSchema.CUSTOMER_ID),
        lit(true).as(side + "_present"), col(RfmFeatures.MONETARY).as(side + "_" + RfmFeatures.MONETARY)));
    DIMENSIONS.forEach(dimension -> columns.add(col(dimension).cast(DataTypes.StringType).as(side + "_" + dimension)));
    return customers.select(columns.toArray(Column[]::new));
  }

  private static Column side(String side, String dimension) {
    return when(col(side + "_present").isNull(), lit(PreviousSegments.ABSENT))
        .otherwise(coalesce(col(side + "_" + dimension), lit(NONE)));
  }
}
