package dev.chatlab.localcloud.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a statement's Condition block against the request context, as the IAM User Guide's
 * "Condition element", "Condition operators" and "Conditions with multiple context keys or values"
 * pages describe it:
 * <ul>
 *   <li>all operators of a block must hold (AND), all keys of an operator must hold (AND);</li>
 *   <li>the policy's values for one key are ORed; for a negated operator ({@code StringNotEquals},
 *       {@code NotIpAddress}, ...) they are NORed: no value may match;</li>
 *   <li>a key missing from the request fails every operator except the negated ones (which hold),
 *       {@code ...IfExists} (which holds) and {@code Null} (which tests exactly that);</li>
 *   <li>{@code ForAnyValue:} holds when at least one request value satisfies the operator (false
 *       when the key is missing or empty), {@code ForAllValues:} when every request value does
 *       (true when the key is missing or empty).</li>
 * </ul>
 * A multi-valued key tested without a set operator is treated as {@code ForAnyValue:} (AWS asks
 * for a set operator there and documents no outcome).
 */
final class ConditionEvaluator {

    private ConditionEvaluator() {
    }

    /** @param variables whether the policy's values may hold policy variables (2012-10-17 policies) */
    static boolean holds(Map<String, Map<String, List<String>>> conditions, Map<String, List<String>> context, boolean variables) {
        for (Map.Entry<String, Map<String, List<String>>> operator : conditions.entrySet()) {
            for (Map.Entry<String, List<String>> key : operator.getValue().entrySet()) {
                List<String> actual = lookup(context, key.getKey());
                List<String> expected = variables ? substituted(key.getValue(), context) : key.getValue();
                if (!holds(operator.getKey(), expected, actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The policy values with their variables replaced; a value whose variable has no value is dropped. */
    private static List<String> substituted(List<String> values, Map<String, List<String>> context) {
        return values.stream().map(value -> PolicyVariables.substitute(value, context)).flatMap(Optional::stream).toList();
    }

    /** Context keys are case-insensitive in IAM. */
    static List<String> lookup(Map<String, List<String>> context, String key) {
        for (Map.Entry<String, List<String>> entry : context.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    static boolean holds(String operatorName, List<String> expected, List<String> actual) {
        ConditionOperator operator = ConditionOperator.parse(operatorName);
        boolean absent = actual == null || actual.isEmpty();
        if (operator.base() == ConditionOperator.Base.NULL) {
            return expected.stream().anyMatch(value -> Boolean.parseBoolean(value) == absent);
        }
        if (absent) {
            if (operator.ifExists()) {
                return true;
            }
            return switch (operator.set()) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> operator.negated();
            };
        }
        if (operator.set() == ConditionOperator.SetOperator.FOR_ALL_VALUES) {
            return actual.stream().allMatch(value -> holdsForOne(operator, expected, value));
        }
        return actual.stream().anyMatch(value -> holdsForOne(operator, expected, value));
    }

    /** One request value against the policy's values: OR for positive operators, NOR for negated ones. */
    private static boolean holdsForOne(ConditionOperator operator, List<String> expected, String actual) {
        boolean anyMatches = expected.stream().anyMatch(value -> operator.base().matches(value, actual));
        return operator.negated() != anyMatches;
    }
}
