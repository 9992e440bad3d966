package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.dynamodb.expression.Condition;
import dev.chatlab.localcloud.services.dynamodb.expression.DocumentPath;
import dev.chatlab.localcloud.services.dynamodb.expression.ExpressionAttributes;
import dev.chatlab.localcloud.services.dynamodb.expression.ExpressionParser;
import dev.chatlab.localcloud.services.dynamodb.expression.UpdateExpression;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValueJson;
import dev.chatlab.localcloud.services.dynamodb.model.SortableKey;
import dev.chatlab.localcloud.services.dynamodb.model.StoredItem;
import dev.chatlab.localcloud.services.dynamodb.model.TableDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One parsed, validated write on one item: a put, an update, a delete or (in a transaction) a
 * bare condition check. Parsing happens before any lock is taken; {@link #check} and
 * {@link #newItem} run under the table's write lock.
 */
final class WriteAction {

    enum Kind { PUT, UPDATE, DELETE, CHECK }

    private final Kind kind;
    private final TableItems table;
    private final TableDefinition definition;
    private final Map<String, AttributeValue> key;
    private final SortableKey sortableKey;
    private final StoredItem putItem;
    private final UpdateExpression update;
    private final Condition condition;
    private final boolean returnOldOnFailure;

    private WriteAction(Kind kind, TableItems table, Map<String, AttributeValue> key, StoredItem putItem,
                        UpdateExpression update, Condition condition, boolean returnOldOnFailure) {
        this.kind = kind;
        this.table = table;
        this.definition = table.definition();
        this.key = key;
        this.sortableKey = table.key(key);
        this.putItem = putItem;
        this.update = update;
        this.condition = condition;
        this.returnOldOnFailure = returnOldOnFailure;
    }

    /** Parses a PutItem, UpdateItem, DeleteItem or ConditionCheck request body. */
    static WriteAction parse(Kind kind, TableItems table, JsonNode request) {
        TableDefinition definition = table.definition();
        ExpressionAttributes attributes = Requests.expressionAttributes(request);
        Map<String, AttributeValue> key;
        StoredItem putItem = null;
        UpdateExpression update = null;
        if (kind == Kind.PUT) {
            Map<String, AttributeValue> item = Requests.item(request, "Item");
            ItemRules.validateItem(item, definition);
            key = ItemRules.keyOf(item, definition);
            putItem = StoredItem.of(item);
        } else {
            key = ItemRules.key(Requests.item(request, "Key"), definition);
        }
        if (kind == Kind.UPDATE) {
            String expression = Json.text(request, "UpdateExpression");
            update = expression != null ? ExpressionParser.update(expression, attributes) : LegacyParameters.attributeUpdates(request);
            if (update != null) {
                for (DocumentPath path : update.paths()) {
                    if (definition.isKeyAttribute(path.attribute())) {
                        throw AwsException.validation("One or more parameter values were invalid: Cannot update attribute " + path.attribute()
                                + ". This attribute is part of the key");
                    }
                }
            }
        }
        Condition condition = Requests.condition(request, ExpressionParser.CONDITION, "Expected", attributes);
        attributes.requireAllUsed();
        String onFailure = Requests.choice(request, "ReturnValuesOnConditionCheckFailure", "returnValuesOnConditionCheckFailure",
                "NONE", Set.of("NONE", "ALL_OLD"));
        return new WriteAction(kind, table, key, putItem, update, condition, onFailure.equals("ALL_OLD"));
    }

    Kind kind() {
        return kind;
    }

    TableItems table() {
        return table;
    }

    SortableKey sortableKey() {
        return sortableKey;
    }

    UpdateExpression update() {
        return update;
    }

    /** True when the item's current state passes the condition (or there is none). */
    boolean passes(StoredItem old) {
        return condition == null || condition.test(old == null ? Map.of() : old.attributes());
    }

    /** Fails with ConditionalCheckFailedException (carrying the old item when asked) unless the condition holds. */
    void check(StoredItem old) {
        if (!passes(old)) {
            throw failure(old);
        }
    }

    DynamoDbError failure(StoredItem old) {
        DynamoDbError error = DynamoDbError.conditionalCheckFailed();
        if (returnOldOnFailure && old != null) {
            error.withField("Item", old.json());
        }
        return error;
    }

    boolean returnOldOnFailure() {
        return returnOldOnFailure;
    }

    /** The item after this write, or null when the write deletes it (or changes nothing: CHECK). */
    StoredItem newItem(StoredItem old) {
        return switch (kind) {
            case PUT -> putItem;
            case DELETE, CHECK -> null;
            case UPDATE -> {
                Map<String, AttributeValue> before = old == null ? new LinkedHashMap<>(key) : old.attributes();
                Map<String, AttributeValue> after = update == null ? before : update.apply(before);
                ItemRules.validateItem(after, definition);
                yield StoredItem.of(after);
            }
        };
    }

    /** Applies the write; the caller holds the table's write lock and has checked the condition. */
    void write(StoredItem newItem) {
        if (kind == Kind.CHECK) {
            return;
        }
        if (newItem == null) {
            table.delete(sortableKey);
        } else {
            table.put(newItem);
        }
    }

    /** The item's key, for error messages and duplicate detection. */
    String describeKey() {
        return definition.name() + AttributeValueJson.writeItem(key);
    }
}
