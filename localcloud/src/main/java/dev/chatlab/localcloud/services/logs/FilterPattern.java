package dev.chatlab.localcloud.services.logs;

import dev.chatlab.localcloud.core.AwsException;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch Logs' filter pattern for unstructured text: every plain term must occur in the
 * message, {@code "a quoted phrase"} is one term, {@code -term} must not occur, and when any
 * {@code ?term} is given at least one of those must occur. Matching is case-sensitive, as on AWS.
 *
 * <p>Difference from AWS: JSON patterns ({@code { $.level = "ERROR" }}), space-delimited
 * patterns ({@code [ip, user, ...]}) and regular expressions ({@code %...%}) are refused with
 * InvalidParameterException rather than evaluated.
 */
final class FilterPattern {

    private final List<String> required = new ArrayList<>();
    private final List<String> excluded = new ArrayList<>();
    private final List<String> optional = new ArrayList<>();

    private FilterPattern() {
    }

    static FilterPattern parse(String pattern) {
        FilterPattern parsed = new FilterPattern();
        if (pattern == null || pattern.isBlank()) {
            return parsed;
        }
        String text = pattern.trim();
        if (text.startsWith("{") || text.startsWith("[") || text.startsWith("%")) {
            throw new AwsException("InvalidParameterException", 400,
                    "localcloud supports only term filter patterns (terms, \"phrases\", -excluded, ?optional), not: " + pattern);
        }
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            List<String> target = parsed.required;
            if (c == '-' || c == '?') {
                target = c == '-' ? parsed.excluded : parsed.optional;
                i++;
            }
            String term;
            if (i < text.length() && text.charAt(i) == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    throw new AwsException("InvalidParameterException", 400, "Invalid filter pattern: unbalanced quote in " + pattern);
                }
                term = text.substring(i + 1, end);
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                term = text.substring(i, end);
                i = end;
            }
            if (!term.isEmpty()) {
                target.add(term);
            }
        }
        return parsed;
    }

    boolean matches(String message) {
        for (String term : required) {
            if (!message.contains(term)) {
                return false;
            }
        }
        for (String term : excluded) {
            if (message.contains(term)) {
                return false;
            }
        }
        return optional.isEmpty() || optional.stream().anyMatch(message::contains);
    }
}
