package io.segments.job;

import static io.segments.support.Frames.of;
import static io.segments.support.Frames.row;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.segments.config.ConfigLoader;
import io.segments.support.SharedSparkSession;
import io.segments.support.SparkTest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The customer ledger on a hand-built history as of 2026-01-01, every number worked out by hand:
 * <ul>
 *   <li>a: i1 100 due 2025-10-31 paid on that very day (on time, 30 days); i2 200 due 2025-12-01 paid 50
 *       + 50, so 100 open and 31 days past due: slow, 31-60;
 *   <li>b: i3 500 due 2025-09-15 paid 300 + 250 (overpaid, settled 2025-10-20: 49 days, late) and a
 *       credit note i4 of -30: billed 470, paid 550, outstanding -80, nothing open; on time share 0: slow;
 *   <li>c: i5 1000 due 2026-01-20, after the as-of date: open but current, not overdue: prompt;
 *   <li>d: i6 400 due 2025-07-01 never paid: 184 days past due, 90+, delinquent; its payment on
 *       2026-01-05 is after the as-of date and excluded;
 *   <li>e: i7 dated after the as-of date (excluded, and so is its payment): no ledger columns;
 *   <li>f: has an invoice and no purchase: a customer all the same, paid 80 on time: prompt;
 *   <li>rejected: an invoice without id, one whose due date is "soon", a payment of an unknown invoice.
 * </ul>
 */
