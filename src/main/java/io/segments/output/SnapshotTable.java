package io.segments.output;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One table's rows of a snapshot, as a run produces them: without snapshot_date, which the writer
 * adds in one place.
 *
 * @param spec the table
 * @param rows its rows of the snapshot
 * @param expectedRows about how many rows there are, to write files of a useful size
 */
public record SnapshotTable(TableSpec spec, Dataset<Row> rows, long expectedRows) {}
