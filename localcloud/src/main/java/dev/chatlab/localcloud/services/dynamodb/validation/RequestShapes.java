package dev.chatlab.localcloud.services.dynamodb.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The input shapes of the operations localcloud's DynamoDB serves, read once from
 * request-shapes.json: the service model's own types and constraints (generated from
 * botocore's service-2.json by localcloud/tools/dynamodb-request-shapes.py, not typed by hand).
 */
final class RequestShapes {

    private final Map<String, Shape> inputs = new HashMap<>();

    private RequestShapes(JsonNode model) {
        Map<String, Shape> shapes = new HashMap<>();
        JsonNode definitions = model.get("shapes");
        definitions.fields().forEachRemaining(e -> shapes.put(e.getKey(), create(e.getKey(), e.getValue())));
        definitions.fields().forEachRemaining(e -> link(shapes.get(e.getKey()), e.getValue(), shapes));
        model.get("operations").fields().forEachRemaining(e -> inputs.put(e.getKey(), shapes.get(e.getValue().asText())));
    }

    static RequestShapes load() {
        try (InputStream in = RequestShapes.class.getResourceAsStream("request-shapes.json")) {
            if (in == null) {
                throw new IllegalStateException("request-shapes.json is missing from the classpath");
            }
            return new RequestShapes(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operation's input shape, or null for an operation the model file does not hold. */
    Shape input(String operation) {
        return inputs.get(operation);
    }

    private static Shape create(String name, JsonNode definition) {
        Shape.Type type = Shape.Type.valueOf(definition.get("type").asText().toUpperCase(Locale.ROOT));
        List<String> allowed = null;
        if (definition.has("enum")) {
            allowed = new ArrayList<>();
            for (JsonNode value : definition.get("enum")) {
                allowed.add(value.asText());
            }
        }
        return new Shape(name, type, bound(definition, "min"), bound(definition, "max"),
                definition.hasNonNull("pattern") ? definition.get("pattern").asText() : null, allowed);
    }

    private static Long bound(JsonNode definition, String field) {
        return definition.hasNonNull(field) ? definition.get(field).asLong() : null;
    }

    private static void link(Shape shape, JsonNode definition, Map<String, Shape> shapes) {
        switch (shape.type) {
            case STRUCTURE -> {
                Set<String> required = new HashSet<>();
                definition.path("required").forEach(r -> required.add(r.asText()));
                definition.get("members").fields().forEachRemaining(m -> shape.members.add(new Shape.Member(
                        m.getKey(), wireName(m.getKey()), shapes.get(m.getValue().asText()), required.contains(m.getKey()))));
            }
            case LIST -> shape.element = shapes.get(definition.get("member").asText());
            case MAP -> {
                shape.key = shapes.get(definition.get("key").asText());
                shape.value = shapes.get(definition.get("value").asText());
            }
            default -> {
            }
        }
    }

    /** DynamoDB names members in its messages with a lower-case first letter: "TableName" is 'tableName'. */
    private static String wireName(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
