package dev.chatlab.localcloud.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Supplier;

/** The one Jackson mapper of localcloud, and the conversions every JSON service needs. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /** The text of {@code field}, or null where it is missing or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * Parses a request body; malformed JSON becomes the AwsException that the caller's
     * protocol expects, never a stack trace. The exception is made only then: filling in its
     * stack trace on every request was a measurable part of a DynamoDB call.
     */
    public static JsonNode parse(byte[] body, Supplier<AwsException> whenMalformed) {
        try {
            JsonNode node = body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
            return node == null ? MAPPER.createObjectNode() : node;
        } catch (IOException e) {
            throw whenMalformed.get();
        }
    }

    public static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + type.getSimpleName(), e);
        }
    }
}
