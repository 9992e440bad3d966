package dev.chatlab.localcloud.services.apigateway.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Parsed answers for the data plane, which asks for the same deployed stage on every call.
 * Any change to the control plane bumps the version, and an answer read under an older
 * version is read again, so a change is never missed, even one racing a read.
 */
public final class ReadCache<V> {

    private record Entry<V>(long version, V value) {
    }

    private final AtomicLong version = new AtomicLong();
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    public V get(String key, Supplier<V> read) {
        long current = version.get();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.version() == current) {
            return entry.value();
        }
        V value = read.get();
        entries.put(key, new Entry<>(current, value));
        return value;
    }

    /** Called after every change. */
    public void invalidate() {
        version.incrementAndGet();
        entries.clear();
    }
}
