package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import java.util.Set;

/**
 * API Gateway's JSON members are the template's properties in lower camel case
 * ({@code RouteKey} is {@code routeKey}); the keys of maps the user names (tags, stage
 * variables, request parameters) stay as written.
 */
final class CamelCase {

    private static final Set<String> USER_MAPS = Set.of("Tags", "Variables", "StageVariables", "RequestParameters", "RequestTemplates",
            "ResponseParameters", "ResponseModels", "RequestModels", "ResponseTemplates");

    private CamelCase() {
    }

    static ObjectNode of(JsonNode properties, String... leaveOut) {
        ObjectNode converted = (ObjectNode) convert(properties);
        for (String name : leaveOut) {
            converted.remove(lower(name));
        }
        return converted;
    }

    private static JsonNode convert(JsonNode value) {
        if (value.isObject()) {
            ObjectNode out = Json.object();
            value.fields().forEachRemaining(entry -> out.set(lower(entry.getKey()),
                    USER_MAPS.contains(entry.getKey()) ? entry.getValue() : convert(entry.getValue())));
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = Json.array();
            value.forEach(item -> out.add(convert(item)));
            return out;
        }
        return value;
    }

    static String lower(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
