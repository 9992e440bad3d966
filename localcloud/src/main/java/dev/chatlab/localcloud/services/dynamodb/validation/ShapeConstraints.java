package dev.chatlab.localcloud.services.dynamodb.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A shape's constraints as DynamoDB states them in its messages, and the values as it quotes them. */
final class ShapeConstraints {

    private ShapeConstraints() {
    }

    static boolean satisfied(String text, Shape shape) {
        return satisfied(text.length(), shape) && (shape.pattern == null || shape.pattern.matcher(text).matches());
    }

    static boolean satisfied(long length, Shape shape) {
        return (shape.min == null || length >= shape.min) && (shape.max == null || length <= shape.max);
    }

    /** All of a map key's or value's constraints, listed as DynamoDB lists them: "[Member must ..., ...]". */
    static String describe(Shape shape) {
        List<String> constraints = new ArrayList<>();
        if (shape.max != null) {
            constraints.add("Member must have length less than or equal to " + shape.max);
        }
        if (shape.min != null) {
            constraints.add("Member must have length greater than or equal to " + shape.min);
        }
        if (shape.pattern != null) {
            constraints.add("Member must satisfy regular expression pattern: " + shape.pattern.pattern());
        }
        return constraints.toString();
    }

    /** A value quoted in a message: 'text', '5', '[a, b]'. */
    static String render(JsonNode node) {
        if (node.isArray()) {
            List<String> elements = new ArrayList<>();
            node.forEach(e -> elements.add(e.isValueNode() ? e.asText() : e.toString()));
            return "'" + elements + "'";
        }
        return "'" + (node.isValueNode() ? node.asText() : node.toString()) + "'";
    }
}
