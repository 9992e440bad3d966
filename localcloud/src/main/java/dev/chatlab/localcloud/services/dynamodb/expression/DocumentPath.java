package dev.chatlab.localcloud.services.dynamodb.expression;

import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import java.util.List;
import java.util.Map;

/**
 * A document path such as {@code a.b[2].c}: attribute and map-key names (Strings, placeholders
 * already resolved) and list indexes (Integers).
 */
public record DocumentPath(List<Object> elements) {

    public DocumentPath {
        elements = List.copyOf(elements);
    }

    public static DocumentPath of(String attribute) {
        return new DocumentPath(List.of(attribute));
    }

    /** The top-level attribute name this path starts with. */
    public String attribute() {
        return (String) elements.get(0);
    }

    public int length() {
        return elements.size();
    }

    /** The value at this path in an item, or null when any step is missing or of the wrong type. */
    public AttributeValue resolve(Map<String, AttributeValue> item) {
        AttributeValue current = item.get(attribute());
        for (int i = 1; i < elements.size() && current != null; i++) {
            Object step = elements.get(i);
            if (step instanceof String name) {
                current = current.type() == AttributeValue.Type.M ? current.m().get(name) : null;
            } else {
                int index = (Integer) step;
                current = current.type() == AttributeValue.Type.L && index < current.l().size() ? current.l().get(index) : null;
            }
        }
        return current;
    }

    /** True when one path is a prefix of (or equal to) the other: DynamoDB's "overlap". */
    public boolean overlaps(DocumentPath other) {
        int n = Math.min(length(), other.length());
        for (int i = 0; i < n; i++) {
            if (!elements.get(i).equals(other.elements.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** DynamoDB's rendering in error messages: {@code [a, b, [2]]}. */
    public String describe() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            Object step = elements.get(i);
            text.append(step instanceof Integer ? "[" + step + "]" : step);
        }
        return text.append(']').toString();
    }
}
