package io.segments.scoring;

import static io.segments.features.RfmFeatures.FREQUENCY;
import static io.segments.features.RfmFeatures.MONETARY;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.segments.features.RfmFeatures;
import io.segments.pipeline.Labelled;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * value_tier (by monetary) and frequency_tier (by frequency): high above the high cut-off, mid above
 * the mid cut-off, else low; equal values share a tier. Customers without a purchase get no tier.
 */
public final class Tiers {
  public static final String VALUE_TIER = "value_tier";
  public static final String FREQUENCY_TIER = "frequency_tier";

  private Tiers() {}

  static Dataset<Row> apply(Dataset<Row> scored, ScoringModel model) {
    Dataset<Row> valued = Labelled.withKey(scored, VALUE_TIER, tier(col(MONETARY), model.valueTierCutoffs()),
        model.labels().of(VALUE_TIER));
    return Labelled.withKey(valued, FREQUENCY_TIER, tier(col(FREQUENCY), model.frequencyTierCutoffs()),
        model.labels().of(FREQUENCY_TIER));
  }

  /** @param cutoffs [mid, high] */
  private static Column tier(Column value, List<Double> cutoffs) {
    Column number = value.cast(DataTypes.DoubleType);
    return when(RfmFeatures.isPurchaser().unary_$bang(), lit(null).cast(DataTypes.StringType))
        .when(number.gt(cutoffs.get(1)), lit("high"))
        .when(number.gt(cutoffs.get(0)), lit("mid"))
        .otherwise(lit("low"));
  }
}
