package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.dynamodb.expression.DocumentPath;
import dev.chatlab.localcloud.services.dynamodb.expression.ExpressionAttributes;
import dev.chatlab.localcloud.services.dynamodb.expression.ExpressionParser;
import dev.chatlab.localcloud.services.dynamodb.expression.Projection;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValueJson;
import dev.chatlab.localcloud.services.dynamodb.model.SortableKey;
import dev.chatlab.localcloud.services.dynamodb.model.StoredItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.function.ToIntFunction;

/** PutItem, GetItem, UpdateItem, DeleteItem, BatchGetItem and BatchWriteItem. */
final class ItemAccess {

    private static final Set<String> RETURN_VALUES = Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
    static final int BATCH_WRITE_LIMIT = 25;
    static final int BATCH_GET_LIMIT = 100;

    private final TableRegistry tables;

    ItemAccess(TableRegistry tables) {
        this.tables = tables;
    }

    ObjectNode putItem(JsonNode request) {
        return write(WriteAction.Kind.PUT, request, Set.of("NONE", "ALL_OLD"));
    }

    ObjectNode deleteItem(JsonNode request) {
        return write(WriteAction.Kind.DELETE, request, Set.of("NONE", "ALL_OLD"));
    }

    ObjectNode updateItem(JsonNode request) {
        return write(WriteAction.Kind.UPDATE, request, RETURN_VALUES);
    }

    private ObjectNode write(WriteAction.Kind kind, JsonNode request, Set<String> allowedReturnValues) {
        TableItems table = tables.active(Requests.tableName(request));
        String returnValues = Requests.choice(request, "ReturnValues", "returnValues", "NONE", RETURN_VALUES);
        if (!allowedReturnValues.contains(returnValues)) {
            throw AwsException.validation("Return values set to invalid value");
        }
        WriteAction action = WriteAction.parse(kind, table, request);
        StoredItem old;
        StoredItem written;
        Lock lock = table.writeLock();
        lock.lock();
        try {
            old = table.get(action.sortableKey());
            action.check(old);
            written = action.newItem(old);
            action.write(written);
        } finally {
            lock.unlock();
        }
        ObjectNode response = Json.object();
        JsonNode attributes = returnedAttributes(returnValues, action, old, written);
        if (attributes != null) {
            response.set("Attributes", attributes);
        }
        long size = Math.max(old == null ? 0 : old.size(), written == null ? 0 : written.size());
        ConsumedCapacity.add(response, request, table.definition().name(), ConsumedCapacity.writeUnits(size));
        return response;
    }

    private static JsonNode returnedAttributes(String returnValues, WriteAction action, StoredItem old, StoredItem written) {
        return switch (returnValues) {
            case "ALL_OLD" -> old == null ? null : old.json();
            case "ALL_NEW" -> written == null ? null : written.json();
            case "UPDATED_OLD", "UPDATED_NEW" -> {
                StoredItem source = returnValues.equals("UPDATED_OLD") ? old : written;
                List<DocumentPath> paths = action.update() == null ? List.of() : action.update().paths();
                if (source == null || paths.isEmpty()) {
                    yield null;
                }
                Map<String, AttributeValue> projected = new Projection(paths).apply(source.attributes());
                yield projected.isEmpty() ? null : AttributeValueJson.writeItem(projected);
            }
            default -> null;
        };
    }

    ObjectNode getItem(JsonNode request) {
        TableItems table = tables.active(Requests.tableName(request));
        ExpressionAttributes attributes = Requests.expressionAttributes(request);
        Projection projection = projection(request, attributes);
        attributes.requireAllUsed();
        Map<String, AttributeValue> key = ItemRules.key(Requests.item(request, "Key"), table.definition());
        StoredItem item = table.get(table.key(key), Requests.flag(request, "ConsistentRead"));
        ObjectNode response = Json.object();
        if (item != null) {
            response.set("Item", render(item, projection));
        }
        ConsumedCapacity.add(response, request, table.definition().name(),
                ConsumedCapacity.readUnits(item == null ? 0 : item.size(), Requests.flag(request, "ConsistentRead")));
        return response;
    }

    /** The ProjectionExpression, or the legacy AttributesToGet, or null when the request has neither. */
    static Projection projection(JsonNode request, ExpressionAttributes attributes) {
        String text = Json.text(request, "ProjectionExpression");
        if (text != null) {
            return new Projection(ExpressionParser.projection(text, attributes));
        }
        List<DocumentPath> legacy = LegacyParameters.attributesToGet(request);
        return legacy == null ? null : new Projection(legacy);
    }

