package io.segments.features;

import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.segments.config.ClassificationConfig;
import io.segments.input.CustomerProfiles;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Every per-customer feature in one row per customer: RFM (whose rows define the customers: buyers
 * and, with a customers table, prospects), then what, when and how much they browse, and the
 * profile. The other feature frames are keyed by customer and left-joined onto RFM.
 */
public final class CustomerFeatures {
  /** The columns of {@link #compute}, in order: where the customer path starts. */
  public static final List<String> COLUMNS = List.of(
      CUSTOMER_ID, RfmFeatures.FIRST_PURCHASE_DATE, RfmFeatures.LAST_PURCHASE_DATE, RfmFeatures.RECENCY_DAYS,
      RfmFeatures.FREQUENCY, RfmFeatures.MONETARY, RfmFeatures.AVG_ORDER_VALUE, RfmFeatures.TENURE_DAYS,
      ProductFeatures.DISTINCT_CATEGORIES, ProductFeatures.FAVOURITE_CATEGORY,
      PurchaseTimes.NIGHT_SHARE, PurchaseTimes.WEEKEND_SHARE, RepeatPurchases.REPEAT_PURCHASES,
      RepeatPurchases.REPEAT_PURCHASE_VALUE,
      CustomerProfiles.CUSTOMER_TYPE, CustomerProfiles.COUNTRY, CustomerProfiles.REGION, CustomerProfiles.CITY,
      CustomerProfiles.CITY_TIER, CustomerProfiles.GENDER, ProfileFeatures.AGE_BAND, ProfileFeatures.PHONE_MASKED,
      ProfileFeatures.EMAIL_MASKED, CustomerProfiles.ACCOUNT_MANAGER, ProfileFeatures.DAYS_TO_BIRTHDAY,
      BrowseFeatures.BROWSE_PER_30_DAYS, ContactFeatures.LAST_CONTACT_DATE, LedgerFeatures.BILLED, LedgerFeatures.PAID,
      LedgerFeatures.OUTSTANDING, LedgerFeatures.OVERDUE_AMOUNT, LedgerFeatures.DAYS_PAST_DUE,
      LedgerFeatures.AGING_BUCKET, LedgerFeatures.AVG_DAYS_TO_PAY, LedgerFeatures.ON_TIME_SHARE,
      LedgerFeatures.QUALIFIED_SIGNED);

  private CustomerFeatures() {}

  /**
   * @param acceptedLines {@link io.segments.input.LineValidator#accepted}
   * @param profiles conformed customers table, if any
   * @param events conformed events table, if any: without it browse_per_30_days is null, with it a
   *     customer without events has 0
   */
  public static Dataset<Row> compute(Dataset<Row> acceptedLines, Optional<Dataset<Row>> profiles,
      Optional<Dataset<Row>> events, LocalDate asOf, int lookbackDays, ClassificationConfig config) {
    return compute(acceptedLines, profiles, events, Optional.empty(), Optional.empty(), asOf, lookbackDays, config);
  }

  /**
   * @param invoices {@link LedgerFeatures#perInvoice}, if the run has a ledger: a customer with an
   *     invoice is a customer even without a purchase or a profile
   * @param contacts conformed contacts table, if any: last_contact_date
   */
  public static Dataset<Row> compute(Dataset<Row> acceptedLines, Optional<Dataset<Row>> profiles,
      Optional<Dataset<Row>> events, Optional<Dataset<Row>> invoices, Optional<Dataset<Row>> contacts, LocalDate asOf,
      int lookbackDays, ClassificationConfig config) {
    Optional<Dataset<Row>> known = Stream.of(profiles.map(CustomerProfiles::ids),
            invoices.map(rows -> rows.select(CUSTOMER_ID)))
        .flatMap(Optional::stream)
        .reduce(Dataset::union);
    // One shuffle of the lines by customer, before any aggregation: orders, purchase days, customers and
    // categories then aggregate where the rows are, and RFM joins the categories without a shuffle.
    // Grouping lines by order first shuffled them by (customer, order), then the orders by
    // (customer, day), then the days by customer, each after a map-side hash aggregation that hardly
    // reduced anything (10M lines: RFM and categories 28.4 -> 19.8 s). The prospects are spread the same
    // way, so that their union with the orders keeps the partitioning. Column pruning gives RFM and the
    // categories each their own columns below the repartition, so Spark runs it as two shuffles that it
    // cannot reuse; see the README's next steps.
    Dataset<Row> linesByCustomer = acceptedLines.repartition(col(CUSTOMER_ID));
    Dataset<Row> history = RfmFeatures.compute(linesByCustomer, known.map(ids -> ids.repartition(col(CUSTOMER_ID))), asOf,
        lookbackDays, List.of(PurchaseTimes.aggregates(config), RepeatPurchases.aggregates()));
    Dataset<Row> profile = ProfileFeatures.compute(
        profiles.orElseGet(() -> CustomerProfiles.none(acceptedLines.sparkSession())), asOf, config);
    Dataset<Row> customers = withLeft(history, ProductFeatures.compute(linesByCustomer))
        .withColumn(ProductFeatures.DISTINCT_CATEGORIES, coalesce(col(ProductFeatures.DISTINCT_CATEGORIES), lit(0)));
    customers = withLeft(customers, profile);
    customers = events.isEmpty()
        ? customers.withColumn(BrowseFeatures.BROWSE_PER_30_DAYS, lit(null).cast(DataTypes.DoubleType))
        : withLeft(customers, BrowseFeatures.compute(events.get(), asOf, config))
            .withColumn(BrowseFeatures.BROWSE_PER_30_DAYS, coalesce(col(BrowseFeatures.BROWSE_PER_30_DAYS), lit(0.0)));
    customers = contacts.isEmpty()
        ? customers.withColumn(ContactFeatures.LAST_CONTACT_DATE, lit(null).cast(DataTypes.DateType))
        : withLeft(customers, ContactFeatures.compute(contacts.get(), asOf));
    customers = invoices.isEmpty()
        ? LedgerFeatures.withoutLedger(customers)
        : withLeft(customers, LedgerFeatures.compute(invoices.get()));
    return customers.select(COLUMNS.stream().map(functions::col).toArray(Column[]::new));
  }

  private static Dataset<Row> withLeft(Dataset<Row> customers, Dataset<Row> feature) {
    return customers.join(feature, new String[] {CUSTOMER_ID}, "left");
  }
}
