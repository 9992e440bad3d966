package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.dynamodb.expression.ExpressionAttributes;
import dev.chatlab.localcloud.services.dynamodb.expression.Projection;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValueJson;
import dev.chatlab.localcloud.services.dynamodb.model.SortableKey;
import dev.chatlab.localcloud.services.dynamodb.model.StoredItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * TransactWriteItems and TransactGetItems. A write transaction locks every table it touches
 * (in name order, so two transactions never deadlock), checks every condition, and only if
 * all hold writes everything inside one {@code Storage.atomically} block: a commit to disk
 * sees all of it or none of it, even when the process dies half-way.
 */
final class Transactions {


    private final TableRegistry tables;

    Transactions(TableRegistry tables) {
        this.tables = tables;
    }

    ObjectNode transactWriteItems(JsonNode request) {
        JsonNode items = request.path("TransactItems");
        List<WriteAction> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : items) {
            WriteAction action = parse(item);
            if (!seen.add(action.describeKey())) {
                throw AwsException.validation("Transaction request cannot include multiple operations on one item");
            }
            actions.add(action);
        }
        Map<String, TableItems> involved = new TreeMap<>();
        actions.forEach(a -> involved.put(a.table().definition().name(), a.table()));
        involved.values().forEach(t -> t.writeLock().lock());
        try {
            List<StoredItem> newItems = new ArrayList<>();
            List<ObjectNode> reasons = new ArrayList<>();
            boolean cancelled = false;
            for (WriteAction action : actions) {
                StoredItem old = action.table().get(action.sortableKey());
                ObjectNode reason = Json.object();
                StoredItem newItem = null;
                if (!action.passes(old)) {
                    reason.put("Code", "ConditionalCheckFailed").put("Message", "The conditional request failed");
                    if (action.returnOldOnFailure() && old != null) {
                        reason.set("Item", old.json());
                    }
                    cancelled = true;
                } else {
                    try {
                        newItem = action.newItem(old);
                        reason.put("Code", "None");
                    } catch (AwsException e) {
                        reason.put("Code", "ValidationError").put("Message", e.getMessage());
                        cancelled = true;
                    }
                }
                reasons.add(reason);
                newItems.add(newItem);
            }
            if (cancelled) {
                throw cancellation(reasons);
            }
            tables.storage().atomically(() -> {
                for (int i = 0; i < actions.size(); i++) {
                    actions.get(i).write(newItems.get(i));
                }
            });
        } finally {
            involved.values().forEach(t -> t.writeLock().unlock());
        }
        return Json.object();
    }

    private WriteAction parse(JsonNode item) {
        Map.Entry<String, JsonNode> only = item.fields().hasNext() ? item.fields().next() : null;
        if (only == null || item.size() != 1) {
            throw AwsException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        WriteAction.Kind kind = switch (only.getKey()) {
            case "ConditionCheck" -> WriteAction.Kind.CHECK;
            case "Put" -> WriteAction.Kind.PUT;
            case "Update" -> WriteAction.Kind.UPDATE;
            case "Delete" -> WriteAction.Kind.DELETE;
            default -> throw AwsException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        };
        JsonNode body = only.getValue();
        return WriteAction.parse(kind, tables.active(Requests.tableName(body)), body);
    }

    private static DynamoDbError cancellation(List<ObjectNode> reasons) {
        List<String> codes = reasons.stream().map(r -> r.get("Code").asText()).toList();
        ArrayNode array = Json.array();
        reasons.forEach(array::add);
        return new DynamoDbError("TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes)
                .withField("CancellationReasons", array);
    }

    ObjectNode transactGetItems(JsonNode request) {
        JsonNode items = request.path("TransactItems");
        record Get(TableItems table, SortableKey key, Projection projection) {
        }
        List<Get> gets = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode body = item.get("Get");
            TableItems table = tables.active(Requests.tableName(body));
            ExpressionAttributes attributes = Requests.expressionAttributes(body);
            Projection projection = ItemAccess.projection(body, attributes);
            attributes.requireAllUsed();
            gets.add(new Get(table, table.key(ItemRules.key(AttributeValueJson.readItem(body.get("Key")), table.definition())), projection));
        }
        // holding the write locks gives a snapshot: no write transaction is half visible
        List<TableItems> involved = gets.stream().map(Get::table).distinct()
                .sorted(Comparator.comparing(t -> t.definition().name())).toList();
        involved.forEach(t -> t.writeLock().lock());
        ObjectNode response = Json.object();
        ArrayNode responses = response.putArray("Responses");
        try {
            for (Get get : gets) {
                StoredItem found = get.table().get(get.key());
                ObjectNode entry = responses.addObject();
                if (found != null) {
                    entry.set("Item", ItemAccess.render(found, get.projection()));
                }
            }
        } finally {
            involved.forEach(t -> t.writeLock().unlock());
        }
        return response;
    }
}
