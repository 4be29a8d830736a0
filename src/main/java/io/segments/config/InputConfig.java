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
 * @param columns transactions: contract column name to source column name (customer_id also for
 *     the customers and events tables)
 * @param customerColumns customers: contract column name to source column name
 * @param eventColumns events: contract column name to source column name
 */
public record InputConfig(
    InputFormat format,
    String transactions,
    Optional<String> customers,
    Optional<String> events,
    Map<String, String> columns,
    Map<String, String> customerColumns,
    Map<String, String> eventColumns) {

  public InputConfig {
    columns = Map.copyOf(columns);
    customerColumns = Map.copyOf(customerColumns);
    eventColumns = Map.copyOf(eventColumns);
  }

  static InputConfig from(Config c) {
    return new InputConfig(ConfValues.oneOf(c, "input.format", InputFormat.class),
        ConfValues.nonEmpty(c, "input.transactions"), ConfValues.optional(c, "input.customers"),
        ConfValues.optional(c, "input.events"), ConfValues.columnMap(c, "input.columns"),
        ConfValues.columnMap(c, "input.customer-columns"), ConfValues.columnMap(c, "input.event-columns"));
  }

  /** The column in the transactions files that holds the contract column {@code contractName}. */
  public String sourceColumn(String contractName) {
    return columns.getOrDefault(contractName, contractName);
  }

  /** The column in the customers files that holds the profile column {@code contractName}. */
  public String customerColumn(String contractName) {
    return customerColumns.getOrDefault(contractName, contractName);
  }

  /** The column in the events files that holds the event column {@code contractName}. */
  public String eventColumn(String contractName) {
    return eventColumns.getOrDefault(contractName, contractName);
  }
}
