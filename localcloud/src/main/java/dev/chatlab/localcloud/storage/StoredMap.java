package dev.chatlab.localcloud.storage;

import java.util.Iterator;
import java.util.concurrent.ConcurrentMap;

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
}
