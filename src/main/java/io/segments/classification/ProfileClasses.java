package io.segments.classification;

import static io.segments.features.ProfileFeatures.AGE_BAND;
import static io.segments.input.CustomerProfiles.CITY_TIER;
import static io.segments.input.CustomerProfiles.COUNTRY;
import static io.segments.input.CustomerProfiles.CUSTOMER_TYPE;
import static io.segments.input.CustomerProfiles.GENDER;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.segments.config.ClassificationConfig;
import io.segments.config.Labels;
import io.segments.pipeline.Labelled;
import io.segments.pipeline.LocalizedLabel;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The profile classes: customer_type and gender (already keys, labelled here), geography
 * (domestic / foreign against the home country), city_tier's label, and age_band (a key from the
 * features, labelled here). Unknown profile values stay null.
 */
public final class ProfileClasses {
  public static final String GEOGRAPHY = "geography";

  private ProfileClasses() {}

  static Dataset<Row> apply(Dataset<Row> customers, ClassificationConfig config, Labels labels) {
    Dataset<Row> labelled = Labelled.withKey(customers, CUSTOMER_TYPE, col(CUSTOMER_TYPE), labels.of(CUSTOMER_TYPE));
    labelled = Labelled.withKey(labelled, GENDER, col(GENDER), labels.of(GENDER));
    labelled = Labelled.withKey(labelled, GEOGRAPHY,
        when(upper(col(COUNTRY)).equalTo(config.homeCountry().toUpperCase(Locale.ROOT)), lit("domestic"))
            .when(col(COUNTRY).isNotNull(), lit("foreign")),
        labels.of(GEOGRAPHY));
    labelled = labelled.withColumn(CITY_TIER + LocalizedLabel.SUFFIX,
        LocalizedLabel.of(col(CITY_TIER).cast("string"), labels.of(CITY_TIER)));
    return Labelled.withKey(labelled, AGE_BAND, col(AGE_BAND), labels.of(AGE_BAND));
  }
}
