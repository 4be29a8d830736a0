package io.segments.input;

import static io.segments.input.LineValidator.ACCEPTED;
import static io.segments.input.LineValidator.EXCLUDED;
import static io.segments.input.LineValidator.LINE_STATUS;
import static io.segments.input.LineValidator.REJECTED;
import static io.segments.input.LineValidator.REJECTED_LINE;
import static io.segments.input.LineValidator.REJECT_REASON;
import static io.segments.input.TransactionSchema.AMOUNT;
import static io.segments.input.TransactionSchema.CUSTOMER_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.segments.InvalidInputException;
import io.segments.config.InputConfig;
import io.segments.config.ValidationConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The optional ledger inputs (客户账本): invoices and payments, conformed and validated like the
 * transaction lines. Every row is accepted, rejected with a reason, or excluded (dated on or after the
 * as-of date, for a later snapshot). A rejected row takes the shape of rejected_transactions: its id
 * in order_id, its date in order_ts, its amount, the other contract columns in other_columns.
 */
public final class LedgerInputs {
  public static final String INVOICE_ID = "invoice_id";
  public static final String INVOICE_DATE = "invoice_date";
  public static final String DUE_DATE = "due_date";
  public static final String PAYMENT_ID = "payment_id";
  public static final String PAID_AT = "paid_at";

  public static final String TRANSACTIONS = "transactions";
  public static final String INVOICES = "invoices";
  public static final String PAYMENTS = "payments";

  private final ValidationConfig validation;
  private final InputConfig input;

  public LedgerInputs(ValidationConfig validation, InputConfig input) {
    this.validation = validation;
    this.input = input;
  }

  /**
   * invoice_id, customer_id, invoice_date, due_date, amount (a negative amount is a credit note), plus
   * the status, reason and rejected row. An invoice dated on or after the as-of date is excluded.
   *
   * @throws InvalidInputException when a column is missing or cannot hold ids
   */
  public Dataset<Row> invoices(Dataset<Row> raw, String source, LocalDate asOf) {
    String id = column(raw, INVOICES, INVOICE_ID, source);
    String customer = column(raw, INVOICES, CUSTOMER_ID, source);
    String issued = column(raw, INVOICES, INVOICE_DATE, source);
    String due = column(raw, INVOICES, DUE_DATE, source);
    String amount = column(raw, INVOICES, AMOUNT, source);
    Column issuedOn = LineValidator.timestamp(raw, issued, validation).cast(DataTypes.DateType);
    Column dueOn = LineValidator.timestamp(raw, due, validation).cast(DataTypes.DateType);
    Column money = col(quoted(amount)).try_cast(LineValidator.AMOUNT_TYPE);
    Column reason = when(Ids.isBlank(col(quoted(id))), "missing_invoice_id")
        .when(Ids.isBlank(col(quoted(customer))), "missing_customer_id")
        .when(issuedOn.isNull(), "invalid_invoice_date")
        .when(dueOn.isNull(), "invalid_due_date")
        .when(money.isNull(), "invalid_amount")
        .when(LineValidator.outOfRange(money, validation), "amount_out_of_range");
    return statused(raw.select(
            Ids.of(raw, id, INVOICES, source).as(INVOICE_ID),
            Ids.of(raw, customer, INVOICES, source).as(CUSTOMER_ID),
            issuedOn.as(INVOICE_DATE), dueOn.as(DUE_DATE), money.as(AMOUNT),
            reason.as(REJECT_REASON),
            rejectedRow(raw, id, customer, issued, amount, List.of(DUE_DATE), List.of(due)).as(REJECTED_LINE)),
        col(INVOICE_DATE).geq(lit(asOf)));
  }

