package io.segments.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A stage ready to add its columns to the snapshot's customers. Most are column transformations that
 * apply to any frame; the Pareto ranking keeps the ranks of the customers it was fitted on.
 */
public interface FittedStage {
  Dataset<Row> transform(Dataset<Row> customers);

  /** What the stage learned from the snapshot, as JSON object members for job_runs; empty when nothing. */
  default String learned() {
    return "";
  }
}
