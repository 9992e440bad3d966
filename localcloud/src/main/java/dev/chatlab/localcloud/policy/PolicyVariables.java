package dev.chatlab.localcloud.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Policy variables in Resource and Condition values, as the IAM User Guide's "IAM policy elements:
 * Variables and tags" describes them: {@code ${aws:username}} is replaced by the request's value of
 * that context key, {@code ${key, 'default'}} falls back to the default, {@code ${*}}, {@code ${?}}
 * and {@code ${$}} are the literal characters. Only policies in the 2012-10-17 language have
 * variables. A variable whose key the request lacks (and that has no default) makes the value
 * unusable: it matches nothing.
 */
final class PolicyVariables {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern WITH_DEFAULT = Pattern.compile("\\s*([^,\\s]+)\\s*,\\s*'([^']*)'\\s*");

    private PolicyVariables() {
    }

    /** {@code text} with its variables replaced; empty when one of them has no value. */
    static Optional<String> substitute(String text, Map<String, List<String>> context) {
        if (!text.contains("${")) {
            return Optional.of(text);
        }
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            Optional<String> value = resolve(matcher.group(1), context);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value.get()));
        }
        matcher.appendTail(result);
        return Optional.of(result.toString());
    }

    private static Optional<String> resolve(String body, Map<String, List<String>> context) {
        switch (body.trim()) {
            case "*":
                return Optional.of("*");
            case "?":
                return Optional.of("?");
            case "$":
                return Optional.of("$");
            default:
                break;
        }
        Matcher withDefault = WITH_DEFAULT.matcher(body);
        String key = withDefault.matches() ? withDefault.group(1) : body.trim();
        List<String> values = ConditionEvaluator.lookup(context, key);
        if (values != null && values.size() == 1) {
            return Optional.of(values.get(0));
        }
        return withDefault.matches() ? Optional.of(withDefault.group(2)) : Optional.empty();
    }
}
