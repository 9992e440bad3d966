package dev.chatlab.localcloud.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * localcloud's one parse-once cache: immutable values parsed from stored text, once per distinct
 * text. {@link Documents} reads every stored document through one; a service uses one directly
 * only for text inside a document (the policy documents inside a role or a managed policy, which a
 * function's every AWS call is authorized against; re-parsing them was the largest part of
 * localcloud's CPU under the chat's load). Keyed by the text itself, so a changed document is
 * parsed anew and nothing goes stale, whoever wrote it (a replay, another path to the same map);
 * emptied when it grows past what a class's lab holds. The values are shared: never change one.
 */
public final class ParsedOnce<T> {

    /** Parsed texts kept at the most; past it the cache starts again. */
    static final int LIMIT = 4096;

    private final Map<String, T> parsed = new ConcurrentHashMap<>();
    private final Function<String, T> parser;

    public ParsedOnce(Function<String, T> parser) {
        this.parser = parser;
    }

    public T get(String text) {
        T known = parsed.get(text);
        if (known != null) {
            return known;
        }
        if (parsed.size() >= LIMIT) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(text, parser);
    }

    int size() {
        return parsed.size();
    }
}
