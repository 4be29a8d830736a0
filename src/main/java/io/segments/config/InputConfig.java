package io.segments.config;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.Optional;

/**
 * Input locations and the mapping from contract column names to the names in the user's files.
 *
 * @param format how the inputs are stored
 * @param transactions file, folder or glob of transaction lines; a table name for format table
 * @param customers optional customer profiles
 * @param events optional behaviour events
 * @param invoices optional ledger invoices
 * @param payments optional ledger payments
 * @param contacts optional contacts with customers, which set the due dates of actions
 * @param columns transactions: contract column name to source column name (customer_id also for
 *     the customers and events tables)
 * @param customerColumns customers: contract column name to source column name
 * @param eventColumns events: contract column name to source column name
 * @param invoiceColumns invoices: contract column name to source column name
 * @param paymentColumns payments: contract column name to source column name
 * @param contactColumns contacts: contract column name to source column name
 */
public record InputConfig(
    InputFormat format,
    String transactions,
    Optional<String> customers,
    Optional<String> events,
    Optional<String> invoices,
    Optional<String> payments,
    Optional<String> contacts,
    Map<String, String> columns,
    Map<String, String> customerColumns,
    Map<String, String> eventColumns,
    Map<String, String> invoiceColumns,
    Map<String, String> paymentColumns,
    Map<String, String> contactColumns) {

  public InputConfig {
    columns = Map.copyOf(columns);
    customerColumns = Map.copyOf(customerColumns);
    eventColumns = Map.copyOf(eventColumns);
    invoiceColumns = Map.copyOf(invoiceColumns);
    paymentColumns = Map.copyOf(paymentColumns);
    contactColumns = Map.copyOf(contactColumns);
  }

  static InputConfig from(Config c) {
    if (ConfValues.optional(c, "input.invoices").isPresent() != ConfValues.optional(c, "input.payments").isPresent()) {
      throw ConfValues.bad("input.payments", "both input.invoices and input.payments, or neither",
          "only one of them");
    }
    return new InputConfig(ConfValues.oneOf(c, "input.format", InputFormat.class),
        ConfValues.nonEmpty(c, "input.transactions"), ConfValues.optional(c, "input.customers"),
        ConfValues.optional(c, "input.events"), ConfValues.optional(c, "input.invoices"),
        ConfValues.optional(c, "input.payments"), ConfValues.optional(c, "input.contacts"),
        ConfValues.columnMap(c, "input.columns"),
        ConfValues.columnMap(c, "input.customer-columns"), ConfValues.columnMap(c, "input.event-columns"),
        ConfValues.columnMap(c, "input.invoice-columns"), ConfValues.columnMap(c, "input.payment-columns"),
        ConfValues.columnMap(c, "input.contact-columns"));
  }

  /** The column in the transactions files that holds the contract column {@code contractName}. */
  public String sourceColumn(String contractName) {
    return columns.getOrDefault(contractName, contractName);
  }

  /** The column in the customers files that holds the profile column {@code contractName}. */
  public String customerColumn(String contractName) {
    return customerColumns.getOrDefault(contractName, contractName);
  }

  /** The column in the contacts files that holds the contact column {@code contractName}. */
  public String contactColumn(String contractName) {
    return contactColumns.getOrDefault(contractName, contractName);
  }

  /** The column in the events files that holds the event column {@code contractName}. */
  public String eventColumn(String contractName) {
    return eventColumns.getOrDefault(contractName, contractName);
  }
}
