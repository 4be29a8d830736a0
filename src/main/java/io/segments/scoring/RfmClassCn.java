package io.segments.scoring;

import io.segments.features.RfmFeatures;

import static io.segments.features.RfmFeatures.FREQUENCY;
import static io.segments.features.RfmFeatures.MONETARY;
import static io.segments.features.RfmFeatures.RECENCY_DAYS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.segments.pipeline.Labelled;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * rfm_class_cn: the 8-class model of Chinese CRM practice. R, F and M are each high or low against a
 * threshold of the purchasing customers (mean by default): R is high (recent) when recency_days is
 * below it, F and M are high when above it; a value equal to the threshold is low.
 *
 * <pre>
 *   M high: R↑F↑ important_value 重要价值, R↑F↓ important_development 重要发展,
 *           R↓F↑ important_retention 重要保持, R↓F↓ important_recovery 重要挽留
 *   M low:  the same four as general_* (一般价值, 一般发展, 一般保持, 一般挽留)
 * </pre>
 */
public final class RfmClassCn {
  public static final String RFM_CLASS_CN = "rfm_class_cn";

  private RfmClassCn() {}

  /** @param thresholds recency, frequency and monetary thresholds, in that order */
  static Dataset<Row> apply(Dataset<Row> scored, List<Double> thresholds, Map<String, String> labels) {
    Column recent = col(RECENCY_DAYS).cast(DataTypes.DoubleType).lt(thresholds.get(0));
    Column frequent = col(FREQUENCY).cast(DataTypes.DoubleType).gt(thresholds.get(1));
    Column valuable = RfmFeatures.asDouble(col(MONETARY)).gt(thresholds.get(2));
    Column importance = when(valuable, lit("important_")).otherwise(lit("general_"));
    Column kind = when(recent.and(frequent), lit("value"))
        .when(recent, lit("development"))
        .when(frequent, lit("retention"))
        .otherwise(lit("recovery"));
    Column key = when(RfmFeatures.isPurchaser(), org.apache.spark.sql.functions.concat(importance, kind))
        .otherwise(lit(RfmSegments.NO_PURCHASE));
    return Labelled.withKey(scored, RFM_CLASS_CN, key, labels);
  }
}
