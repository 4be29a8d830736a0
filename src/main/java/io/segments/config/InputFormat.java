package io.segments.config;

/** How the inputs are stored (input.format). */
public enum InputFormat {
  /** A folder with a _delta_log is Delta, anything else Parquet. */
  AUTO,
  PARQUET,
  /** Read through the table's log: files the table has removed are not read. */
  DELTA,
  /** With a header line; every value is read as text and cast by the validation. */
  CSV,
  /** The input paths are table names in the session's catalog. */
  TABLE
}
