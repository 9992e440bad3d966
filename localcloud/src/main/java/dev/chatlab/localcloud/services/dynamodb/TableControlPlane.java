package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.dynamodb.model.IndexDefinition;
import dev.chatlab.localcloud.services.dynamodb.model.TableDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The control plane: CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable, the tag
 * operations and the TTL settings.
 */
final class TableControlPlane {

    private static final int MAX_GSIS = 20;
    private static final int MAX_LSIS = 5;
    private static final int MAX_TAGS = 50;

    private final TableRegistry tables;
    private final String accountId;

    TableControlPlane(TableRegistry tables, String accountId) {
        this.tables = tables;
        this.accountId = accountId;
    }

    ObjectNode createTable(JsonNode request, String region) {
        String name = Requests.tableName(request);
        List<String> keySchema = TableSchemas.keySchema(request.get("KeySchema"));
        Map<String, String> types = TableSchemas.attributeDefinitions(request.get("AttributeDefinitions"));
        String billingMode = Requests.choice(request, "BillingMode", "billingMode", TableDefinition.PROVISIONED,
                Set.of(TableDefinition.PROVISIONED, TableDefinition.PAY_PER_REQUEST));
        long[] capacity = TableSchemas.capacity(request.get("ProvisionedThroughput"), billingMode, null);
        long now = tables.now();
        List<IndexDefinition> indexes = new ArrayList<>();
        JsonNode gsis = request.get("GlobalSecondaryIndexes");
        if (gsis != null && gsis.size() > MAX_GSIS) {
            throw new AwsException("LimitExceededException", 400, "Subscriber limit exceeded: the number of global secondary indexes per table is limited to " + MAX_GSIS);
        }
        if (gsis != null) {
            gsis.forEach(gsi -> indexes.add(TableSchemas.index(gsi, true, billingMode, keySchema, 0)));
        }
        JsonNode lsis = request.get("LocalSecondaryIndexes");
        if (lsis != null && lsis.size() > 0) {
            if (keySchema.size() < 2) {
                throw AwsException.validation("One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            if (lsis.size() > MAX_LSIS) {
                throw AwsException.validation("One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of " + MAX_LSIS);
            }
            lsis.forEach(lsi -> indexes.add(TableSchemas.index(lsi, false, billingMode, keySchema, 0)));
        }
        TableSchemas.requireUniqueNames(indexes);
        TableSchemas.requireDefinitionsMatchKeys(types, keySchema, indexes);
        Map<String, String> tags = TableSchemas.tags(request.get("Tags"), new LinkedHashMap<>(), MAX_TAGS);
        TableDefinition definition = new TableDefinition(name, UUID.randomUUID().toString(),
                "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + name, now, 0,
                keySchema.get(0), keySchema.size() > 1 ? keySchema.get(1) : null, types, billingMode, capacity[0], capacity[1],
                billingMode.equals(TableDefinition.PAY_PER_REQUEST) ? now : 0, indexes, tags, null,
                Requests.flag(request, "DeletionProtectionEnabled"));
        TableItems table = tables.create(definition);
        ObjectNode description = describe(table);
        // CreateTable always answers CREATING, as AWS does, even when the table is usable at once.
        description.put("TableStatus", "CREATING");
        description.path("GlobalSecondaryIndexes").forEach(gsi -> ((ObjectNode) gsi).put("IndexStatus", "CREATING"));
        // AWS's answer names the billing mode only (DescribeTable adds when it became on-demand)
        if (description.get("BillingModeSummary") instanceof ObjectNode billing) {
            billing.remove("LastUpdateToPayPerRequestDateTime");
        }
        ObjectNode response = Json.object();
        response.set("TableDescription", description);
        return response;
    }

    ObjectNode describeTable(JsonNode request) {
        ObjectNode response = Json.object();
        response.set("Table", describe(tables.describe(Requests.tableName(request))));
        return response;
    }

    ObjectNode listTables(JsonNode request) {
        int limit = request.hasNonNull("Limit") ? request.get("Limit").asInt() : 100;
        String after = Json.text(request, "ExclusiveStartTableName");
        List<String> names = tables.names().stream()
                .filter(n -> after == null || n.compareTo(after) > 0).toList();
        ObjectNode response = Json.object();
        ArrayNode page = response.putArray("TableNames");
        names.stream().limit(limit).forEach(page::add);
        if (names.size() > limit) {
            response.put("LastEvaluatedTableName", names.get(limit - 1));
        }
        return response;
    }

    ObjectNode updateTable(JsonNode request) {
        TableItems table = tables.describe(Requests.tableName(request));
        TableDefinition current = table.definition();
        String status = tables.status(current);
        if (!status.equals("ACTIVE")) {
            throw inUse(current.name(), status);
        }
        boolean anything = request.has("BillingMode") || request.has("ProvisionedThroughput")
                || request.has("GlobalSecondaryIndexUpdates") || request.has("DeletionProtectionEnabled");
        if (!anything) {
            throw AwsException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        long now = tables.now();
        String billingMode = Requests.choice(request, "BillingMode", "billingMode", current.billingMode(),
                Set.of(TableDefinition.PROVISIONED, TableDefinition.PAY_PER_REQUEST));
        long[] capacity;
        if (request.has("ProvisionedThroughput") || !billingMode.equals(current.billingMode())) {
            capacity = TableSchemas.capacity(request.get("ProvisionedThroughput"), billingMode, null);
        } else {
            capacity = new long[] {current.readCapacity(), current.writeCapacity()};
        }
        Map<String, String> types = new LinkedHashMap<>(current.attributeTypes());
        if (request.has("AttributeDefinitions")) {
            types.putAll(TableSchemas.attributeDefinitions(request.get("AttributeDefinitions")));
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        for (IndexDefinition index : current.indexes()) {
            boolean onDemand = billingMode.equals(TableDefinition.PAY_PER_REQUEST);
            indexes.add(index.global() ? index.withCapacity(onDemand ? 0 : Math.max(index.readCapacity(), capacity[0]),
                    onDemand ? 0 : Math.max(index.writeCapacity(), capacity[1])) : index);
        }
        JsonNode updates = request.path("GlobalSecondaryIndexUpdates");
        int createsAndDeletes = 0;
        List<String> keySchema = current.rangeKey() == null ? List.of(current.hashKey()) : List.of(current.hashKey(), current.rangeKey());
        for (JsonNode update : updates) {
            if (update.has("Create")) {
                createsAndDeletes++;
                IndexDefinition created = TableSchemas.index(update.get("Create"), true, billingMode, keySchema, now);
                if (current.index(created.name()).isPresent()) {
                    throw AwsException.validation("One or more parameter values were invalid: Index with name " + created.name() + " already exists");
                }
                for (String attribute : created.rangeKey() == null ? List.of(created.hashKey()) : List.of(created.hashKey(), created.rangeKey())) {
                    if (!types.containsKey(attribute)) {
                        throw AwsException.validation("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: ["
                                + attribute + "], AttributeDefinitions: " + List.copyOf(types.keySet()));
                    }
                }
                indexes.add(created);
            } else if (update.has("Delete")) {
                createsAndDeletes++;
                String indexName = Json.text(update.get("Delete"), "IndexName");
                if (!indexes.removeIf(i -> i.global() && i.name().equals(indexName))) {
                    throw new AwsException("ResourceNotFoundException", 400, "Requested resource not found: Index: " + indexName + " not found");
                }
            } else if (update.has("Update")) {
                String indexName = Json.text(update.get("Update"), "IndexName");
                IndexDefinition index = indexes.stream().filter(i -> i.global() && i.name().equals(indexName)).findFirst()
                        .orElseThrow(() -> new AwsException("ResourceNotFoundException", 400, "Requested resource not found: Index: " + indexName + " not found"));
                long[] indexCapacity = TableSchemas.capacity(update.get("Update").get("ProvisionedThroughput"), billingMode, indexName);
                indexes.set(indexes.indexOf(index), index.withCapacity(indexCapacity[0], indexCapacity[1]));
            }
        }
        if (createsAndDeletes > 1) {
            throw new AwsException("LimitExceededException", 400, "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");
        }
        boolean protection = request.has("DeletionProtectionEnabled") ? Requests.flag(request, "DeletionProtectionEnabled") : current.deletionProtection();
        long payPerRequestSince = billingMode.equals(TableDefinition.PAY_PER_REQUEST) && !current.billingMode().equals(billingMode)
                ? now : current.payPerRequestSinceMillis();
        TableDefinition updated = current.updated(now,
                TableDefinition.usedAttributes(types, current.hashKey(), current.rangeKey(), indexes),
                billingMode, capacity[0], capacity[1], payPerRequestSince, indexes, protection);
        tables.update(table, updated);
        ObjectNode description = describe(table);
        // UpdateTable always answers UPDATING (and an index it adds CREATING), as AWS does, even when the change is done at once.
        description.put("TableStatus", "UPDATING");
        List<String> added = indexes.stream().filter(i -> current.index(i.name()).isEmpty()).map(IndexDefinition::name).toList();
        description.path("GlobalSecondaryIndexes").forEach(gsi -> {
            if (added.contains(gsi.path("IndexName").asText())) {
                // the backfill starts after the answer: AWS's UpdateTable answer says Backfilling false
                ((ObjectNode) gsi).put("IndexStatus", "CREATING").put("Backfilling", false);
            }
        });
        ObjectNode response = Json.object();
        response.set("TableDescription", description);
        return response;
    }

    ObjectNode deleteTable(JsonNode request) {
        TableItems table = tables.describe(Requests.tableName(request));
        TableDefinition definition = table.definition();
        String status = tables.status(definition);
        if (status.equals("DELETING")) {
            // DynamoDB: "If table is already in the DELETING state, no error is returned."
            ObjectNode response = Json.object();
            response.set("TableDescription", deleted(describe(table)));
            return response;
        }
        if (status.equals("CREATING") || status.equals("UPDATING")) {
            throw inUse(definition.name(), status);
        }
        if (definition.deletionProtection()) {
            throw AwsException.validation("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
        }
        ObjectNode description = deleted(describe(table));
        description.put("TableStatus", "DELETING");
        tables.delete(table);
        ObjectNode response = Json.object();
        response.set("TableDescription", description);
        return response;
    }

    /** Members DeleteTable's answer has (AWS's: no schema, creation time or indexes), in describe()'s order. */
    private static final List<String> DELETED_TABLE_MEMBERS = List.of("TableName", "TableStatus", "ProvisionedThroughput",
            "TableSizeBytes", "ItemCount", "TableArn", "TableId", "BillingModeSummary", "DeletionProtectionEnabled");

    private static ObjectNode deleted(ObjectNode description) {
        description.retain(DELETED_TABLE_MEMBERS);
        return description;
    }

    private static AwsException inUse(String name, String status) {
        String doing = switch (status) {
            case "CREATING" -> "created";
            case "DELETING" -> "deleted";
            default -> "updated";
        };
        return new AwsException("ResourceInUseException", 400, "Attempt to change a resource which is still in use: Table is being "
                + doing + ": " + name);
    }

    // ---- tags

    ObjectNode tagResource(JsonNode request) {
        TableItems table = byArn(request);
        Map<String, String> tags = TableSchemas.tags(request.get("Tags"), table.definition().tags(), MAX_TAGS);
        tables.update(table, table.definition().withTags(tags));
        return Json.object();
    }

    ObjectNode untagResource(JsonNode request) {
        TableItems table = byArn(request);
        Map<String, String> tags = new LinkedHashMap<>(table.definition().tags());
        request.path("TagKeys").forEach(key -> tags.remove(key.asText()));
        tables.update(table, table.definition().withTags(tags));
        return Json.object();
    }

    /**
     * An ARN that names no DynamoDB table of this account is AccessDenied here, not a
     * ValidationException as for TagResource: AWS authorizes ListTagsOfResource on the ARN
     * before it parses it, and nothing can be allowed on a resource that cannot exist.
     */
    ObjectNode listTagsOfResource(JsonNode request) {
        String arn = Requests.required(request, "ResourceArn", "resourceArn");
        if (!arn.startsWith("arn:aws:dynamodb:") || !arn.contains(":" + accountId + ":table/")) {
            throw new AwsException("AccessDeniedException", 400, "User: arn:aws:iam::" + accountId
                    + ":root is not authorized to perform: dynamodb:ListTagsOfResource on resource: " + arn);
        }
        TableItems table = byArn(request);
        ObjectNode response = Json.object();
        ArrayNode tags = response.putArray("Tags");
        table.definition().tags().forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        return response;
    }

    private TableItems byArn(JsonNode request) {
        String arn = Requests.required(request, "ResourceArn", "resourceArn");
        if (!arn.startsWith("arn:aws:dynamodb:") || !arn.contains(":table/")) {
            throw AwsException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        return tables.byArn(arn).orElseThrow(() ->
                new AwsException("ResourceNotFoundException", 400, "Requested resource not found: ResourcArn: " + arn + " not found"));
    }

    // ---- time to live

    ObjectNode describeTimeToLive(JsonNode request) {
        TableDefinition definition = tables.describe(Requests.tableName(request)).definition();
        ObjectNode response = Json.object();
        ObjectNode description = response.putObject("TimeToLiveDescription");
        if (definition.ttlAttribute() == null) {
            description.put("TimeToLiveStatus", "DISABLED");
        } else {
            description.put("TimeToLiveStatus", "ENABLED").put("AttributeName", definition.ttlAttribute());
        }
        return response;
    }

    ObjectNode updateTimeToLive(JsonNode request) {
        TableItems table = tables.active(Requests.tableName(request));
        JsonNode specification = request.get("TimeToLiveSpecification");
        boolean enable = specification.get("Enabled").asBoolean();
        String attribute = specification.get("AttributeName").asText();
        String current = table.definition().ttlAttribute();
        if (enable && current != null) {
            throw AwsException.validation("TimeToLive is already enabled");
        }
        if (!enable && current == null) {
            throw AwsException.validation("TimeToLive is already disabled");
        }
        if (!enable && !current.equals(attribute)) {
            throw AwsException.validation("TimeToLive is active on a different AttributeName: current AttributeName is " + current);
        }
        tables.update(table, table.definition().withTtl(enable ? attribute : null));
        ObjectNode response = Json.object();
        response.putObject("TimeToLiveSpecification").put("Enabled", enable).put("AttributeName", attribute);
        return response;
    }

    // ---- rendering

    ObjectNode describe(TableItems table) {
        TableDefinition definition = table.definition();
        ObjectNode node = Json.object();
        ArrayNode attributes = node.putArray("AttributeDefinitions");
        definition.attributeTypes().forEach((name, type) -> attributes.addObject().put("AttributeName", name).put("AttributeType", type));
        node.put("TableName", definition.name());
        node.set("KeySchema", keySchema(definition.hashKey(), definition.rangeKey()));
        node.put("TableStatus", tables.status(definition));
        node.put("CreationDateTime", definition.createdAtMillis() / 1000.0);
        node.set("ProvisionedThroughput", throughput(definition.readCapacity(), definition.writeCapacity()));
        node.put("TableSizeBytes", table.sizeBytes());
        node.put("ItemCount", table.itemCount());
        node.put("TableArn", definition.arn());
        node.put("TableId", definition.tableId());
        // AWS has no BillingModeSummary for a table that was never on-demand; once it was, the summary
        // keeps when it last became so, even after a switch back to PROVISIONED
        if (definition.payPerRequestSinceMillis() > 0) {
            node.putObject("BillingModeSummary").put("BillingMode", definition.billingMode())
                    .put("LastUpdateToPayPerRequestDateTime", definition.payPerRequestSinceMillis() / 1000.0);
        }
        if (!definition.globalIndexes().isEmpty()) {
            ArrayNode gsis = node.putArray("GlobalSecondaryIndexes");
            definition.globalIndexes().forEach(index -> {
                ObjectNode gsi = describeIndex(table, index);
                gsi.put("IndexStatus", tables.indexStatus(definition, index));
                // only an index added to a table with items backfills; one created with its table does not
                if (index.createdAtMillis() > 0 && gsi.get("IndexStatus").asText().equals("CREATING")) {
                    gsi.put("Backfilling", true);
                }
                gsi.set("ProvisionedThroughput", throughput(index.readCapacity(), index.writeCapacity()));
                gsis.add(gsi);
            });
        }
        if (!definition.localIndexes().isEmpty()) {
            ArrayNode lsis = node.putArray("LocalSecondaryIndexes");
            definition.localIndexes().forEach(index -> lsis.add(describeIndex(table, index)));
        }
        node.put("DeletionProtectionEnabled", definition.deletionProtection());
        return node;
    }

    private static ObjectNode describeIndex(TableItems table, IndexDefinition index) {
        ObjectNode node = Json.object().put("IndexName", index.name());
        node.set("KeySchema", keySchema(index.hashKey(), index.rangeKey()));
        ObjectNode projection = node.putObject("Projection").put("ProjectionType", index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            ArrayNode nonKey = projection.putArray("NonKeyAttributes");
            index.nonKeyAttributes().forEach(nonKey::add);
        }
        node.put("IndexSizeBytes", table.indexSizeBytes(index.name()));
        node.put("ItemCount", table.indexItemCount(index.name()));
        node.put("IndexArn", table.definition().arn() + "/index/" + index.name());
        return node;
    }

    private static ArrayNode keySchema(String hashKey, String rangeKey) {
        ArrayNode schema = Json.array();
        schema.addObject().put("AttributeName", hashKey).put("KeyType", "HASH");
        if (rangeKey != null) {
            schema.addObject().put("AttributeName", rangeKey).put("KeyType", "RANGE");
        }
        return schema;
    }

    private static ObjectNode throughput(long read, long write) {
        return Json.object().put("NumberOfDecreasesToday", 0).put("ReadCapacityUnits", read).put("WriteCapacityUnits", write);
    }
}
