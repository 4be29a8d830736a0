package io.segments.features;

import static io.segments.input.LedgerInputs.DUE_DATE;
import static io.segments.input.LedgerInputs.INVOICE_DATE;
import static io.segments.input.LedgerInputs.INVOICE_ID;
import static io.segments.input.LedgerInputs.PAID_AT;
import static io.segments.input.TransactionSchema.AMOUNT;
import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.segments.input.LineValidator;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * What each customer owes and how they pay (客户账本), from the accepted invoices and payments before
 * the as-of date. An invoice is open while its positive amount exceeds what was paid against it, and
 * overdue when open after its due date; it is settled once the payments reach its amount, on the day
 * of the last payment (a payment on the due date is on time). Credit notes (negative invoices) reduce
 * what was billed and are never open; paying more than was billed leaves a negative outstanding, a
 * credit balance.
 */
public final class LedgerFeatures {
  public static final String BILLED = "billed";
  public static final String PAID = "paid";
  public static final String OUTSTANDING = "outstanding";
  public static final String OVERDUE_AMOUNT = "overdue_amount";
  public static final String DAYS_PAST_DUE = "days_past_due";
  public static final String AGING_BUCKET = "aging_bucket";
  public static final String AVG_DAYS_TO_PAY = "avg_days_to_pay";
  public static final String ON_TIME_SHARE = "on_time_share";
  public static final String QUALIFIED_SIGNED = "qualified_signed";

  /** The columns of {@link #compute}, customer_id aside. */
  public static final List<String> COLUMNS = List.of(BILLED, PAID, OUTSTANDING, OVERDUE_AMOUNT, DAYS_PAST_DUE,
      AGING_BUCKET, AVG_DAYS_TO_PAY, ON_TIME_SHARE, QUALIFIED_SIGNED);

  /** Per invoice: what is still open of it (positive amounts only) and its days past due. */
  public static final String OPEN_AMOUNT = "open_amount";
  private static final String PAID_TOTAL = "paid_total";
  private static final String SETTLED_ON = "settled_on";
  private static final String INVOICE_DAYS_PAST_DUE = "invoice_days_past_due";

  private LedgerFeatures() {}

  /**
   * One row per accepted invoice: customer_id, invoice_id, invoice_date, due_date, amount, what was
   * paid against it, the date it was settled, what is open and, while open, its days past due (0 when
   * not yet due) and aging bucket.
   *
   * @param invoices validated invoices
   * @param payments validated payments
   */
  public static Dataset<Row> perInvoice(Dataset<Row> invoices, Dataset<Row> payments, LocalDate asOf) {
    Dataset<Row> paidPerInvoice = accepted(payments)
        .groupBy(col(INVOICE_ID))
        .agg(sum(col(AMOUNT)).as(PAID_TOTAL), max(col(PAID_AT)).as(SETTLED_ON));
    Column paid = coalesce(col(PAID_TOTAL), lit(0).cast(LineValidator.AMOUNT_TYPE));
    Column open = when(col(AMOUNT).gt(0).and(col(AMOUNT).gt(paid)), col(AMOUNT).minus(paid));
    Column daysPastDue = when(open.isNotNull(), greatest(datediff(lit(asOf), col(DUE_DATE)), lit(0)));
    return accepted(invoices)
        .select(CUSTOMER_ID, INVOICE_ID, INVOICE_DATE, DUE_DATE, AMOUNT)
        .join(paidPerInvoice, new String[] {INVOICE_ID}, "left")
        .select(col(CUSTOMER_ID), col(INVOICE_ID), col(INVOICE_DATE), col(DUE_DATE), col(AMOUNT),
            paid.as(PAID_TOTAL),
            when(col(AMOUNT).gt(0).and(paid.geq(col(AMOUNT))), col(SETTLED_ON)).as(SETTLED_ON),
            open.cast(LineValidator.AMOUNT_TYPE).as(OPEN_AMOUNT),
            daysPastDue.as(INVOICE_DAYS_PAST_DUE),
            agingBucket(daysPastDue).as(AGING_BUCKET));
  }

