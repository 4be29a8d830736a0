package io.segments.config;

import java.util.Map;
import java.util.Optional;

/**
 * Input locations and the mapping from contract column names to the names in the user's files.
 *
 * @param transactions Parquet file or folder of transaction lines
 * @param customers optional Parquet file or folder of customer profiles
 * @param columns contract column name to source column name
 */
public record InputConfig(String transactions, Optional<String> customers, Map<String, String> columns) {

  public InputConfig {
    columns = Map.copyOf(columns);
  }

  /** The column in the source files that holds the contract column {@code contractName}. */
  public String sourceColumn(String contractName) {
    return columns.getOrDefault(contractName, contractName);
  }
}
