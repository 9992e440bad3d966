package dev.chatlab.localcloud.services.dynamodb.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything DynamoDB knows about a table besides its items; stored as JSON so it survives a
 * restart. Immutable: a change makes a new definition.
 *
 * @param name                 the table name
 * @param tableId              a UUID, as DescribeTable's TableId
 * @param arn                  arn:aws:dynamodb:REGION:ACCOUNT:table/NAME
 * @param createdAtMillis      creation time; the table is CREATING for a moment after it
 * @param updatedAtMillis      last UpdateTable; the table is UPDATING for a moment after it (0: never)
 * @param hashKey              partition key attribute
 * @param rangeKey             sort key attribute, or null
 * @param attributeTypes       AttributeDefinitions: name to S, N or B, in the order given
 * @param billingMode          PROVISIONED or PAY_PER_REQUEST
 * @param readCapacity         provisioned read capacity (0 on demand)
 * @param writeCapacity        provisioned write capacity (0 on demand)
 * @param payPerRequestSinceMillis when the billing mode last became PAY_PER_REQUEST (0: never)
 * @param indexes              the GSIs and LSIs
 * @param tags                 the table's tags
 * @param ttlAttribute         the TTL attribute, or null when TTL is disabled
 * @param deletionProtection   DeletionProtectionEnabled
 */
public record TableDefinition(String name, String tableId, String arn, long createdAtMillis, long updatedAtMillis,
                              String hashKey, String rangeKey, Map<String, String> attributeTypes,
                              String billingMode, long readCapacity, long writeCapacity, long payPerRequestSinceMillis,
                              List<IndexDefinition> indexes, Map<String, String> tags, String ttlAttribute,
                              boolean deletionProtection) {

    public static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";
    public static final String PROVISIONED = "PROVISIONED";

    public TableDefinition {
        attributeTypes = new LinkedHashMap<>(attributeTypes);
        indexes = List.copyOf(indexes);
        tags = new LinkedHashMap<>(tags == null ? Map.of() : tags);
    }

    public Optional<IndexDefinition> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    public List<IndexDefinition> globalIndexes() {
        return indexes.stream().filter(IndexDefinition::global).toList();
    }

    public List<IndexDefinition> localIndexes() {
        return indexes.stream().filter(i -> !i.global()).toList();
    }

    public boolean isKeyAttribute(String attribute) {
        return attribute.equals(hashKey) || attribute.equals(rangeKey);
    }

    public TableDefinition withTags(Map<String, String> newTags) {
        return new TableDefinition(name, tableId, arn, createdAtMillis, updatedAtMillis, hashKey, rangeKey, attributeTypes,
                billingMode, readCapacity, writeCapacity, payPerRequestSinceMillis, indexes, newTags, ttlAttribute, deletionProtection);
    }

    public TableDefinition withTtl(String attribute) {
        return new TableDefinition(name, tableId, arn, createdAtMillis, updatedAtMillis, hashKey, rangeKey, attributeTypes,
                billingMode, readCapacity, writeCapacity, payPerRequestSinceMillis, indexes, tags, attribute, deletionProtection);
    }

    /** The result of an UpdateTable at {@code nowMillis}. */
    public TableDefinition updated(long nowMillis, Map<String, String> newAttributeTypes, String newBillingMode,
                                   long newRead, long newWrite, long newPayPerRequestSince,
                                   List<IndexDefinition> newIndexes, boolean newDeletionProtection) {
        return new TableDefinition(name, tableId, arn, createdAtMillis, nowMillis, hashKey, rangeKey, newAttributeTypes,
                newBillingMode, newRead, newWrite, newPayPerRequestSince, newIndexes, tags, ttlAttribute, newDeletionProtection);
    }

    /** Attribute definitions still used by a key after the indexes changed. */
    public static Map<String, String> usedAttributes(Map<String, String> types, String hashKey, String rangeKey, List<IndexDefinition> indexes) {
        List<String> used = new ArrayList<>();
        used.add(hashKey);
        if (rangeKey != null) {
            used.add(rangeKey);
        }
        for (IndexDefinition index : indexes) {
            used.add(index.hashKey());
            if (index.rangeKey() != null) {
                used.add(index.rangeKey());
            }
        }
        Map<String, String> kept = new LinkedHashMap<>();
        types.forEach((attribute, type) -> {
            if (used.contains(attribute)) {
                kept.put(attribute, type);
            }
        });
        return kept;
    }
}
