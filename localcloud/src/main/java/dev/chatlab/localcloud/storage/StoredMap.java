package dev.chatlab.localcloud.storage;

import java.util.Iterator;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One named map of the {@link Storage}, with its keys in order: every change goes to the journal
 * before the request that made it is answered, and is replayed after a crash. What the map is
 * made of (an H2 MVStore map today) is the storage's business; services see this.
 *
 * @param <K> the key type (String in every service)
 * @param <V> the value type: String or byte[], what the journal keeps
 */
public interface StoredMap<K, V> extends ConcurrentMap<K, V> {

    /** The keys in order, from {@code from} (inclusive) on, or from the first when it is null. */
    Iterator<K> keyIterator(K from);

    /** The least key greater than or equal to {@code key}, or null if there is none. */
    K ceilingKey(K key);

    /** The keys of {@code map} in order, from {@code from} (inclusive) on, or from the first when it is null. */
    static Stream<String> keys(StoredMap<String, ?> map, String from) {
        Iterator<String> keys = map.keyIterator(from);
        return StreamSupport.stream(((Iterable<String>) () -> keys).spliterator(), false);
    }

    /** The keys of {@code map} that start with {@code prefix}, in order. */
    static Stream<String> keysStartingWith(StoredMap<String, ?> map, String prefix) {
        return keys(map, prefix).takeWhile(key -> key.startsWith(prefix));
    }
}
