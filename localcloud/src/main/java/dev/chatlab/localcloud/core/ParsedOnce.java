package dev.chatlab.localcloud.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Immutable values parsed from stored text, once per distinct text. Hot paths read the same
 * stored JSON again and again: a function's every AWS call is authorized against its role and
 * the role's policies (re-parsing them was the largest part of localcloud's CPU under the chat's
 * load), and every Invoke reads its function's configuration. Keyed by the text itself, so a
 * changed item is parsed anew and nothing goes stale, while storage stays the truth; emptied
 * when it grows past what a class's lab holds.
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
