package dev.chatlab.localcloud.services.dynamodb.model;

import java.util.Map;

/** The size of an item by DynamoDB's rules: attribute names plus values. */
public final class ItemSize {

    /** 400 KB, the largest item DynamoDB stores. */
    public static final long MAX_ITEM_BYTES = 400 * 1024;
    public static final long MAX_PARTITION_KEY_BYTES = 2048;
    public static final long MAX_SORT_KEY_BYTES = 1024;

    private ItemSize() {
    }

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += AttributeValue.utf8Length(attribute.getKey()) + attribute.getValue().size();
        }
        return size;
    }
}
