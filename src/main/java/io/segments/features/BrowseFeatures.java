package io.segments.features;

import static io.segments.input.BehaviourEvents.EVENT_TS;
import static io.segments.input.BehaviourEvents.EVENT_TYPE;
import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;

import io.segments.config.ClassificationConfig;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * browse_per_30_days: events of the configured types (view, click) in the window before the as-of
 * date, scaled to 30 days. Only customers with such events get a row; the job gives the others 0.
 */
public final class BrowseFeatures {
  public static final String BROWSE_PER_30_DAYS = "browse_per_30_days";

  private BrowseFeatures() {}

  /** @param events {@link io.segments.input.BehaviourEvents#conform} */
  public static Dataset<Row> compute(Dataset<Row> events, LocalDate asOf, ClassificationConfig config) {
    LocalDate windowStart = asOf.minusDays(config.browseWindowDays());
    return events
        .where(col(EVENT_TS).geq(lit(windowStart).cast(DataTypes.TimestampType))
            .and(col(EVENT_TS).lt(lit(asOf).cast(DataTypes.TimestampType)))
            .and(lower(col(EVENT_TYPE)).isin(config.browseEventTypes().stream().map(String::toLowerCase).toArray())))
        .groupBy(col(CUSTOMER_ID))
        .agg(count(lit(1)).multiply(30.0).divide(config.browseWindowDays()).as(BROWSE_PER_30_DAYS));
  }
}
