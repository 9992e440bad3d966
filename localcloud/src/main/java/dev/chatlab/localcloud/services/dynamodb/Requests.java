package dev.chatlab.localcloud.services.dynamodb;

import static dev.chatlab.localcloud.core.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.dynamodb.expression.Condition;
import dev.chatlab.localcloud.services.dynamodb.expression.ExpressionAttributes;
import dev.chatlab.localcloud.services.dynamodb.expression.ExpressionParser;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValueJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading the parameters every DynamoDB operation shares, with DynamoDB's validation messages. */
final class Requests {


    private Requests() {
    }


    static String required(JsonNode request, String field, String wireName) {
        String value = text(request, field);
        if (value == null) {
            throw AwsException.validation("1 validation error detected: Value null at '" + wireName + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    static String tableName(JsonNode request) {
        return required(request, "TableName", "tableName");
    }

    static boolean flag(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value != null && value.asBoolean(false);
    }

    /** An enum parameter: its value or the default, refused when it is not one of {@code allowed}. */
    static String choice(JsonNode request, String field, String wireName, String defaultValue, Set<String> allowed) {
        String value = text(request, field);
        if (value == null) {
            return defaultValue;
        }
        if (!allowed.contains(value)) {
            throw AwsException.validation("1 validation error detected: Value '" + value + "' at '" + wireName
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed.stream().sorted().toList());
        }
        return value;
    }

    static Map<String, AttributeValue> item(JsonNode request, String field) {
        return AttributeValueJson.readItem(request.get(field));
    }

    /**
     * The request's placeholders. Refuses legacy parameters mixed with expressions, and
     * placeholders given to a request that has no expression, with DynamoDB's messages.
     */
    static ExpressionAttributes expressionAttributes(JsonNode request) {
        LegacyParameters.requireNotMixed(request);
        JsonNode namesNode = request.get("ExpressionAttributeNames");
        JsonNode valuesNode = request.get("ExpressionAttributeValues");
        boolean anyExpression = LegacyParameters.EXPRESSIONS.stream().anyMatch(request::has);
        Map<String, String> names = new LinkedHashMap<>();
        if (namesNode != null && !namesNode.isNull()) {
            if (namesNode.size() == 0) {
                throw AwsException.validation("ExpressionAttributeNames must not be empty");
            }
            if (!anyExpression) {
                throw AwsException.validation("ExpressionAttributeNames can only be specified when using expressions");
            }
            namesNode.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith("#") || e.getKey().length() < 2) {
                    throw AwsException.validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + e.getKey() + "\"");
                }
                if (e.getValue().asText().isEmpty()) {
                    throw AwsException.validation("ExpressionAttributeNames contains invalid value: Empty attribute name; for key: \"" + e.getKey() + "\"");
                }
                names.put(e.getKey(), e.getValue().asText());
            });
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        if (valuesNode != null && !valuesNode.isNull()) {
            if (valuesNode.size() == 0) {
                throw AwsException.validation("ExpressionAttributeValues must not be empty");
            }
            if (!anyExpression) {
                throw AwsException.validation("ExpressionAttributeValues can only be specified when using expressions");
            }
            valuesNode.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith(":") || e.getKey().length() < 2) {
                    throw AwsException.validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + e.getKey() + "\"");
                }
                values.put(e.getKey(), AttributeValueJson.read(e.getValue()));
            });
        }
        return new ExpressionAttributes(names, values);
    }

    /**
     * The request's condition-like expression in {@code field}, or what its legacy counterpart
     * says ({@code legacyField}: Expected for a ConditionExpression, KeyConditions for a
     * KeyConditionExpression, QueryFilter or ScanFilter for a FilterExpression), or null when it
     * has neither.
     */
    static Condition condition(JsonNode request, String field, String legacyField, ExpressionAttributes attributes) {
        String text = text(request, field);
        return text != null ? ExpressionParser.condition(text, field, attributes) : LegacyParameters.condition(request, legacyField);
    }
}
