package dev.chatlab.localcloud;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives the heap back to the operating system once the lab has gone quiet after a peak.
 * localcloud runs with the serial collector (the least CPU and memory for its small heap on a
 * student's few cores), which shrinks the heap only in a full collection, and an idle localcloud
 * runs none: a 50-client chat or a 30 MB function upload would keep its peak heap for good. So,
 * every {@link #CHECK_SECONDS} seconds, when no collection has run since the last look (nothing
 * allocates: the lab is quiet) and much more heap is committed than the collections left, it asks for one full
 * collection, after which the collector shrinks the heap to what {@code -XX:MaxHeapFreeRatio}
 * (set by the launcher) allows. It asks once per quiet spell.
 */
final class HeapTrim {

    static final long CHECK_SECONDS = 20;
    /** Committed heap beyond this much above twice the used heap is worth a collection. */
    private static final long SLACK_BYTES = 32L << 20;

    private long collectionsSeen = -1;
    private boolean trimmedThisQuietSpell;

    static void start() {
        HeapTrim trim = new HeapTrim();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "localcloud-heap-trim");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        timer.scheduleWithFixedDelay(trim::look, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    private void look() {
        long collections = collections();
        boolean quiet = collections == collectionsSeen;
        if (!quiet) {
            trimmedThisQuietSpell = false;
        } else if (!trimmedThisQuietSpell && worthTrimming(committedHeap(), heapAfterCollections())) {
            System.gc();
            trimmedThisQuietSpell = true;
            collections = collections();
        }
        collectionsSeen = collections;
    }

    /**
     * True when the committed heap is far beyond what the collections left: what is used now
     * counts the tenured garbage the serial collector keeps until a full collection, so it cannot say.
     */
    static boolean worthTrimming(long committed, long afterCollections) {
        return committed > 2 * afterCollections + SLACK_BYTES;
    }

    private static long committedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    /** What each heap pool held after its last collection (a pool never collected counts as empty). */
    private static long heapAfterCollections() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
                total += afterCollection.getUsed();
            }
        }
        return total;
    }

    private static long collections() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionCount());
        }
        return total;
    }
}