@SparkTest
class LedgerJobTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-01-01");
  private static final String INVOICES = "invoice_id STRING, customer_id STRING, invoice_date STRING, due_date STRING, "
      + "amount DECIMAL(18,2)";
  private static final String PAYMENTS = "payment_id STRING, invoice_id STRING, customer_id STRING, paid_at STRING, "
      + "amount DECIMAL(18,2)";

  @TempDir static Path dir;
  private static RunResult result;
  private static Map<String, Row> customers;

  @BeforeAll
  static void runOnTheHandBuiltLedger() {
    SparkSession spark = SharedSparkSession.get();
    List<Row> lines = new ArrayList<>();
    for (String customer : List.of("a", "b", "c", "d", "e")) {
      lines.add(row("o-" + customer, customer, Timestamp.valueOf("2025-08-01 10:00:00"), new BigDecimal("50.00")));
    }
    of(spark, "order_id STRING, customer_id STRING, order_ts TIMESTAMP, amount DECIMAL(18,2)", lines)
        .write().parquet(dir.resolve("lines").toString());
    of(spark, INVOICES,
        row("i1", "a", "2025-10-01", "2025-10-31", money("100")),
        row("i2", "a", "2025-11-01", "2025-12-01", money("200")),
        row("i3", "b", "2025-09-01", "2025-09-15", money("500")),
        row("i4", "b", "2025-11-01", "2025-11-01", money("-30")),
        row("i5", "c", "2025-12-10", "2026-01-20", money("1000")),
        row("i6", "d", "2025-06-01", "2025-07-01", money("400")),
        row("i7", "e", "2026-01-10", "2026-02-10", money("70")),
        row(" ", "e", "2025-10-01", "2025-10-31", money("10")),
        row("i9", "e", "2025-10-01", "soon", money("10")),
        row("i10", "f", "2025-12-01", "2025-12-31", money("80")))
        .write().parquet(dir.resolve("invoices").toString());
    of(spark, PAYMENTS,
        row("p1", "i1", "a", "2025-10-31", money("100")),
        row("p2", "i2", "a", "2025-11-15", money("50")),
        row("p3", "i2", "a", "2025-11-20 16:00:00", money("50")),
        row("p4", "i3", "b", "2025-09-10", money("300")),
        row("p5", "i3", "b", "2025-10-20", money("250")),
        row("p6", "i6", "d", "2026-01-05", money("400")),
        row("p7", "i7", "e", "2025-12-31", money("70")),
        row("p8", "i99", "e", "2025-12-01", money("5")),
        row("p9", "i10", "f", "2025-12-20", money("80")))
        .write().parquet(dir.resolve("payments").toString());
    Map<String, String> conf = new HashMap<>(Map.of(
        "input.transactions", dir.resolve("lines").toString(),
        "input.invoices", dir.resolve("invoices").toString(),
        "input.payments", dir.resolve("payments").toString(),
        "output.warehouse", dir.resolve("warehouse").toString(),
        "job.time-zone", "UTC", "job.locale", "en", "spark.shuffle-partitions", "2", "clustering.k", "2"));
    result = new NightlyJob(spark, ConfigLoader.load(Optional.empty(), conf)).run(AS_OF);
    customers = new TreeMap<>();
    table(spark, "customer_segments").collectAsList().forEach(r -> customers.put(r.getAs("customer_id"), r));
  }

  @AfterAll
  static void restoreSession() {
    SharedSparkSession.restoreSettings();
  }

  private static BigDecimal money(String amount) {
    return new BigDecimal(amount).setScale(2);
  }

  private static Dataset<Row> table(SparkSession spark, String name) {
    return spark.read().format("delta").load(dir.resolve("warehouse/segments/" + name).toString());
  }

  private static List<Object> ledger(String customer) {
    Row r = customers.get(customer);
    List<Object> values = new ArrayList<>();
    for (String column : List.of("billed", "paid", "outstanding", "overdue_amount", "days_past_due", "aging_bucket",
        "avg_days_to_pay", "on_time_share", "qualified_signed", "payment_tier", "payment_tier_label")) {
      values.add(r.getAs(column));
    }
    return values;
  }

  @Test
  void eachCustomersLedgerIsWhatTheInvoicesAndPaymentsSay() {
    assertEquals(List.of(money("300"), money("200"), money("100"), money("100"), 31, "31-60", 30.0, 1.0, false,
        "slow", "Slow"), ledger("a"));
    assertEquals(List.of(money("470"), money("550"), money("-80"), money("0"), "current", 49.0, 0.0, true, "slow",
        "Slow"), withoutNull(ledger("b"), 4));
    assertNull(customers.get("b").getAs("days_past_due"), "nothing open");
    assertEquals(List.of(money("1000"), money("0"), money("1000"), money("0"), 0, "current"), ledger("c").subList(0, 6));
    assertEquals("prompt", customers.get("c").getAs("payment_tier"));
    assertEquals(List.of(money("400"), money("0"), money("400"), money("400"), 184, "90+"), ledger("d").subList(0, 6));
    assertEquals("delinquent", customers.get("d").getAs("payment_tier"));
    assertEquals(java.util.Collections.nCopies(10, null), ledger("e").subList(0, 10));
    assertEquals(List.of(money("80"), money("80"), money("0"), money("0"), "current", 19.0, 1.0, true, "prompt",
        "Prompt"), withoutNull(ledger("f"), 4));
    assertEquals("no_purchase", customers.get("f").getAs("rfm_segment"), "a customer by the ledger alone");
  }

  private static List<Object> withoutNull(List<Object> values, int index) {
    List<Object> rest = new ArrayList<>(values);
    rest.remove(index);
    return rest;
  }

  @Test
  void everyLedgerRowIsAcceptedRejectedOrExcludedAndCounted(SparkSession spark) {
    assertEquals(Map.of("invoices.input", 10L, "invoices.accepted", 7L, "invoices.rejected", 2L,
        "invoices.excluded", 1L, "payments.input", 9L, "payments.accepted", 6L, "payments.rejected", 1L,
        "payments.excluded", 2L), result.ledgerRows());
    Row run = table(spark, "job_runs").first();
    assertEquals(result.ledgerRows(), scala.jdk.javaapi.CollectionConverters.asJava(
        run.<scala.collection.Map<String, Long>>getAs("ledger_rows")));

    Map<String, String> rejected = new TreeMap<>();
    table(spark, "rejected_transactions").where(col("source_table").notEqual("transactions")).collectAsList()
        .forEach(r -> rejected.put(r.getAs("source_table") + ":" + r.getAs("order_id"), r.getAs("reject_reason")));
    assertEquals(Map.of("invoices: ", "missing_invoice_id", "invoices:i9", "invalid_due_date",
        "payments:p8", "unknown_invoice"), rejected);
    Row unknown = table(spark, "rejected_transactions").where(col("order_id").equalTo("p8")).first();
    assertEquals(Map.of("invoice_id", "i99"), unknown.getJavaMap(unknown.fieldIndex("other_columns")));
  }

  @Test
  void receivablesAgingSumsTheOpenInvoicesByBucket(SparkSession spark) {
    Map<String, String> aging = new TreeMap<>();
    table(spark, "receivables_aging").collectAsList().forEach(r -> aging.put(r.getAs("aging_bucket"),
        r.getAs("invoices") + " invoices, " + r.getAs("customers") + " customers, " + r.getAs("amount")));
    assertEquals(Map.of("31-60", "1 invoices, 1 customers, 100.00", "current", "1 invoices, 1 customers, 1000.00",
        "90+", "1 invoices, 1 customers, 400.00"), aging);
  }

  @Test
  void theSummaryCountsCustomersByPaymentTier(SparkSession spark) {
    Map<String, Long> tiers = new TreeMap<>();
    table(spark, "segment_summary").where(col("dimension").equalTo("payment_tier")).collectAsList()
        .forEach(r -> tiers.put(r.getAs("segment"), r.<Long>getAs("customers")));
    assertEquals(Map.of("slow", 2L, "prompt", 2L, "delinquent", 1L, "unknown", 1L), tiers);
  }
}