  /** The ledger columns per customer with an invoice, from {@link #perInvoice}. */
  public static Dataset<Row> compute(Dataset<Row> perInvoice) {
    Column settled = col(SETTLED_ON).isNotNull();
    Column overdue = col(INVOICE_DAYS_PAST_DUE).gt(0);
    Column money = lit(0).cast(LineValidator.AMOUNT_TYPE);
    return perInvoice
        .groupBy(col(CUSTOMER_ID))
        .agg(sum(col(AMOUNT)).as(BILLED),
            sum(col(PAID_TOTAL)).as(PAID),
            coalesce(sum(when(overdue, col(OPEN_AMOUNT))), money).as(OVERDUE_AMOUNT),
            max(col(INVOICE_DAYS_PAST_DUE)).as(DAYS_PAST_DUE),
            avg(when(settled, datediff(col(SETTLED_ON), col(INVOICE_DATE)))).as(AVG_DAYS_TO_PAY),
            avg(when(settled, when(col(SETTLED_ON).leq(col(DUE_DATE)), 1.0).otherwise(0.0))).as(ON_TIME_SHARE),
            count(when(col(AMOUNT).gt(0), lit(1))).as("positive_invoices"),
            count(col(OPEN_AMOUNT)).as("open_invoices"))
        .select(col(CUSTOMER_ID),
            col(BILLED).cast(LineValidator.AMOUNT_TYPE).as(BILLED),
            col(PAID).cast(LineValidator.AMOUNT_TYPE).as(PAID),
            col(BILLED).minus(col(PAID)).cast(LineValidator.AMOUNT_TYPE).as(OUTSTANDING),
            col(OVERDUE_AMOUNT).cast(LineValidator.AMOUNT_TYPE).as(OVERDUE_AMOUNT),
            col(DAYS_PAST_DUE),
            coalesce(agingBucket(col(DAYS_PAST_DUE)), lit("current")).as(AGING_BUCKET),
            col(AVG_DAYS_TO_PAY),
            col(ON_TIME_SHARE),
            col("positive_invoices").gt(0).and(col("open_invoices").equalTo(0)).as(QUALIFIED_SIGNED));
  }

  /** current (not past due), 1-30, 31-60, 61-90, 90+ days past due; null where nothing is open. */
  private static Column agingBucket(Column daysPastDue) {
    return when(daysPastDue.equalTo(0), lit("current"))
        .when(daysPastDue.leq(30), lit("1-30"))
        .when(daysPastDue.leq(60), lit("31-60"))
        .when(daysPastDue.leq(90), lit("61-90"))
        .when(daysPastDue.gt(90), lit("90+"));
  }

  private static Dataset<Row> accepted(Dataset<Row> validated) {
    return validated.where(col(LineValidator.LINE_STATUS).equalTo(LineValidator.ACCEPTED));
  }

  /** Null ledger columns, for a run without a ledger. */
  public static Dataset<Row> withoutLedger(Dataset<Row> customers) {
    return customers
        .withColumn(BILLED, lit(null).cast(LineValidator.AMOUNT_TYPE))
        .withColumn(PAID, lit(null).cast(LineValidator.AMOUNT_TYPE))
        .withColumn(OUTSTANDING, lit(null).cast(LineValidator.AMOUNT_TYPE))
        .withColumn(OVERDUE_AMOUNT, lit(null).cast(LineValidator.AMOUNT_TYPE))
        .withColumn(DAYS_PAST_DUE, lit(null).cast(DataTypes.IntegerType))
        .withColumn(AGING_BUCKET, lit(null).cast(DataTypes.StringType))
        .withColumn(AVG_DAYS_TO_PAY, lit(null).cast(DataTypes.DoubleType))
        .withColumn(ON_TIME_SHARE, lit(null).cast(DataTypes.DoubleType))
        .withColumn(QUALIFIED_SIGNED, lit(null).cast(DataTypes.BooleanType));
  }
}
