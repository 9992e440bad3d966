package dev.chatlab.localcloud.services.dynamodb.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An item as held in memory: its attributes, its wire JSON (rendered once at write time, so a
 * Query answers without re-encoding every item) and its DynamoDB size in bytes.
 */
public record StoredItem(Map<String, AttributeValue> attributes, ObjectNode json, long size) {

    public static StoredItem of(Map<String, AttributeValue> attributes) {
        return new StoredItem(java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes)),
                AttributeValueJson.writeItem(attributes), ItemSize.of(attributes));
    }
}
