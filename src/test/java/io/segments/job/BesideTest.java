package io.segments.job;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segments.InvalidInputException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BesideTest {
  @Test
  void theWorkRunsInAnotherThreadWhileTheCallerGoesOn() {
    CountDownLatch callerReached = new CountDownLatch(1);
    Thread caller = Thread.currentThread();
    try (Beside<Thread> beside = new Beside<>(() -> {
      // Finishes only once the caller has gone past the constructor: the two run at once.
      awaitUninterruptibly(callerReached);
      return Thread.currentThread();
    })) {
      callerReached.countDown();
      assertNotEquals(caller, beside.result());
    }
  }

  @Test
  void aFailureReachesTheCallerAsThrown() {
    InvalidInputException failure = new InvalidInputException("invoices: missing column invoice_id");
    try (Beside<Object> beside = new Beside<>(() -> {
      throw failure;
    })) {
      assertSame(failure, assertThrows(InvalidInputException.class, beside::result));
    }
  }

  @Test
  void closingWaitsForWorkTheCallerNeverAskedFor() {
    AtomicBoolean finished = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    try (Beside<Integer> beside = new Beside<>(() -> {
      started.countDown();
      sleep(200);
      finished.set(true);
      return 1;
    })) {
      awaitUninterruptibly(started);
      // The caller's path fails here and closes without asking for the result.
    }
    assertTrue(finished.get());
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
