package dev.chatlab.localcloud.services.iam.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates a statement's Condition block against the request context. All operators of a
 * block must hold (AND), all keys of an operator must hold (AND), any value of a key may
 * match (OR), as the IAM documentation's "Condition element" page describes.
 */
final class ConditionEvaluator {

    private ConditionEvaluator() {
    }

    static boolean holds(Map<String, Map<String, List<String>>> conditions, Map<String, List<String>> context) {
        for (Map.Entry<String, Map<String, List<String>>> operator : conditions.entrySet()) {
            for (Map.Entry<String, List<String>> key : operator.getValue().entrySet()) {
                List<String> actual = lookup(context, key.getKey());
                if (!holds(operator.getKey(), key.getValue(), actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Context keys are case-insensitive in IAM. */
    private static List<String> lookup(Map<String, List<String>> context, String key) {
        for (Map.Entry<String, List<String>> entry : context.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    static boolean holds(String operatorName, List<String> expected, List<String> actual) {
        String operator = operatorName;
        boolean ifExists = operator.endsWith("IfExists");
        if (ifExists) {
            operator = operator.substring(0, operator.length() - "IfExists".length());
        }
        if (operator.equals("Null")) {
            boolean absent = actual == null || actual.isEmpty();
            return expected.stream().anyMatch(value -> Boolean.parseBoolean(value) == absent);
        }
        if (actual == null || actual.isEmpty()) {
            // A missing key satisfies ...IfExists and the negated operators, nothing else.
            return ifExists || isNegated(operator);
        }
        String single = actual.get(0);
        return switch (operator) {
            case "StringEquals", "ArnEquals" -> expected.contains(single);
            case "StringNotEquals", "ArnNotEquals" -> !expected.contains(single);
            case "StringEqualsIgnoreCase" -> expected.stream().anyMatch(single::equalsIgnoreCase);
            case "StringNotEqualsIgnoreCase" -> expected.stream().noneMatch(single::equalsIgnoreCase);
            case "StringLike", "ArnLike" -> expected.stream().anyMatch(pattern -> Wildcard.matches(pattern, single, false));
            case "StringNotLike", "ArnNotLike" -> expected.stream().noneMatch(pattern -> Wildcard.matches(pattern, single, false));
            case "Bool" -> expected.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).equals(single.toLowerCase(Locale.ROOT)));
            default -> false; // an operator this engine does not know never grants anything
        };
    }

    private static boolean isNegated(String operator) {
        return operator.contains("Not");
    }
}
