package io.segments.classification;

import static io.segments.features.RfmFeatures.FIRST_PURCHASE_DATE;
import static io.segments.features.RfmFeatures.LAST_PURCHASE_DATE;
import static io.segments.features.RfmFeatures.RECENCY_DAYS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.segments.config.ClassificationConfig;
import io.segments.config.Labels;
import io.segments.features.BrowseFeatures;
import io.segments.features.ProductFeatures;
import io.segments.features.ProfileFeatures;
import io.segments.features.PurchaseTimes;
import io.segments.features.RfmFeatures;
import io.segments.input.CustomerProfiles;
import io.segments.pipeline.CustomerStage;
import io.segments.pipeline.FittedStage;
import io.segments.pipeline.Labelled;
import io.segments.pipeline.LocalizedLabel;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The classifications stage: the cohort, the profile classes and the behaviour classes, each key with
 * its label. It learns the cohort boundaries when the conf does not fix them: the thirds of the
 * business history, from the first purchase of any customer to the as-of date (any purchaser's last
 * purchase plus its recency), in one aggregate.
 */
public final class CustomerClasses implements CustomerStage {
  private final ClassificationConfig config;
  private final Labels labels;

  public CustomerClasses(ClassificationConfig config, Labels labels) {
    this.config = config;
    this.labels = labels;
  }

  @Override
  public String name() {
    return "classes";
  }

  @Override
  public List<String> reads() {
    return List.of(FIRST_PURCHASE_DATE, LAST_PURCHASE_DATE, RECENCY_DAYS, CustomerProfiles.CUSTOMER_TYPE,
        CustomerProfiles.GENDER, CustomerProfiles.COUNTRY, CustomerProfiles.CITY_TIER, ProfileFeatures.AGE_BAND,
        ProductFeatures.DISTINCT_CATEGORIES, PurchaseTimes.NIGHT_SHARE, BrowseFeatures.BROWSE_PER_30_DAYS);
  }

  @Override
  public List<String> adds() {
    return Stream.of(
            Labelled.columns(Cohorts.CUSTOMER_COHORT),
            List.of(CustomerProfiles.CUSTOMER_TYPE + LocalizedLabel.SUFFIX,
                CustomerProfiles.GENDER + LocalizedLabel.SUFFIX),
            Labelled.columns(ProfileClasses.GEOGRAPHY),
            List.of(CustomerProfiles.CITY_TIER + LocalizedLabel.SUFFIX, ProfileFeatures.AGE_BAND + LocalizedLabel.SUFFIX),
            Labelled.columns(BehaviourClasses.PRODUCT_BREADTH, BehaviourClasses.TIME_HABIT,
                BehaviourClasses.BROWSE_LEVEL))
        .flatMap(List::stream)
        .toList();
  }

  @Override
  public Model fit(Dataset<Row> customers) {
    return new Model(config.cohortBoundaries().orElseGet(() -> historyThirds(customers)), config, labels);
  }

  /** Two dates splitting the business history in thirds; empty when nobody has purchased. */
  private static List<LocalDate> historyThirds(Dataset<Row> customers) {
    Row row = customers.where(RfmFeatures.isPurchaser())
        .agg(min(col(FIRST_PURCHASE_DATE)), max(date_add(col(LAST_PURCHASE_DATE), col(RECENCY_DAYS))))
        .first();
    if (row.isNullAt(0)) {
      return List.of();
    }
    LocalDate start = row.getDate(0).toLocalDate();
    long span = row.getDate(1).toLocalDate().toEpochDay() - start.toEpochDay();
    return List.of(start.plusDays(span / 3), start.plusDays(2 * span / 3));
  }

  /**
   * The classifications of one snapshot.
   *
   * @param cohortBoundaries first-purchase dates splitting early / mid / late; empty without purchasers
   */
  public record Model(List<LocalDate> cohortBoundaries, ClassificationConfig config, Labels labels)
      implements FittedStage {
    public Model {
      cohortBoundaries = List.copyOf(cohortBoundaries);
    }

    @Override
    public Dataset<Row> transform(Dataset<Row> customers) {
      Dataset<Row> classified = Cohorts.apply(customers, cohortBoundaries, labels.of(Cohorts.CUSTOMER_COHORT));
      classified = ProfileClasses.apply(classified, config, labels);
      return BehaviourClasses.apply(classified, config, labels);
    }

    @Override
    public String learned() {
      return "\"cohort_boundaries\":" + cohortBoundaries.stream().map(date -> "\"" + date + "\"").toList();
    }
  }
}
