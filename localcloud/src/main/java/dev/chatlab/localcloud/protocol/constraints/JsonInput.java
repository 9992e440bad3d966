package dev.chatlab.localcloud.protocol.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JSON body (the JSON and REST-JSON protocols) as {@link InputValue}s; JSON null counts as absent. */
record JsonInput(JsonNode node) implements InputValue {

    static InputValue of(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : new JsonInput(node);
    }

    @Override
    public InputValue member(String wireName) {
        return node.isObject() ? of(node.get(wireName)) : null;
    }

    @Override
    public List<InputValue> elements() {
        List<InputValue> elements = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(element -> elements.add(new JsonInput(element)));
        }
        return elements;
    }

    @Override
    public Map<String, InputValue> entries() {
        Map<String, InputValue> entries = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> entries.put(entry.getKey(), new JsonInput(entry.getValue())));
        }
        return entries;
    }

    @Override
    public String text() {
        return node.isValueNode() ? node.asText() : null;
    }

    @Override
    public boolean isJsonNumber() {
        return node.isNumber();
    }

    @Override
    public boolean isJsonString() {
        return node.isTextual();
    }
}
