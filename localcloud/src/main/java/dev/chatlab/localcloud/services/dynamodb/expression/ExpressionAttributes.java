package dev.chatlab.localcloud.services.dynamodb.expression;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, shared by all its
 * expressions, remembering which were used: DynamoDB refuses a request that defines a
 * placeholder no expression uses.
 */
public final class ExpressionAttributes {

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();

    public ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names;
        this.values = values;
    }

    public static ExpressionAttributes none() {
        return new ExpressionAttributes(Map.of(), Map.of());
    }

    String name(String placeholder, String kind) {
        return lookup(names, usedNames, placeholder,
                "Invalid " + kind + ": An expression attribute name used in the document path is not defined; attribute name: ");
    }

    AttributeValue value(String placeholder, String kind) {
        return lookup(values, usedValues, placeholder,
                "Invalid " + kind + ": An expression attribute value used in expression is not defined; attribute value: ");
    }

    private static <T> T lookup(Map<String, T> defined, Set<String> used, String placeholder, String whenUndefined) {
        T found = defined.get(placeholder);
        if (found == null) {
            throw AwsException.validation(whenUndefined + placeholder);
        }
        used.add(placeholder);
        return found;
    }

    /** Fails as DynamoDB does when a defined placeholder went unused; call after parsing every expression. */
    public void requireAllUsed() {
        Set<String> unusedNames = new LinkedHashSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw AwsException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {" + String.join(", ", unusedNames) + "}");
        }
        Set<String> unusedValues = new LinkedHashSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw AwsException.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {" + String.join(", ", unusedValues) + "}");
        }
    }
}
