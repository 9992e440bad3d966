package dev.chatlab.localcloud.services.dynamodb;

import dev.chatlab.localcloud.services.dynamodb.model.SortableKey;
import dev.chatlab.localcloud.services.dynamodb.model.StoredItem;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The writes of one table's last moments, each with the item as it was before it, so that an
 * eventually consistent read can see the table as it was {@code lag} ago (the timing's
 * {@link dev.chatlab.localcloud.config.Timing#staleReads()}): it misses every write younger than that,
 * and sees every older one. On DynamoDB such a read "might not reflect the results of a recently
 * completed write"; here it never does, which makes the difference deterministic to test. A lag of
 * zero (the fast timing) records nothing.
 *
 * <p>Guarded by the table's lock: {@link #record} under the write lock, the reads under the read
 * lock. Kept in memory only: after a restart every read is consistent again.
 */
final class RecentWrites {

    private record Write(long atMillis, SortableKey key, StoredItem before) {
    }

    private final Clock clock;
    private final long lagMillis;
    /** Oldest first; none older than the lag once the next write has pruned them. */
    private final ArrayDeque<Write> writes = new ArrayDeque<>();

    RecentWrites(Clock clock, Duration lag) {
        this.clock = clock;
        this.lagMillis = lag.toMillis();
    }

    /** Notes that the item at {@code key} is being replaced or deleted; {@code before} is null for a new item. */
    void record(SortableKey key, StoredItem before) {
        if (lagMillis <= 0) {
            return;
        }
        long now = clock.millis();
        while (!writes.isEmpty() && writes.peekFirst().atMillis() <= now - lagMillis) {
            writes.removeFirst();
        }
        writes.addLast(new Write(now, key, before));
    }

    /**
     * The items an eventually consistent read sees differently from the table now: by table key,
     * each as it was {@code lag} ago (a null value: it did not exist then). Empty when nothing was
     * written within the lag.
     */
    Map<SortableKey, StoredItem> staleImages() {
        if (writes.isEmpty()) {
            return Map.of();
        }
        long horizon = clock.millis() - lagMillis;
        Map<SortableKey, StoredItem> images = new HashMap<>();
        for (Write write : writes) {
            // the first write after the horizon holds the image the horizon saw
            if (write.atMillis() > horizon && !images.containsKey(write.key())) {
                images.put(write.key(), write.before());
            }
        }
        return images;
    }

    void clear() {
        writes.clear();
    }
}
