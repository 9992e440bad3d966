package dev.chatlab.localcloud.services.dynamodb;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import dev.chatlab.localcloud.services.dynamodb.model.IndexDefinition;
import dev.chatlab.localcloud.services.dynamodb.model.ItemSize;
import dev.chatlab.localcloud.services.dynamodb.model.TableDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/** What DynamoDB requires of a Key parameter and of an item before it stores it. */
final class ItemRules {

    private ItemRules() {
    }

    /**
     * A Key parameter: exactly the table's key attributes, each of its defined type; anything
     * else is "The provided key element does not match the schema".
     */
    static Map<String, AttributeValue> key(Map<String, AttributeValue> key, TableDefinition table) {
        int expected = table.rangeKey() == null ? 1 : 2;
        if (key.size() != expected) {
            throw schemaMismatch();
        }
        requireKeyPart(key, table.hashKey(), table);
        if (table.rangeKey() != null) {
            requireKeyPart(key, table.rangeKey(), table);
        }
        requireKeySizes(key, table);
        return key;
    }

    private static void requireKeyPart(Map<String, AttributeValue> key, String attribute, TableDefinition table) {
        AttributeValue value = key.get(attribute);
        if (value == null || !value.type().name().equals(table.attributeTypes().get(attribute))) {
            throw schemaMismatch();
        }
        requireNotEmpty(value, attribute);
    }

    static AwsException schemaMismatch() {
        return AwsException.validation("The provided key element does not match the schema");
    }

    /** The key attributes of an item. */
    static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, TableDefinition table) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(table.hashKey(), item.get(table.hashKey()));
        if (table.rangeKey() != null) {
            key.put(table.rangeKey(), item.get(table.rangeKey()));
        }
        return key;
    }

    /** An item about to be stored (PutItem, or the result of UpdateItem). */
    static void validateItem(Map<String, AttributeValue> item, TableDefinition table) {
        for (String attribute : table.rangeKey() == null ? new String[] {table.hashKey()} : new String[] {table.hashKey(), table.rangeKey()}) {
            AttributeValue value = item.get(attribute);
            if (value == null) {
                throw AwsException.validation("One or more parameter values were invalid: Missing the key " + attribute + " in the item");
            }
            String expected = table.attributeTypes().get(attribute);
            if (!value.type().name().equals(expected)) {
                throw AwsException.validation("One or more parameter values were invalid: Type mismatch for key " + attribute
                        + " expected: " + expected + " actual: " + value.type());
            }
            requireNotEmpty(value, attribute);
        }
        requireKeySizes(item, table);
        for (IndexDefinition index : table.indexes()) {
            for (String attribute : index.rangeKey() == null ? new String[] {index.hashKey()} : new String[] {index.hashKey(), index.rangeKey()}) {
                AttributeValue value = item.get(attribute);
                if (value == null || table.isKeyAttribute(attribute)) {
                    continue;
                }
                String expected = table.attributeTypes().get(attribute);
                if (!value.type().name().equals(expected)) {
                    throw AwsException.validation("One or more parameter values were invalid: Type mismatch for Index Key " + attribute
                            + " Expected: " + expected + " Actual: " + value.type() + " IndexName: " + index.name());
                }
                if (isEmpty(value)) {
                    throw AwsException.validation("One or more parameter values are not valid. A value specified for a secondary index key is not supported. "
                            + "The AttributeValue for a key attribute cannot contain an empty " + (value.type() == AttributeValue.Type.S ? "string" : "binary")
                            + " value. IndexName: " + index.name() + ", IndexKey: " + attribute);
                }
            }
        }
        if (ItemSize.of(item) > ItemSize.MAX_ITEM_BYTES) {
            throw AwsException.validation("Item size has exceeded the maximum allowed size");
        }
    }

    /** The key's size limits, the same for a read's Key as for a stored item. */
    private static void requireKeySizes(Map<String, AttributeValue> item, TableDefinition table) {
        if (AttributeValue.utf8Length(table.hashKey()) + item.get(table.hashKey()).size() > ItemSize.MAX_PARTITION_KEY_BYTES) {
            throw AwsException.validation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of 2048 bytes");
        }
        if (table.rangeKey() != null && item.get(table.rangeKey()).size() > ItemSize.MAX_SORT_KEY_BYTES) {
            throw AwsException.validation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
    }

    private static void requireNotEmpty(AttributeValue value, String attribute) {
        if (isEmpty(value)) {
            throw AwsException.validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
                    + (value.type() == AttributeValue.Type.S ? "string" : "binary") + " value. Key: " + attribute);
        }
    }

    private static boolean isEmpty(AttributeValue value) {
        return (value.type() == AttributeValue.Type.S && value.s().isEmpty())
                || (value.type() == AttributeValue.Type.B && value.b().length == 0);
    }
}
