package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.dynamodb.model.IndexDefinition;
import dev.chatlab.localcloud.services.dynamodb.model.TableDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading and checking the schema parts of CreateTable and UpdateTable, with DynamoDB's messages. */
final class TableSchemas {

    private static final Set<String> PROJECTION_TYPES = Set.of("ALL", "KEYS_ONLY", "INCLUDE");

    private TableSchemas() {
    }

    /**
     * A KeySchema: [hash] or [hash, range]. Its presence, length (1-2) and key types were
     * checked against the service model before the operation ran.
     */
    static List<String> keySchema(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String type = element.path("KeyType").asText();
            if (i == 0 && !type.equals("HASH")) {
                throw AwsException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
            }
            if (i == 1 && !type.equals("RANGE")) {
                throw AwsException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
            }
            names.add(element.path("AttributeName").asText());
        }
        if (names.size() == 2 && names.get(0).equals(names.get(1))) {
            throw AwsException.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        return names;
    }

    /** The attribute definitions (present, of types S, N or B: the service model's checks). */
    static Map<String, String> attributeDefinitions(JsonNode node) {
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String name = node.get(i).path("AttributeName").asText();
            String type = node.get(i).path("AttributeType").asText();
            if (types.put(name, type) != null) {
                throw AwsException.validation("Cannot have two attributes with the same name");
            }
        }
        return types;
    }

    /** [read, write] capacity, checked against the billing mode; {@code index} names an index in messages. */
    static long[] capacity(JsonNode node, String billingMode, String index) {
        boolean given = node != null && !node.isNull();
        if (billingMode.equals(TableDefinition.PAY_PER_REQUEST)) {
            if (given) {
                throw AwsException.validation(index == null
                        ? "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"
                        : "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: " + index + " when BillingMode is PAY_PER_REQUEST");
            }
            return new long[] {0, 0};
        }
        if (!given || !node.has("ReadCapacityUnits") || !node.has("WriteCapacityUnits")) {
            throw AwsException.validation(index == null
                    ? "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"
                    : "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: " + index);
        }
        long read = node.get("ReadCapacityUnits").asLong();
        long write = node.get("WriteCapacityUnits").asLong();
        return new long[] {read, write};
    }

    static IndexDefinition index(JsonNode node, boolean global, String billingMode, List<String> tableKey, long createdAtMillis) {
        String name = node.get("IndexName").asText();
        List<String> key = keySchema(node.get("KeySchema"));
        JsonNode projection = node.get("Projection");
        String type = projection.path("ProjectionType").asText("");
        if (!PROJECTION_TYPES.contains(type)) {
            throw AwsException.validation("One or more parameter values were invalid: Unknown ProjectionType: " + type);
        }
        List<String> nonKey = new ArrayList<>();
        projection.path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
        if (type.equals("INCLUDE") && nonKey.isEmpty()) {
            throw AwsException.validation("One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
        }
        if (!type.equals("INCLUDE") && !nonKey.isEmpty()) {
            throw AwsException.validation("One or more parameter values were invalid: ProjectionType is " + type + ", but NonKeyAttributes is specified");
        }
        long[] capacity = global ? capacity(node.get("ProvisionedThroughput"), billingMode, name) : new long[] {0, 0};
        if (!global) {
            if (key.size() < 2) {
                throw AwsException.validation("One or more parameter values were invalid: Index KeySchema does not have a range key for index: " + name);
            }
            if (!key.get(0).equals(tableKey.get(0))) {
                throw AwsException.validation("One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: "
                        + name + ". index hash key: " + key.get(0) + ", table hash key: " + tableKey.get(0));
            }
        }
        return new IndexDefinition(name, global, key.get(0), key.size() > 1 ? key.get(1) : null, type, nonKey,
                capacity[0], capacity[1], createdAtMillis);
    }

    static void requireUniqueNames(List<IndexDefinition> indexes) {
        Set<String> names = new HashSet<>();
        for (IndexDefinition index : indexes) {
            if (!names.add(index.name())) {
                throw AwsException.validation("One or more parameter values were invalid: Duplicate index name: " + index.name());
            }
        }
    }

    /** AttributeDefinitions must name exactly the attributes that some key uses. */
    static void requireDefinitionsMatchKeys(Map<String, String> types, List<String> tableKey, List<IndexDefinition> indexes) {
        Set<String> used = new LinkedHashSet<>(tableKey);
        for (IndexDefinition index : indexes) {
            used.add(index.hashKey());
            if (index.rangeKey() != null) {
                used.add(index.rangeKey());
            }
        }
        List<String> undefined = used.stream().filter(k -> !types.containsKey(k)).toList();
        if (!undefined.isEmpty()) {
            throw AwsException.validation("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: "
                    + undefined + ", AttributeDefinitions: " + List.copyOf(types.keySet()));
        }
        if (types.size() != used.size()) {
            throw AwsException.validation(indexes.isEmpty()
                    ? "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"
                    : "One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: "
                    + List.copyOf(types.keySet()) + ", keys used: " + List.copyOf(used));
        }
    }

    static Map<String, String> tags(JsonNode node, Map<String, String> existing, int max) {
        Map<String, String> tags = new LinkedHashMap<>(existing);
        if (node != null) {
            for (JsonNode tag : node) {
                String key = tag.path("Key").asText("");
                tags.put(key, tag.path("Value").asText(""));
            }
        }
        if (tags.size() > max) {
            throw new AwsException("LimitExceededException", 400, "Subscriber limit exceeded: The number of tags on the resource would exceed the limit of " + max);
        }
        return tags;
    }
}
