package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValueJson;
import dev.chatlab.localcloud.services.dynamodb.model.IndexDefinition;
import dev.chatlab.localcloud.services.dynamodb.model.SortableKey;
import dev.chatlab.localcloud.services.dynamodb.model.StoredItem;
import dev.chatlab.localcloud.services.dynamodb.model.TableDefinition;
import dev.chatlab.localcloud.storage.StoredMap;
import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The items of one table: a sorted in-memory map for reads (and one per secondary index),
 * backed by an MVStore map that every write also lands in, so a restart reloads them.
 *
 * <p>The maps are TreeMaps under a read-write lock, not concurrent skip lists: the chat's history
 * Query walks a room newest first, and a skip list walks backwards with a search from its top
 * at every step (O(log n) each), where a tree steps to the predecessor. Writers of one table
 * take {@link #writeLock()} around their read-check-write sequence, which makes a condition
 * expression atomic with its write; readers of a page of items take {@link #reading}; items
 * are immutable and replaced whole. Different tables never wait for each other.
 */
final class TableItems {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<SortableKey, StoredItem> items = new TreeMap<>();
    private final Map<String, TreeMap<SortableKey, StoredItem>> indexes = new ConcurrentHashMap<>();
    private final StoredMap<String, String> persisted;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final RecentWrites recentWrites;
    private volatile TableDefinition definition;

    TableItems(TableDefinition definition, StoredMap<String, String> persisted, RecentWrites recentWrites) {
        this.definition = definition;
        this.persisted = persisted;
        this.recentWrites = recentWrites;
        for (String json : persisted.values()) {
            Map<String, AttributeValue> attributes = AttributeValueJson.readItem(readTree(json));
            StoredItem item = StoredItem.of(attributes);
            items.put(key(attributes), item);
            count.incrementAndGet();
            bytes.addAndGet(item.size());
        }
        definition.indexes().forEach(this::buildIndex);
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored DynamoDB item is unreadable", e);
        }
    }

    TableDefinition definition() {
        return definition;
    }

    void setDefinition(TableDefinition newDefinition) {
        lock.writeLock().lock();
        try {
            // indexes added or removed by UpdateTable
            for (IndexDefinition index : newDefinition.indexes()) {
                if (!indexes.containsKey(index.name())) {
                    buildIndex(index);
                }
            }
            indexes.keySet().removeIf(name -> newDefinition.index(name).isEmpty());
            this.definition = newDefinition;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void buildIndex(IndexDefinition index) {
        TreeMap<SortableKey, StoredItem> entries = new TreeMap<>();
        items.forEach((key, item) -> {
            SortableKey indexKey = indexKey(index, item.attributes());
            if (indexKey != null) {
                entries.put(indexKey, item);
            }
        });
        indexes.put(index.name(), entries);
    }

    Lock writeLock() {
        return lock.writeLock();
    }

    /**
     * Runs a read that walks {@link #items()} or {@link #index} (a page of a Query or Scan) while
     * no writer changes the table. It must not take the write lock inside.
     */
    <T> T reading(Supplier<T> read) {
        lock.readLock().lock();
        try {
            return read.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    long itemCount() {
        return count.get();
    }

    long sizeBytes() {
        return bytes.get();
    }

    long indexItemCount(String indexName) {
        return reading(() -> {
            TreeMap<SortableKey, StoredItem> index = indexes.get(indexName);
            return index == null ? 0L : index.size();
        });
    }

    /** The summed DynamoDB size of the items in an index (DescribeTable's IndexSizeBytes). */
    long indexSizeBytes(String indexName) {
        return reading(() -> {
            TreeMap<SortableKey, StoredItem> index = indexes.get(indexName);
            return index == null ? 0L : index.values().stream().mapToLong(StoredItem::size).sum();
        });
    }

    /** The table's items in key order; walk them only inside {@link #reading}. */
    NavigableMap<SortableKey, StoredItem> items() {
        return items;
    }

    /** An index's items in its key order, or null; walk them only inside {@link #reading}. */
    NavigableMap<SortableKey, StoredItem> index(String name) {
        return indexes.get(name);
    }

    StoredItem get(SortableKey key) {
        // the lock by hand, not through reading(): every write and GetItem passes here
        lock.readLock().lock();
        try {
            return items.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The item as a read sees it: now when {@code consistent}, else as it was before the recent writes. */
    StoredItem get(SortableKey key, boolean consistent) {
        if (consistent) {
            return get(key);
        }
        lock.readLock().lock();
        try {
            Map<SortableKey, StoredItem> stale = recentWrites.staleImages();
            return stale.containsKey(key) ? stale.get(key) : items.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * How an eventually consistent read of the table (index null) or of an index sees it
     * differently from now, in that source's key order: the entries it must skip ({@code hidden}:
     * where recently written items are now) and those it must see instead ({@code older}: where
     * they were before). Call inside {@link #reading}.
     */
    record StaleView(Set<SortableKey> hidden, NavigableMap<SortableKey, StoredItem> older) {
        static final StaleView NONE = new StaleView(Set.of(), Collections.emptyNavigableMap());
    }

    StaleView staleView(IndexDefinition index) {
        Map<SortableKey, StoredItem> stale = recentWrites.staleImages();
        if (stale.isEmpty()) {
            return StaleView.NONE;
        }
        Set<SortableKey> hidden = new HashSet<>();
        TreeMap<SortableKey, StoredItem> older = new TreeMap<>();
        stale.forEach((key, before) -> {
            StoredItem now = items.get(key);
            SortableKey nowAt = now == null ? null : index == null ? key : indexKey(index, now.attributes());
            SortableKey beforeAt = before == null ? null : index == null ? key : indexKey(index, before.attributes());
            if (nowAt != null) {
                hidden.add(nowAt);
            }
            if (beforeAt != null) {
                older.put(beforeAt, before);
            }
        });
        return new StaleView(hidden, older);
    }

    /** The table key of an item (or of a Key parameter): (partition, sort or ABSENT). */
    SortableKey key(Map<String, AttributeValue> attributes) {
        TableDefinition table = definition;
        return new SortableKey(attributes.get(table.hashKey()),
                table.rangeKey() == null ? SortableKey.ABSENT : attributes.get(table.rangeKey()));
    }

    /** The key of an item in an index, or null when the item lacks the index's key (a sparse index). */
    SortableKey indexKey(IndexDefinition index, Map<String, AttributeValue> attributes) {
        AttributeValue hash = attributes.get(index.hashKey());
        AttributeValue range = index.rangeKey() == null ? null : attributes.get(index.rangeKey());
        if (hash == null || (index.rangeKey() != null && range == null)) {
            return null;
        }
        SortableKey tableKey = key(attributes);
        return new SortableKey(hash, range == null ? SortableKey.ABSENT : range, tableKey.part(0), tableKey.part(1));
    }

    /** Stores (or replaces) an item; the caller holds the write lock. */
    void put(StoredItem item) {
        SortableKey key = key(item.attributes());
        StoredItem old = items.put(key, item);
        recentWrites.record(key, old);
        unindex(old);
        for (IndexDefinition index : definition.indexes()) {
            SortableKey indexKey = indexKey(index, item.attributes());
            TreeMap<SortableKey, StoredItem> entries = indexes.get(index.name());
            if (indexKey != null && entries != null) {
                entries.put(indexKey, item);
            }
        }
        if (old == null) {
            count.incrementAndGet();
        } else {
            bytes.addAndGet(-old.size());
        }
        bytes.addAndGet(item.size());
        persisted.put(storageKey(item.attributes()), item.jsonText().getValue());
    }

    /** Deletes an item by key; the caller holds the write lock. Returns the deleted item or null. */
    StoredItem delete(SortableKey key) {
        StoredItem old = items.remove(key);
        if (old != null) {
            recentWrites.record(key, old);
            unindex(old);
            count.decrementAndGet();
            bytes.addAndGet(-old.size());
            persisted.remove(storageKey(old.attributes()));
        }
        return old;
    }

    private void unindex(StoredItem old) {
        if (old == null) {
            return;
        }
        for (IndexDefinition index : definition.indexes()) {
            SortableKey indexKey = indexKey(index, old.attributes());
            TreeMap<SortableKey, StoredItem> entries = indexes.get(index.name());
            if (indexKey != null && entries != null) {
                entries.remove(indexKey);
            }
        }
    }

    /** Forgets every item, in memory and on disk (DeleteTable). */
    void clear() {
        lock.writeLock().lock();
        try {
            items.clear();
            indexes.values().forEach(Map::clear);
            persisted.clear();
            recentWrites.clear();
            count.set(0);
            bytes.set(0);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The key attributes of an item, as JSON: the item's key in the MVStore map. */
    private String storageKey(Map<String, AttributeValue> attributes) {
        TableDefinition table = definition;
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(table.hashKey(), attributes.get(table.hashKey()));
        if (table.rangeKey() != null) {
            key.put(table.rangeKey(), attributes.get(table.rangeKey()));
        }
        return Json.write(AttributeValueJson.writeItem(key));
    }
}
