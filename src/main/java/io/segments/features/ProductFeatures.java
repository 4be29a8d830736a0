package io.segments.features;

import static io.segments.input.TransactionSchema.AMOUNT;
import static io.segments.input.TransactionSchema.CATEGORY;
import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What each customer buys: distinct_categories, the categories whose net amount (refunds deducted)
 * is above zero, and favourite_category, the one with the largest net amount (alphabetically first
 * on a tie). Lines without a category count for neither.
 */
public final class ProductFeatures {
  public static final String DISTINCT_CATEGORIES = "distinct_categories";
  public static final String FAVOURITE_CATEGORY = "favourite_category";

  private static final String CATEGORY_CENTS = "category_cents";

  private ProductFeatures() {}

  /** @param acceptedLines customer_id, category, amount of accepted lines */
  public static Dataset<Row> compute(Dataset<Row> acceptedLines) {
    return acceptedLines
        .where(col(CATEGORY).isNotNull())
        .groupBy(col(CUSTOMER_ID), col(CATEGORY))
        .agg(sum(RfmFeatures.cents(col(AMOUNT))).as(CATEGORY_CENTS))
        .where(col(CATEGORY_CENTS).gt(0))
        .groupBy(col(CUSTOMER_ID))
        .agg(
            count(col(CATEGORY)).cast("int").as(DISTINCT_CATEGORIES),
            min_by(col(CATEGORY), struct(col(CATEGORY_CENTS).unary_$minus(), col(CATEGORY))).as(FAVOURITE_CATEGORY));
  }
}
