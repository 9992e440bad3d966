package dev.chatlab.localcloud.storage;

import dev.chatlab.localcloud.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One kind of document a service keeps, by key: values of one immutable type (a record), stored
 * as JSON text in a map of the {@link Storage} (so journaled, snapshotted and replayed like every
 * other change) and read through one parse-once cache.
 *
 * <p>Hot paths read the same stored documents again and again (every AWS call of a function is
 * authorized against its role, every Invoke reads its function's configuration). The cache keeps,
 * per key, the text it parsed and what it parsed it into; a read whose stored text is still that
 * text answers the parsed value, any other text is parsed anew. The store stays the truth: a
 * document written by any path (a replay, another instance of this class over the same map) is
 * never answered stale. Values must not be changed after they are read or put: they are shared.
 *
 * @param <T> the document's type
 */
public final class Documents<T> {

    /** Parsed documents kept at the most; past it the cache starts again (a class's lab holds far fewer). */
    static final int CACHE_LIMIT = 4096;

    private record Parsed<T>(String text, T value) {
    }

    private final StoredMap<String, String> map;
    private final Function<String, T> parse;
    private final Function<T, String> write;
    private final Map<String, Parsed<T>> cache = new ConcurrentHashMap<>();

    Documents(StoredMap<String, String> map, Function<String, T> parse, Function<T, String> write) {
        this.map = map;
        this.parse = parse;
        this.write = write;
    }

    /** Documents of {@code type} as Jackson writes and reads them ({@link Json#MAPPER}). */
    static <T> Documents<T> json(StoredMap<String, String> map, Class<T> type) {
        return new Documents<>(map, text -> Json.read(text.getBytes(StandardCharsets.UTF_8), type), Json::write);
    }

    public Optional<T> get(String key) {
        String text = map.get(key);
        return text == null ? Optional.empty() : Optional.of(parsed(key, text));
    }

    public boolean contains(String key) {
        return map.containsKey(key);
    }

    public void put(String key, T value) {
        map.put(key, write.apply(value));
    }

    /** Removes the document; true if there was one. */
    public boolean remove(String key) {
        cache.remove(key);
        return map.remove(key) != null;
    }

    /** Removes every document that {@code test} holds for. */
    public void removeIf(Predicate<T> test) {
        keys(null).filter(key -> get(key).filter(test).isPresent()).toList().forEach(this::remove);
    }

    /** Every document, in key order. */
    public Stream<T> values() {
        return valuesStartingWith("");
    }

    /** The keys in order, from {@code from} (inclusive) on, or from the first when it is null. */
    public Stream<String> keys(String from) {
        Iterator<String> keys = map.keyIterator(from);
        return StreamSupport.stream(((Iterable<String>) () -> keys).spliterator(), false);
    }

    /** The keys that start with {@code prefix}, in order. */
    public Stream<String> keysStartingWith(String prefix) {
        return keys(prefix).takeWhile(key -> key.startsWith(prefix));
    }

    /** The documents whose keys start with {@code prefix}, in key order. */
    public Stream<T> valuesStartingWith(String prefix) {
        return keysStartingWith(prefix).map(key -> get(key).orElse(null)).filter(value -> value != null);
    }

    /** Removes the documents whose keys start with {@code prefix}. */
    public void removeStartingWith(String prefix) {
        keysStartingWith(prefix).toList().forEach(this::remove);
    }

    public int size() {
        return map.size();
    }

    private T parsed(String key, String text) {
        Parsed<T> known = cache.get(key);
        if (known != null && known.text().equals(text)) {
            return known.value();
        }
        T value = parse.apply(text);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, new Parsed<>(text, value));
        return value;
    }
}
