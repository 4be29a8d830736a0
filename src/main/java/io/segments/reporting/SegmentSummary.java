package io.segments.reporting;

import static io.segments.features.RfmFeatures.FREQUENCY;
import static io.segments.features.RfmFeatures.MONETARY;
import static io.segments.features.RfmFeatures.RECENCY_DAYS;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_divide;

import io.segments.clustering.ClusterModel;
import io.segments.features.RfmFeatures;
import io.segments.scoring.LocalizedLabel;
import io.segments.scoring.RfmClassCn;
import io.segments.scoring.RfmScores;
import io.segments.scoring.RfmSegments;
import io.segments.scoring.Tiers;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * segment_summary: per dimension and segment, the customers, their share, their revenue (sum of
 * monetary), its share, and the mean recency, frequency and monetary. Each customer row is fanned
 * out to one (dimension, segment) pair per dimension and aggregated once; the shares are windows
 * over the few aggregated rows of a dimension, never over customers.
 */
public final class SegmentSummary {
  public static final String DIMENSION = "dimension";
  public static final String SEGMENT = "segment";
  public static final String SEGMENT_LABEL = "segment_label";
  public static final String CUSTOMERS = "customers";
  public static final String CUSTOMER_SHARE = "customer_share";
  public static final String REVENUE = "revenue";
  public static final String REVENUE_SHARE = "revenue_share";
  public static final String AVG_RECENCY_DAYS = "avg_recency_days";
  public static final String AVG_FREQUENCY = "avg_frequency";
  public static final String AVG_MONETARY = "avg_monetary";

  /** Dimensions with a key column and a label column. */
  static final List<String> LABELLED_DIMENSIONS =
      List.of(RfmSegments.RFM_SEGMENT, RfmClassCn.RFM_CLASS_CN, Tiers.VALUE_TIER, Tiers.FREQUENCY_TIER);
  /** Dimensions whose value is its own label. */
  static final List<String> PLAIN_DIMENSIONS = List.of(RfmScores.R_SCORE, RfmScores.F_SCORE, RfmScores.M_SCORE);

  private static final String PAIR = "pair";

  private SegmentSummary() {}

  /** @param segments customer_segments rows of one snapshot */
  public static Dataset<Row> compute(Dataset<Row> segments) {
    List<Column> pairs = new ArrayList<>();
    for (String dimension : LABELLED_DIMENSIONS) {
      pairs.add(pair(dimension, col(dimension), col(dimension + LocalizedLabel.SUFFIX)));
    }
    for (String dimension : PLAIN_DIMENSIONS) {
      Column value = col(dimension).cast(DataTypes.StringType);
      pairs.add(pair(dimension, value, value));
    }
    pairs.add(pair(ClusterModel.CLUSTER_ID, col(ClusterModel.CLUSTER_ID).cast(DataTypes.StringType),
        col(ClusterModel.CLUSTER_LABEL)));
    WindowSpec perDimension = Window.partitionBy(col(DIMENSION));
    return segments
        .select(explode(array(pairs.toArray(Column[]::new))).as(PAIR),
            col(RECENCY_DAYS), col(FREQUENCY), col(MONETARY))
        .groupBy(col(PAIR + "." + DIMENSION).as(DIMENSION), col(PAIR + "." + SEGMENT).as(SEGMENT),
            col(PAIR + "." + SEGMENT_LABEL).as(SEGMENT_LABEL))
        .agg(
            count(lit(1)).as(CUSTOMERS),
            sum(col(MONETARY)).cast(RfmFeatures.MONEY).as(REVENUE),
            avg(col(RECENCY_DAYS)).as(AVG_RECENCY_DAYS),
            avg(col(FREQUENCY)).as(AVG_FREQUENCY),
            avg(col(MONETARY).cast(DataTypes.DoubleType)).as(AVG_MONETARY))
        .withColumn(CUSTOMER_SHARE, try_divide(col(CUSTOMERS), sum(col(CUSTOMERS)).over(perDimension)))
        .withColumn(REVENUE_SHARE, try_divide(col(REVENUE).cast(DataTypes.DoubleType),
            sum(col(REVENUE).cast(DataTypes.DoubleType)).over(perDimension)))
        .select(col(DIMENSION), col(SEGMENT), col(SEGMENT_LABEL), col(CUSTOMERS), col(CUSTOMER_SHARE),
            col(REVENUE), col(REVENUE_SHARE), col(AVG_RECENCY_DAYS), col(AVG_FREQUENCY), col(AVG_MONETARY));
  }

  /** Customers without a purchase have no score or tier: they count as no_purchase in every dimension. */
  private static Column pair(String dimension, Column segment, Column label) {
    Column noPurchaseLabel = col(RfmSegments.RFM_SEGMENT + LocalizedLabel.SUFFIX);
    return struct(
        lit(dimension).as(DIMENSION),
        coalesce(segment, lit(RfmSegments.NO_PURCHASE)).as(SEGMENT),
        coalesce(label, noPurchaseLabel).as(SEGMENT_LABEL));
  }
}