  /**
   * payment_id, invoice_id, paid_at (a date), amount, plus the status, reason and rejected row. A
   * payment of an invoice that is not in the invoices is rejected as unknown_invoice; one made on or
   * after the as-of date, or of an excluded invoice, is excluded.
   *
   * @param invoices the output of {@link #invoices}
   */
  public Dataset<Row> payments(Dataset<Row> raw, String source, Dataset<Row> invoices, LocalDate asOf) {
    String id = column(raw, PAYMENTS, PAYMENT_ID, source);
    String invoice = column(raw, PAYMENTS, INVOICE_ID, source);
    String customer = column(raw, PAYMENTS, CUSTOMER_ID, source);
    String paid = column(raw, PAYMENTS, PAID_AT, source);
    String amount = column(raw, PAYMENTS, AMOUNT, source);
    Column paidOn = LineValidator.timestamp(raw, paid, validation).cast(DataTypes.DateType);
    Column money = col(quoted(amount)).try_cast(LineValidator.AMOUNT_TYPE);
    Dataset<Row> known = invoices.where(col(LINE_STATUS).notEqual(REJECTED))
        .select(col(INVOICE_ID).as("known_invoice"), col(LINE_STATUS).as("invoice_status"))
        .dropDuplicates("known_invoice");
    Dataset<Row> payments = raw.select(
            Ids.of(raw, id, PAYMENTS, source).as(PAYMENT_ID),
            Ids.of(raw, invoice, PAYMENTS, source).as(INVOICE_ID),
            paidOn.as(PAID_AT), money.as(AMOUNT),
            when(Ids.isBlank(col(quoted(id))), "missing_payment_id")
                .when(Ids.isBlank(col(quoted(invoice))), "missing_invoice_id")
                .when(paidOn.isNull(), "invalid_paid_at")
                .when(money.isNull(), "invalid_amount")
                .when(LineValidator.outOfRange(money, validation), "amount_out_of_range").as(REJECT_REASON),
            rejectedRow(raw, id, customer, paid, amount, List.of(INVOICE_ID), List.of(invoice)).as(REJECTED_LINE))
        .join(broadcast(known), col(INVOICE_ID).equalTo(col("known_invoice")), "left");
    return statused(
        payments.withColumn(REJECT_REASON,
            when(col(REJECT_REASON).isNull().and(col("known_invoice").isNull()), lit("unknown_invoice"))
                .otherwise(col(REJECT_REASON))),
        col(PAID_AT).geq(lit(asOf)).or(col("invoice_status").equalTo(EXCLUDED)))
        .drop("known_invoice", "invoice_status");
  }

  /** Adds line_status: rejected where there is a reason, excluded where {@code later} holds, else accepted. */
  private static Dataset<Row> statused(Dataset<Row> rows, Column later) {
    return rows.withColumn(LINE_STATUS, when(col(REJECT_REASON).isNotNull(), lit(REJECTED))
            .when(later, lit(EXCLUDED))
            .otherwise(lit(ACCEPTED)))
        .withColumn(REJECTED_LINE, when(col(REJECT_REASON).isNotNull(), col(REJECTED_LINE)));
  }

  /** The source column of a ledger contract column, which must be there. */
  private String column(Dataset<Row> raw, String table, String contract, String source) {
    String name = (table.equals(INVOICES) ? input.invoiceColumns() : input.paymentColumns())
        .getOrDefault(contract, contract);
    if (!Arrays.asList(raw.columns()).contains(name)) {
      throw new InvalidInputException(table + " " + source + ": missing required column '" + name + "'");
    }
    return name;
  }

  private static Column rejectedRow(Dataset<Row> raw, String id, String customer, String date, String amount,
      List<String> otherNames, List<String> otherColumns) {
    List<Column> others = new ArrayList<>();
    for (int i = 0; i < otherNames.size(); i++) {
      others.add(lit(otherNames.get(i)));
      others.add(text(otherColumns.get(i)));
    }
    Column file = Arrays.asList(raw.columns()).contains(InputReader.INPUT_FILE)
        ? col(InputReader.INPUT_FILE)
        : lit(null).cast(DataTypes.StringType);
    Column none = lit(null).cast(DataTypes.StringType);
    return struct(text(id).as(TransactionSchema.ORDER_ID), text(customer).as(CUSTOMER_ID),
        text(date).as(TransactionSchema.ORDER_TS), text(amount).as(AMOUNT), none.as(TransactionSchema.QUANTITY),
        none.as(TransactionSchema.CATEGORY), none.as(TransactionSchema.CHANNEL), none.as(TransactionSchema.LINE_ID),
        file.as(TransactionSchema.SOURCE_FILE), map(others.toArray(Column[]::new)).as(TransactionSchema.OTHER_COLUMNS));
  }

  private static Column text(String column) {
    return col(quoted(column)).cast(DataTypes.StringType);
  }

  private static String quoted(String name) {
    return TransactionSchema.quoted(name);
  }
}
