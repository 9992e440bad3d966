package dev.chatlab.localcloud.services.iam;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Immutable values parsed from stored text, once per distinct text. A function's every AWS call
 * is authorized against its role and the role's policies; reading them from JSON (and checking
 * the policies' grammar) for each call was the largest part of localcloud's CPU under the chat's
 * load. Keyed by the text itself, so a changed role or policy is parsed anew and nothing goes
 * stale; emptied when it grows past what a class's lab holds.
 */
final class ParsedOnce<T> {

    private static final int LIMIT = 1000;

    private final Map<String, T> parsed = new ConcurrentHashMap<>();
    private final Function<String, T> parser;

    ParsedOnce(Function<String, T> parser) {
        this.parser = parser;
    }

    T get(String text) {
        if (parsed.size() > LIMIT) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(text, parser);
    }
}
