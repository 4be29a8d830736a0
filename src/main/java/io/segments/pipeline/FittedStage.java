package io.segments.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A stage ready to add its columns: a pure column transformation, so the same one applies to any frame. */
public interface FittedStage {
  Dataset<Row> transform(Dataset<Row> customers);

  /** What the stage learned from the snapshot, as JSON object members for job_runs; empty when nothing. */
  default String learned() {
    return "";
  }
}
