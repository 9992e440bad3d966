package dev.chatlab.localcloud.services.dynamodb;

import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import dev.chatlab.localcloud.services.dynamodb.model.SortableKey;
import dev.chatlab.localcloud.services.dynamodb.model.StoredItem;
import dev.chatlab.localcloud.services.dynamodb.model.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes expired items of tables with TTL enabled: items whose TTL attribute is a Number of
 * epoch seconds in the past. AWS does this in the background "within a few days"; localcloud
 * sweeps every {@value #SWEEP_SECONDS} seconds, which no correct program can tell apart. As on
 * AWS, values more than five years in the past are ignored (they are taken for mistakes).
 */
final class TimeToLiveSweeper implements AutoCloseable {

    static final long SWEEP_SECONDS = 5;
    private static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 3600;

    private final TableRegistry tables;
    private final ScheduledExecutorService timer;

    TimeToLiveSweeper(TableRegistry tables) {
        this.tables = tables;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dynamodb-ttl");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweepQuietly, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException ignored) {
            // a table deleted while we looked: the next sweep sees the new state
        }
    }

    void sweep() {
        long nowSeconds = tables.now() / 1000;
        for (String name : tables.names()) {
            TableItems table = tables.describe(name);
            TableDefinition definition = table.definition();
            String attribute = definition.ttlAttribute();
            if (attribute == null) {
                continue;
            }
            List<SortableKey> expired = table.reading(() -> {
                List<SortableKey> keys = new ArrayList<>();
                for (Map.Entry<SortableKey, StoredItem> entry : table.items().entrySet()) {
                    if (isExpired(entry.getValue(), attribute, nowSeconds)) {
                        keys.add(entry.getKey());
                    }
                }
                return keys;
            });
            if (expired.isEmpty()) {
                continue;
            }
            table.writeLock().lock();
            try {
                for (SortableKey key : expired) {
                    // checked again under the lock: the item may have been rewritten since
                    if (isExpired(table.get(key), attribute, nowSeconds)) {
                        table.delete(key);
                    }
                }
            } finally {
                table.writeLock().unlock();
            }
        }
    }

    private static boolean isExpired(StoredItem item, String attribute, long nowSeconds) {
        AttributeValue value = item == null ? null : item.attributes().get(attribute);
        if (value == null || value.type() != AttributeValue.Type.N) {
            return false;
        }
        long expiry = value.n().longValue();
        return expiry < nowSeconds && expiry > nowSeconds - FIVE_YEARS_SECONDS;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
