package io.segments.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times the stages of a run and prints a progress line per stage. Stages may run side by side in two
 * threads (the ledger beside read+validate); their seconds then overlap.
 */
public final class StageTimer {
  private static final Logger LOG = LoggerFactory.getLogger(StageTimer.class);

  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private final Map<String, Long> rows = new LinkedHashMap<>();
  private final Consumer<String> onStart;

  /** A timer that tells no one when a stage starts. */
  public StageTimer() {
    this(stage -> {});
  }

  /** @param onStart told each stage's name as it starts (the job names its Spark jobs after it) */
  public StageTimer(Consumer<String> onStart) {
    this.onStart = onStart;
  }

  /**
   * Runs a stage that produces {@code rowCount(result)} rows. The count is inside the timing, since
   * for a lazy frame it is the count that does the work.
   */
  public <T> T time(String stage, Supplier<T> work, ToLongFunction<T> rowCount) {
    onStart.accept(stage);
    long start = System.nanoTime();
    T result = work.get();
    long count = rowCount.applyAsLong(result);
    synchronized (this) {
      rows.put(stage, count);
    }
    record(stage, start, String.format("%,12d rows", count));
    return result;
  }

  /** Runs a stage whose work is not a number of rows, such as a fit. */
  public <T> T time(String stage, Supplier<T> work) {
    onStart.accept(stage);
    long start = System.nanoTime();
    T result = work.get();
    record(stage, start, "");
    return result;
  }

  private synchronized void record(String stage, long startNanos, String rowText) {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    seconds.put(stage, elapsed);
    LOG.info(String.format("%-16s %17s %8.2f s", stage, rowText, elapsed));
  }

  public synchronized Map<String, Double> seconds() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
  }

  public synchronized Map<String, Long> rows() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(rows));
  }
}
