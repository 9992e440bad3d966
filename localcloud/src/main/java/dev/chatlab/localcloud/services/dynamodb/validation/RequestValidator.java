package dev.chatlab.localcloud.services.dynamodb.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a request against its operation's input shape before anything else looks at it, in
 * DynamoDB's order: a JSON value of the wrong type is a SerializationException (DynamoDB never
 * coerces {@code {"S": 23}} or {@code "Limit": "5"}); then every member's constraints from the
 * service model (required, length, value range, pattern, enum), all violations reported in one
 * ValidationException as DynamoDB words it ("2 validation errors detected: Value '' at
 * 'tableName' failed to satisfy constraint: ..."). Only then do the operations look up the
 * table and check the key against its schema.
 */
public final class RequestValidator {

    /** DynamoDB's limit on how deep maps and lists may nest inside an attribute value. */
    static final int MAX_DOCUMENT_DEPTH = 32;
    private static final RequestShapes SHAPES = RequestShapes.load();

    private final List<String> violations = new ArrayList<>();
    /**
     * Where the walk is, as the segments of DynamoDB's path ("item", "roomId", "member"): joined
     * into text only for a message, since a valid request, the usual one, names no path at all.
     */
    private final List<String> location = new ArrayList<>();

    private RequestValidator() {
    }

    /** Validates {@code body} as the input of {@code operation}; an operation the model lacks passes as it is. */
    public static void validate(String operation, JsonNode body) {
        Shape input = SHAPES.input(operation);
        if (input == null) {
            return;
        }
        RequestValidator validator = new RequestValidator();
        validator.walk(body, input, 0);
        if (!validator.violations.isEmpty()) {
            int count = validator.violations.size();
            throw AwsException.validation(count + (count == 1 ? " validation error" : " validation errors") + " detected: "
                    + String.join("; ", validator.violations));
        }
    }

    private void walk(JsonNode node, Shape shape, int documentDepth) {
        switch (shape.type) {
            case STRUCTURE -> structure(node, shape, documentDepth);
            case LIST -> {
                requireJson(node.isArray(), node, shape);
                checkLength(node, node.size(), shape);
                for (int i = 0; i < node.size(); i++) {
                    walkMember(node.get(i), shape.element, String.valueOf(i + 1), documentDepth);
                }
            }
            case MAP -> map(node, shape, documentDepth);
            case STRING -> {
                requireJson(node.isTextual(), node, shape);
                checkString(node, node.textValue(), shape);
            }
            case BLOB -> requireJson(node.isTextual(), node, shape);
            case BOOLEAN -> requireJson(node.isBoolean(), node, shape);
            case DOUBLE -> requireJson(node.isNumber(), node, shape);
            case INTEGER, LONG -> {
                requireJson(node.isIntegralNumber() && node.canConvertToLong(), node, shape);
                checkRange(node, node.longValue(), shape);
            }
        }
    }

    /** A list element or map value, at "{@code <path>.<index or key>.member}"; a JSON null counts as absent, as in DynamoDB. */
    private void walkMember(JsonNode node, Shape shape, String indexOrKey, int documentDepth) {
        if (node != null && !node.isNull()) {
            location.add(indexOrKey);
            location.add("member");
            walk(node, shape, documentDepth);
            location.remove(location.size() - 1);
            location.remove(location.size() - 1);
        }
    }

    /** The path of where the walk is, as DynamoDB's messages name it ("item.roomId.member"). */
    private String path() {
        return String.join(".", location);
    }

    private void structure(JsonNode node, Shape shape, int documentDepth) {
        requireJson(node.isObject(), node, shape);
        int depth = documentDepth;
        if (shape.name.equals("AttributeValue") && ++depth > MAX_DOCUMENT_DEPTH + 1) {
            throw AwsException.validation("Nesting Levels have exceeded supported limits");
        }
        for (Shape.Member member : shape.members) {
            JsonNode child = node.get(member.name());
            if (child == null || child.isNull()) {
                if (member.required()) {
                    location.add(member.wireName());
                    violations.add("Value null at '" + path() + "' failed to satisfy constraint: Member must not be null");
                    location.remove(location.size() - 1);
                }
            } else {
                location.add(member.wireName());
                walk(child, member.shape(), depth);
                location.remove(location.size() - 1);
            }
        }
    }

    private void map(JsonNode node, Shape shape, int documentDepth) {
        requireJson(node.isObject(), node, shape);
        checkLength(node, node.size(), shape);
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        boolean keysReported = false;
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!keysReported && shape.key.hasConstraints() && !ShapeConstraints.satisfied(entry.getKey(), shape.key)) {
                violations.add("Value at '" + path() + "' failed to satisfy constraint: Map keys must satisfy constraint: "
                        + ShapeConstraints.describe(shape.key));
                keysReported = true;
            }
            JsonNode value = entry.getValue();
            if (value.isArray() && shape.value.type == Shape.Type.LIST && shape.value.hasConstraints() && !ShapeConstraints.satisfied(value.size(), shape.value)) {
                violations.add("Value at '" + path() + "' failed to satisfy constraint: Map value must satisfy constraint: "
                        + ShapeConstraints.describe(shape.value));
                continue;
            }
            walkMember(value, shape.value, entry.getKey(), documentDepth);
        }
    }

    private void checkString(JsonNode node, String text, Shape shape) {
        checkLength(node, text.length(), shape);
        if (shape.pattern != null && !shape.pattern.matcher(text).matches()) {
            violate(node, "Member must satisfy regular expression pattern: " + shape.pattern.pattern());
        }
        if (shape.allowed != null && !shape.allowed.contains(text)) {
            violate(node, "Member must satisfy enum value set: " + shape.allowedText);
        }
    }

    private void checkLength(JsonNode node, long length, Shape shape) {
        if (shape.min != null && length < shape.min) {
            violate(node, "Member must have length greater than or equal to " + shape.min);
        }
        if (shape.max != null && length > shape.max) {
            violate(node, "Member must have length less than or equal to " + shape.max);
        }
    }

    private void checkRange(JsonNode node, long value, Shape shape) {
        if (shape.min != null && value < shape.min) {
            violate(node, "Member must have value greater than or equal to " + shape.min);
        }
        if (shape.max != null && value > shape.max) {
            violate(node, "Member must have value less than or equal to " + shape.max);
        }
    }

    private void violate(JsonNode node, String constraint) {
        violations.add("Value " + ShapeConstraints.render(node) + " at '" + path() + "' failed to satisfy constraint: " + constraint);
    }

    /**
     * A value of the wrong JSON type, in the words of DynamoDB's deserializer, as dynalite's test
     * suite records them against DynamoDB itself: "NUMBER_VALUE cannot be converted to String",
     * "TRUE_VALUE cannot be converted to Integer", "Unexpected token received from parser" (a
     * string for a boolean), "Unrecognized collection type class java.lang.Boolean" (a list),
     * "Start of structure or map found where not expected" (an object), "Unexpected field type" (a
     * scalar for a list, map or structure member; "Unexpected value type in payload" for an
     * attribute value inside a list or map).
     */
    private void requireJson(boolean matches, JsonNode node, Shape shape) {
        if (!matches) {
            boolean listElementOrMapValue = !location.isEmpty() && location.get(location.size() - 1).equals("member");
            throw new AwsException("SerializationException", 400, wrongType(node, shape, listElementOrMapValue));
        }
    }

    static String wrongType(JsonNode node, Shape shape, boolean listElementOrMapValue) {
        if (node.isObject()) {
            return "Start of structure or map found where not expected";
        }
        if (node.isArray()) {
            return "Unrecognized collection type " + javaType(shape);
        }
        return switch (shape.type) {
            // a list element or map value is a "value"; a structure's member a "field"
            case STRUCTURE -> listElementOrMapValue ? "Unexpected value type in payload" : "Unexpected field type";
            case LIST, MAP -> "Unexpected field type";
            case BLOB -> "only base-64-encoded strings are convertible to bytes";
            case BOOLEAN -> node.isTextual() ? "Unexpected token received from parser" : valueKind(node) + " cannot be converted to Boolean";
            case STRING -> valueKind(node) + " cannot be converted to String";
            case INTEGER -> valueKind(node) + " cannot be converted to Integer";
            case LONG -> valueKind(node) + " cannot be converted to Long";
            case DOUBLE -> valueKind(node) + " cannot be converted to Double";
        };
    }

    /** How DynamoDB's JSON parser names the token it found. */
    private static String valueKind(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE";
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? "NUMBER_VALUE" : "DECIMAL_VALUE";
        }
        return "STRING_VALUE";
    }

    /** The Java type DynamoDB's deserializer names when a list comes where a {@code shape} was expected. */
    private static String javaType(Shape shape) {
        return switch (shape.type) {
            case STRING -> "class java.lang.String";
            case BOOLEAN -> "class java.lang.Boolean";
            case INTEGER -> "class java.lang.Integer";
            case LONG -> "class java.lang.Long";
            case DOUBLE -> "class java.lang.Double";
            case BLOB -> "class java.nio.ByteBuffer";
            case STRUCTURE -> "class " + MODEL_PACKAGE + shape.name;
            case MAP -> "java.util.Map<java.lang.String, "
                    + (shape.value.type == Shape.Type.STRING ? "java.lang.String" : MODEL_PACKAGE + shape.value.name) + ">";
            case LIST -> "java.util.List";
        };
    }

    private static final String MODEL_PACKAGE = "com.amazonaws.dynamodb.v20120810.";
}
