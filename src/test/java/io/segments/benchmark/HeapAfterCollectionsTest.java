package io.segments.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import org.junit.jupiter.api.Test;

class HeapAfterCollectionsTest {
  private static final int MEGABYTE = 1 << 20;

  @Test
  void theHeapKeptThroughACollectionIsAtLeastWhatWasHeldAndAtMostTheHeap() throws InterruptedException {
    byte[][] held = new byte[96][];
    try (HeapAfterCollections heap = HeapAfterCollections.listen()) {
      for (int i = 0; i < held.length; i++) {
        held[i] = new byte[MEGABYTE];
      }
      System.gc();
      // Collection notifications arrive on another thread.
      for (int waited = 0; heap.collections() == 0 && waited < 100; waited++) {
        Thread.sleep(50);
      }
      assertTrue(heap.collections() > 0, "a collection was seen");
      assertTrue(heap.peakBytes() >= 96L * MEGABYTE, "held 96 MB through the collection, saw " + heap.peakBytes());
      assertTrue(heap.peakBytes() <= Runtime.getRuntime().totalMemory(), "no more than the heap");
    } finally {
      Reference.reachabilityFence(held);
    }
  }
}
