package dev.chatlab.localcloud.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Immutable values parsed from text that a stored document holds, once per distinct text: the
 * policy documents inside a role or a managed policy (a function's every AWS call is authorized
 * against them; re-parsing them was the largest part of localcloud's CPU under the chat's load),
 * a session's expiration. Whole documents are read through {@code storage.Documents}, which
 * caches the same way. Keyed by the text itself, so a changed document is parsed anew and nothing
 * goes stale; emptied when it grows past what a class's lab holds.
 */
public final class ParsedOnce<T> {

    private static final int LIMIT = 1000;

    private final Map<String, T> parsed = new ConcurrentHashMap<>();
    private final Function<String, T> parser;

    public ParsedOnce(Function<String, T> parser) {
        this.parser = parser;
    }

    public T get(String text) {
        if (parsed.size() > LIMIT) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(text, parser);
    }
}
