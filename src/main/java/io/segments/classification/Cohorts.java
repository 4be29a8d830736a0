package io.segments.classification;

import static io.segments.features.RfmFeatures.FIRST_PURCHASE_DATE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.segments.pipeline.Labelled;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * customer_cohort: when the customer became a customer. A first purchase before the first boundary
 * is early, before the second mid, else late; no purchase, no cohort. The boundaries are the conf's
 * dates or, without them, the thirds of the business history that {@link CustomerClasses} learns.
 */
public final class Cohorts {
  public static final String CUSTOMER_COHORT = "customer_cohort";

  private Cohorts() {}

  /** @param boundaries two ascending dates; empty when nobody has purchased */
  static Dataset<Row> apply(Dataset<Row> customers, List<LocalDate> boundaries, Map<String, String> labels) {
    if (boundaries.isEmpty()) {
      return Labelled.withKey(customers, CUSTOMER_COHORT, lit(null).cast("string"), labels);
    }
    return Labelled.withKey(customers, CUSTOMER_COHORT,
        when(col(FIRST_PURCHASE_DATE).lt(lit(boundaries.get(0))), lit("early"))
            .when(col(FIRST_PURCHASE_DATE).lt(lit(boundaries.get(1))), lit("mid"))
            .when(col(FIRST_PURCHASE_DATE).isNotNull(), lit("late")),
        labels);
  }
}
