package io.lakesync.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * How much memory this JVM needed at its worst. Used heap peaks just before a collection, so
 * every collection reports the heap's total at that moment (and what stayed live after it); the
 * per-pool peak counters are kept too, but their sum overstates the peak because eden and old
 * generation do not peak at the same moment.
 */
final class MemoryStats {

    private final Set<String> heapPools = new HashSet<>();
    private final AtomicLong peakBeforeGc = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();

    private MemoryStats() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
    }

    /** Starts watching collections from now on. */
    static MemoryStats watch() {
        MemoryStats stats = new MemoryStats();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    stats.record(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
                }
            }, null, null);
        }
        return stats;
    }

    private void record(GarbageCollectionNotificationInfo info) {
        peakBeforeGc.accumulateAndGet(heapTotal(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        peakAfterGc.accumulateAndGet(heapTotal(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
    }

    private long heapTotal(Map<String, MemoryUsage> usageByPool) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> e : usageByPool.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                sum += e.getValue().getUsed();
            }
        }
        return sum;
    }

    /** The most heap in use at any moment: before the fullest collection, or now if higher. */
    long peakHeapBytes() {
        return Math.max(peakBeforeGc.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** The most heap still live after a collection: what the work really had to hold. */
    long peakLiveBytes() {
        return peakAfterGc.get();
    }

    /** Sum of the heap pools' own peak counters (an upper bound; see the class comment). */
    static long sumOfPoolPeaksBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The largest resident set this process had (VmHWM), in bytes; -1 where /proc does not tell. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }
}
