package io.segments.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap in use right after a garbage collection while it listens: what the work kept, which
 * is the heap it needs. The peaks of the heap's pools cannot say that: each pool peaks at another
 * moment, and the young pool's peak is garbage waiting for a collection, so their sum overstates.
 */
public final class HeapAfterCollections implements NotificationListener, AutoCloseable {
  private final AtomicLong peak = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP)
      .map(MemoryPoolMXBean::getName)
      .collect(Collectors.toUnmodifiableSet());
  private final List<NotificationEmitter> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
      .filter(NotificationEmitter.class::isInstance)
      .map(NotificationEmitter.class::cast)
      .toList();

  private HeapAfterCollections() {}

  /** Starts listening to every collector of this JVM. */
  public static HeapAfterCollections listen() {
    HeapAfterCollections heap = new HeapAfterCollections();
    heap.collectors.forEach(collector -> collector.addNotificationListener(heap, null, null));
    return heap;
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
        .filter(pool -> heapPools.contains(pool.getKey()))
        .map(Map.Entry::getValue)
        .mapToLong(MemoryUsage::getUsed)
        .sum();
    peak.accumulateAndGet(used, Math::max);
    collections.incrementAndGet();
  }

  /** The most heap in use after a collection, in bytes; 0 when nothing was collected. */
  public long peakBytes() {
    return peak.get();
  }

  /** How many collections were seen. */
  public long collections() {
    return collections.get();
  }

  @Override
  public void close() {
    for (NotificationEmitter collector : collectors) {
      try {
        collector.removeNotificationListener(this);
      } catch (ListenerNotFoundException e) {
        // Never added to this one: nothing to remove.
      }
    }
  }
}
