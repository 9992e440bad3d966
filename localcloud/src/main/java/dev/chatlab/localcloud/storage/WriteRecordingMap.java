package dev.chatlab.localcloud.storage;

import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.DataType;

/**
 * An MVMap that reports every change to {@link MapChanges}, so that the change reaches the
 * {@link Journal} before the request that made it is answered. Every change of an MVMap (put,
 * remove, putIfAbsent, replace, and the ConcurrentMap defaults built on them) goes through
 * {@link #operate}, except {@link #clear()}.
 */
final class WriteRecordingMap<K, V> extends MVMap<K, V> implements StoredMap<K, V> {

    private final MapChanges changes;

    private WriteRecordingMap(Map<String, Object> config, DataType<K> keyType, DataType<V> valueType, MapChanges changes) {
        super(config, keyType, valueType);
        this.changes = changes;
    }

    @Override
    public V operate(K key, V value, DecisionMaker<? super V> decisionMaker) {
        V previous = super.operate(key, value, decisionMaker);
        changes.changed(this, key);
        return previous;
    }

    @Override
    public void clear() {
        super.clear();
        changes.cleared(this);
    }

    /** What {@link org.h2.mvstore.MVStore#openMap(String, MVMap.MapBuilder)} builds the maps with. */
    static final class Builder<K, V> extends MVMap.Builder<K, V> {

        private final MapChanges changes;

        Builder(MapChanges changes) {
            this.changes = changes;
        }

        @Override
        protected MVMap<K, V> create(Map<String, Object> config) {
            if (config.get("type") != null) {
                throw new IllegalArgumentException("Incompatible map type " + config.get("type"));
            }
            return new WriteRecordingMap<>(config, getKeyType(), getValueType(), changes);
        }
    }
}