    static JsonNode render(StoredItem item, Projection projection) {
        return projection == null ? item.json() : AttributeValueJson.writeItem(projection.apply(item.attributes()));
    }

    /** A batch's RequestItems (table name to its requests), and how many requests it holds in all. */
    private record Batch(JsonNode requestItems, int total) {

        static Batch of(JsonNode request, ToIntFunction<JsonNode> requestsPerTable) {
            JsonNode requestItems = request.get("RequestItems"); // present and 1-100 (or 1-25) tables: the model's checks
            int total = 0;
            for (JsonNode perTable : requestItems) {
                total += requestsPerTable.applyAsInt(perTable);
            }
            return new Batch(requestItems, total);
        }
    }

    ObjectNode batchGetItem(JsonNode request) {
        Batch batch = Batch.of(request, perTable -> perTable.path("Keys").size());
        JsonNode requestItems = batch.requestItems();
        if (batch.total() > BATCH_GET_LIMIT) {
            throw AwsException.validation("Too many items requested for the BatchGetItem call");
        }
        ObjectNode response = Json.object();
        ObjectNode responses = response.putObject("Responses");
        Map<String, Double> units = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = requestItems.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            TableItems table = tables.active(entry.getKey());
            JsonNode perTable = entry.getValue();
            ExpressionAttributes attributes = Requests.expressionAttributes(perTable);
            Projection projection = projection(perTable, attributes);
            attributes.requireAllUsed();
            JsonNode keys = perTable.path("Keys");
            Set<SortableKey> seen = new HashSet<>();
            List<StoredItem> found = new ArrayList<>();
            long bytes = 0;
            for (JsonNode keyNode : keys) {
                Map<String, AttributeValue> key = ItemRules.key(AttributeValueJson.readItem(keyNode), table.definition());
                SortableKey sortable = table.key(key);
                if (!seen.add(sortable)) {
                    throw AwsException.validation("Provided list of item keys contains duplicates");
                }
                StoredItem item = table.get(sortable, Requests.flag(perTable, "ConsistentRead"));
                if (item != null) {
                    found.add(item);
                    bytes += item.size();
                }
            }
            ArrayNode items = responses.putArray(entry.getKey());
            found.forEach(item -> items.add(render(item, projection)));
            units.put(entry.getKey(), ConsumedCapacity.readUnits(bytes, Requests.flag(perTable, "ConsistentRead")));
        }
        response.putObject("UnprocessedKeys");
        if (ConsumedCapacity.requested(request)) {
            response.set("ConsumedCapacity", ConsumedCapacity.perTable(request, units));
        }
        return response;
    }

    /**
     * Every request is validated before any is written (as DynamoDB refuses the whole batch for
     * one invalid request); then each write happens on its own, like DynamoDB's, which does not
     * make a batch atomic. Nothing is ever left unprocessed.
     */
    ObjectNode batchWriteItem(JsonNode request) {
        Batch batch = Batch.of(request, JsonNode::size);
        JsonNode requestItems = batch.requestItems();
        if (batch.total() > BATCH_WRITE_LIMIT) {
            throw AwsException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
                    + "[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
        }
        List<WriteAction> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> entries = requestItems.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            TableItems table = tables.active(entry.getKey());
            for (JsonNode writeRequest : entry.getValue()) {
                WriteAction action;
                if (writeRequest.has("PutRequest")) {
                    action = WriteAction.parse(WriteAction.Kind.PUT, table, writeRequest.get("PutRequest"));
                } else if (writeRequest.has("DeleteRequest")) {
                    action = WriteAction.parse(WriteAction.Kind.DELETE, table, writeRequest.get("DeleteRequest"));
                } else {
                    throw AwsException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
                }
                if (!seen.add(action.describeKey())) {
                    throw AwsException.validation("Provided list of item keys contains duplicates");
                }
                actions.add(action);
            }
        }
        ObjectNode response = Json.object();
        Map<String, Double> units = new LinkedHashMap<>();
        for (WriteAction action : actions) {
            Lock lock = action.table().writeLock();
            lock.lock();
            try {
                StoredItem written = action.newItem(null);
                action.write(written);
                units.merge(action.table().definition().name(), ConsumedCapacity.writeUnits(written == null ? 0 : written.size()), Double::sum);
            } finally {
                lock.unlock();
            }
        }
        response.putObject("UnprocessedItems");
        if (ConsumedCapacity.requested(request)) {
            response.set("ConsumedCapacity", ConsumedCapacity.perTable(request, units));
        }
        return response;
    }
}
