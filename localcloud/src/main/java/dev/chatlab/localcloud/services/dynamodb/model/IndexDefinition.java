package dev.chatlab.localcloud.services.dynamodb.model;

import java.util.List;

/**
 * A global or local secondary index as created.
 *
 * @param name             the index name
 * @param global           true for a GSI, false for an LSI
 * @param hashKey          the index's partition key attribute
 * @param rangeKey         the index's sort key attribute, or null
 * @param projectionType   ALL, KEYS_ONLY or INCLUDE
 * @param nonKeyAttributes the attributes an INCLUDE projection adds (empty otherwise)
 * @param readCapacity     provisioned read capacity (0 for on-demand or an LSI)
 * @param writeCapacity    provisioned write capacity
 * @param createdAtMillis  when it was created: a GSI added by UpdateTable is CREATING for a moment
 */
public record IndexDefinition(String name, boolean global, String hashKey, String rangeKey,
                              String projectionType, List<String> nonKeyAttributes,
                              long readCapacity, long writeCapacity, long createdAtMillis) {

    public IndexDefinition {
        nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
    }

    public IndexDefinition withCapacity(long read, long write) {
        return new IndexDefinition(name, global, hashKey, rangeKey, projectionType, nonKeyAttributes, read, write, createdAtMillis);
    }
}
