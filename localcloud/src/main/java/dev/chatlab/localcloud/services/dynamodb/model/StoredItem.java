package dev.chatlab.localcloud.services.dynamodb.model;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.chatlab.localcloud.core.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An item as held in memory: its attributes, its wire JSON (rendered once at write time, with
 * its UTF-8 bytes cached, so a Query copies bytes instead of re-encoding every item) and its
 * DynamoDB size in bytes.
 */
public record StoredItem(Map<String, AttributeValue> attributes, SerializedString jsonText, long size) {

    public static StoredItem of(Map<String, AttributeValue> attributes) {
        return new StoredItem(Collections.unmodifiableMap(new LinkedHashMap<>(attributes)),
                new SerializedString(Json.write(AttributeValueJson.writeItem(attributes))), ItemSize.of(attributes));
    }

    /** The item's wire JSON as a node that any response can embed; it is written out as the cached bytes. */
    public JsonNode json() {
        return JsonNodeFactory.instance.rawValueNode(new RawValue(jsonText));
    }
}
