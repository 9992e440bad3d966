package dev.chatlab.localcloud.storage;

import dev.chatlab.localcloud.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One kind of document a service keeps, by key: values of one type, stored as JSON text in a map
 * of the {@link Storage} (so journaled, snapshotted and replayed like every other change) and read
 * through localcloud's one parse-once cache ({@link ParsedOnce}).
 *
 * <p>Hot paths read the same stored documents again and again (every AWS call of a function is
 * authorized against its role, every Invoke reads its function's configuration, every WebSocket
 * message its stage's routes). {@link #get} answers the value parsed from the stored text, once
 * per text; the store stays the truth, so a document written by any path (a replay, another
 * instance of this class over the same map) is never answered stale. Those values are shared:
 * never change one. A service whose model is edited in place (API Gateway's APIs, CloudFormation's
 * stacks) edits a private {@link #copy} and {@link #put}s it back, or uses {@link #update}.
 *
 * @param <T> the document's type
 */
public final class Documents<T> {

    private final StoredMap<String, String> map;
    private final Function<String, T> parse;
    private final Function<T, String> write;
    private final ParsedOnce<T> parsed;

    Documents(StoredMap<String, String> map, Function<String, T> parse, Function<T, String> write) {
        this.map = map;
        this.parse = parse;
        this.write = write;
        this.parsed = new ParsedOnce<>(parse);
    }

    /** Documents of {@code type} as Jackson writes and reads them ({@link Json#MAPPER}). */
    static <T> Documents<T> json(StoredMap<String, String> map, Class<T> type) {
        return new Documents<>(map, text -> Json.read(text.getBytes(StandardCharsets.UTF_8), type), Json::write);
    }

    /** The document, shared with every other reader: read it, never change it. */
    public Optional<T> get(String key) {
        String text = map.get(key);
        return text == null ? Optional.empty() : Optional.of(parsed.get(text));
    }

    /** The document parsed anew from its stored text: the caller's own, to change and {@link #put} back. */
    public Optional<T> copy(String key) {
        String text = map.get(key);
        return text == null ? Optional.empty() : Optional.of(parse.apply(text));
    }

    /**
     * Changes the document: {@code change} gets a private copy and answers the document to store
     * (the copy itself, changed, or a new value). Empty, and nothing stored, when there is none.
     * Callers that change one document from several threads hold their own lock around it.
     */
    public Optional<T> update(String key, UnaryOperator<T> change) {
        return copy(key).map(document -> {
            T changed = change.apply(document);
            put(key, changed);
            return changed;
        });
    }

    public boolean contains(String key) {
        return map.containsKey(key);
    }

    public void put(String key, T value) {
        map.put(key, write.apply(value));
    }

    /** Removes the document; true if there was one. */
    public boolean remove(String key) {
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
        return StoredMap.keys(map, from);
    }

    /** The keys that start with {@code prefix}, in order. */
    public Stream<String> keysStartingWith(String prefix) {
        return StoredMap.keysStartingWith(map, prefix);
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
}
