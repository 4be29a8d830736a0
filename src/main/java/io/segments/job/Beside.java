package io.segments.job;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Work a run does in a thread of its own while its main path goes on: Spark runs the jobs of both
 * threads side by side, so a stage of many small jobs fills the cores the other leaves idle. The
 * thread is made here, so it starts from this thread's Spark job description and sets its own.
 * Closing waits for the work: when the main path fails, nothing of the run goes on after it.
 */
final class Beside<T> implements AutoCloseable {
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Future<T> work;

  Beside(Supplier<T> work) {
    this.work = thread.submit(work::get);
  }

  /** What the work returned, once it has; its failure as it threw it. */
  T result() {
    try {
      return work.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for work beside the run", e);
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      // The work is Spark jobs of the run: they end, or fail, on their own.
      thread.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
