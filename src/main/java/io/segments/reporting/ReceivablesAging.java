package io.segments.reporting;

import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;

import io.segments.features.LedgerFeatures;
import io.segments.input.CustomerProfiles;
import io.segments.input.LineValidator;
import io.segments.input.TransactionSchema;
import io.segments.output.SegmentTables;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** receivables_aging: what is owed on open invoices by aging bucket, customer type and region. */
public final class ReceivablesAging {
  private ReceivablesAging() {}

  /**
   * @param perInvoice {@link LedgerFeatures#perInvoice}
   * @param customers customer_segments rows of the snapshot, for each customer's type and region
   */
  public static Dataset<Row> compute(Dataset<Row> perInvoice, Dataset<Row> customers) {
    return perInvoice.where(col(LedgerFeatures.OPEN_AMOUNT).isNotNull())
        .join(customers.select(CUSTOMER_ID, CustomerProfiles.CUSTOMER_TYPE, CustomerProfiles.REGION),
            new String[] {CUSTOMER_ID}, "left")
        .groupBy(col(LedgerFeatures.AGING_BUCKET), col(CustomerProfiles.CUSTOMER_TYPE), col(CustomerProfiles.REGION))
        .agg(count(col(TransactionSchema.AMOUNT)).as("invoices"),
            countDistinct(col(CUSTOMER_ID)).as("customers"),
            sum(col(LedgerFeatures.OPEN_AMOUNT)).cast(LineValidator.AMOUNT_TYPE).as("amount"));
  }

  /** No rows: a run without a ledger has nothing owed to show. */
  public static Dataset<Row> none(SparkSession spark) {
    return spark.createDataFrame(List.of(), SegmentTables.RECEIVABLES_AGING.snapshotRowSchema());
  }
}
