package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a provider is given for one resource of one stack: its logical id and resolved
 * properties, the stack it belongs to, and the calls into the other services.
 *
 * @param stackTags the stack's own tags, which CloudFormation copies onto every resource that takes tags
 */
public record ResourceRequest(String logicalId, JsonNode properties, String stackName, String stackId,
                              Map<String, String> stackTags, String accountId, ServiceCalls calls) {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public String region() {
        return calls.region();
    }

    public String text(String property) {
        JsonNode value = properties.get(property);
        return value == null || value.isNull() ? null : value.asText();
    }

    public String required(String property) {
        String value = text(property);
        if (value == null) {
            throw ResourceFailure.invalidProperty("#: required key [" + property + "] not found");
        }
        return value;
    }

    /** The property's value, or a name CloudFormation makes up: {@code <stack>-<logical id>-<13 random>}. */
    public String nameOr(String property, int maxLength, boolean lowerCase) {
        String given = text(property);
        return given != null ? given : generatedName(maxLength, lowerCase);
    }

    public String generatedName(int maxLength, boolean lowerCase) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        String stack = stackName;
        String logical = logicalId;
        int room = maxLength - suffix.length() - 2;
        if (stack.length() + logical.length() > room) {
            int half = Math.max(1, room / 2);
            logical = logical.substring(0, Math.min(logical.length(), Math.max(half, room - stack.length())));
            stack = stack.substring(0, Math.min(stack.length(), room - logical.length()));
        }
        String name = stack + "-" + logical + "-" + suffix;
        return lowerCase ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** The tags CloudFormation puts on a stack's resources: the stack's, its own, then the template's. */
    public Map<String, String> tags(String property) {
        Map<String, String> tags = new LinkedHashMap<>(stackTags);
        tags.put("aws:cloudformation:stack-name", stackName);
        tags.put("aws:cloudformation:stack-id", stackId);
        tags.put("aws:cloudformation:logical-id", logicalId);
        JsonNode given = properties.path(property);
        if (given.isArray()) {
            given.forEach(tag -> tags.put(tag.path("Key").asText(), tag.path("Value").asText()));
        } else if (given.isObject()) {
            given.fields().forEachRemaining(entry -> tags.put(entry.getKey(), entry.getValue().asText()));
        }
        return tags;
    }

    /** Tags as a list of {"Key", "Value"} objects (DynamoDB, ...). */
    public static ArrayNode tagList(Map<String, String> tags, String keyName, String valueName) {
        ArrayNode list = Json.array();
        tags.forEach((key, value) -> list.addObject().put(keyName, key).put(valueName, value));
        return list;
    }

    /** Tags as one JSON object (Lambda, API Gateway, CloudWatch Logs). */
    public static ObjectNode tagMap(Map<String, String> tags) {
        ObjectNode map = Json.object();
        tags.forEach(map::put);
        return map;
    }

    /** A policy document property: an object in the template, JSON text on the wire. */
    public String document(String property) {
        JsonNode value = properties.get(property);
        if (value == null) {
            throw ResourceFailure.invalidProperty("#: required key [" + property + "] not found");
        }
        return value.isTextual() ? value.asText() : Json.write(value);
    }
}
