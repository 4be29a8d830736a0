package io.segments.job;

import io.segments.review.ReviewFigures;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a completed run did: the row counts that job_runs records (with the customers-table rows
 * left out for a blank customer_id), the cluster model version it used, the review against the
 * previous snapshot, the stage times, and where the tables are.
 */
public record RunResult(
    String runId,
    LocalDate asOf,
    Instant startedAt,
    Instant endedAt,
    LineCounts lines,
    long customers,
    long blankProfileIds,
    Map<String, Long> ledgerRows,
    int clusterModelVersion,
    ReviewFigures review,
    Map<String, Double> stageSeconds,
    int shufflePartitions,
    String warehouse) {

  public RunResult {
    stageSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds));
    ledgerRows = Map.copyOf(ledgerRows);
  }
}
