package io.segments.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One step of the customer path, in the manner of an MLlib pipeline stage: before anything runs it
 * declares the columns it reads and the columns it adds, then {@link #fit} learns from the snapshot's
 * customers whatever its columns depend on (cut-offs, a model) and returns what adds them. A stage
 * reads and writes nothing outside the frames it is given.
 */
public interface CustomerStage {
  /** A short name: in job_runs.stage_seconds and in errors. */
  String name();

  /** Columns of the customers the stage reads. */
  List<String> reads();

  /** Columns the stage adds. */
  List<String> adds();

  /** Learns from the customers (cached by the caller) what the stage adds; a stage that learns nothing returns itself. */
  FittedStage fit(Dataset<Row> customers);

  /**
   * {@link #fit} for a stage that explains what the stages before it learned (the reasons stage
   * reads the scoring cut-offs).
   *
   * @param earlier the fitted stages before this one, in order
   */
  default FittedStage fit(Dataset<Row> customers, List<FittedStage> earlier) {
    return fit(customers);
  }

  /**
   * Whether {@link #fit} reads the customers' rows. A stage that does not (it learns nothing, or only
   * from the stages before it) needs no earlier stage's columns to fit, so the pipeline's fit stops
   * transforming after the last stage that does and reads such columns: each transformation is a plan
   * the analyser checks whole. A stage that is its own fitted stage learns nothing.
   */
  default boolean fitReadsRows() {
    return !(this instanceof FittedStage);
  }

  /**
   * Checks, without data, that what the stage reads is among the columns the earlier stages make.
   *
   * @throws IllegalStateException naming the stage and the missing columns: a bug of the pipeline
   */
  default void checkReads(Set<String> available) {
    List<String> missing = new ArrayList<>(reads());
    missing.removeAll(available);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("stage " + name() + " reads " + missing + ", which no earlier stage adds");
    }
  }
}
