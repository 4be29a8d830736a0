package io.segments.classification;

import static io.segments.features.BrowseFeatures.BROWSE_PER_30_DAYS;
import static io.segments.features.ProductFeatures.DISTINCT_CATEGORIES;
import static io.segments.features.PurchaseTimes.NIGHT_SHARE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.segments.config.ClassificationConfig;
import io.segments.config.Labels;
import io.segments.features.RfmFeatures;
import io.segments.pipeline.Labelled;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How customers buy and browse: product_breadth (single_category / multi_category; null for a buyer
 * whose lines carry no category), time_habit (night buyer at or above the configured night share,
 * else day buyer) and browse_level (high at or above the configured events per 30 days, else low;
 * null without an events table). Customers without a purchase get no product_breadth or time_habit.
 */
public final class BehaviourClasses {
  public static final String PRODUCT_BREADTH = "product_breadth";
  public static final String TIME_HABIT = "time_habit";
  public static final String BROWSE_LEVEL = "browse_level";

  private BehaviourClasses() {}

  static Dataset<Row> apply(Dataset<Row> customers, ClassificationConfig config, Labels labels) {
    Dataset<Row> labelled = Labelled.withKey(customers, PRODUCT_BREADTH,
        when(RfmFeatures.isPurchaser().and(col(DISTINCT_CATEGORIES).equalTo(1)), lit("single_category"))
            .when(RfmFeatures.isPurchaser().and(col(DISTINCT_CATEGORIES).gt(1)), lit("multi_category")),
        labels.of(PRODUCT_BREADTH));
    labelled = Labelled.withKey(labelled, TIME_HABIT,
        when(col(NIGHT_SHARE).geq(config.nightBuyerShare()), lit("night"))
            .when(col(NIGHT_SHARE).isNotNull(), lit("day")),
        labels.of(TIME_HABIT));
    return Labelled.withKey(labelled, BROWSE_LEVEL,
        when(col(BROWSE_PER_30_DAYS).geq(config.browseHighPer30Days()), lit("high"))
            .when(col(BROWSE_PER_30_DAYS).isNotNull(), lit("low")),
        labels.of(BROWSE_LEVEL));
  }
}
