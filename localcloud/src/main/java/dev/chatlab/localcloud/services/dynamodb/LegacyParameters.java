package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.dynamodb.expression.Condition;
import dev.chatlab.localcloud.services.dynamodb.expression.DocumentPath;
import dev.chatlab.localcloud.services.dynamodb.expression.Operand;
import dev.chatlab.localcloud.services.dynamodb.expression.UpdateExpression;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValueJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * DynamoDB's pre-expression parameters (developer guide, "Legacy conditional parameters"),
 * turned into the trees the expression parser makes, so that one engine evaluates both:
 * KeyConditions, QueryFilter, ScanFilter and Expected become conditions (joined by
 * ConditionalOperator), AttributesToGet a projection, AttributeUpdates an update.
 */
final class LegacyParameters {

    static final List<String> NAMES = List.of("AttributesToGet", "AttributeUpdates", "ConditionalOperator", "Expected",
            "KeyConditions", "QueryFilter", "ScanFilter");
    static final List<String> EXPRESSIONS = List.of("ConditionExpression", "FilterExpression",
            "KeyConditionExpression", "ProjectionExpression", "UpdateExpression");

    private LegacyParameters() {
    }

    /** A request may use the legacy parameters or the expressions, never both (DynamoDB's message names each side). */
    static void requireNotMixed(JsonNode request) {
        Set<String> legacy = present(request, NAMES);
        Set<String> expressions = present(request, EXPRESSIONS);
        if (!legacy.isEmpty() && !expressions.isEmpty()) {
            throw AwsException.validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
                    + braces(legacy) + " Expression parameters: " + braces(expressions));
        }
    }

    private static Set<String> present(JsonNode request, List<String> names) {
        Set<String> found = new TreeSet<>();
        names.forEach(name -> {
            if (request.hasNonNull(name)) {
                found.add(name);
            }
        });
        return found;
    }

    private static String braces(Set<String> names) {
        return "{" + String.join(", ", names) + "}";
    }

    /**
     * The condition of a QueryFilter, ScanFilter or Expected map, or of KeyConditions (always
     * joined by AND: ConditionalOperator applies to the others), or null when absent.
     */
    static Condition condition(JsonNode request, String field) {
        JsonNode conditions = request.get(field);
        if (conditions == null || conditions.isNull() || conditions.size() == 0) {
            return null;
        }
        boolean any = !field.equals("KeyConditions")
                && "OR".equals(Requests.choice(request, "ConditionalOperator", "conditionalOperator", "AND", Set.of("AND", "OR")));
        Condition joined = null;
        Iterator<Map.Entry<String, JsonNode>> entries = conditions.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Condition one = field.equals("Expected") ? expected(entry.getKey(), entry.getValue()) : comparison(entry.getKey(), entry.getValue());
            joined = joined == null ? one : any ? new Condition.Or(joined, one) : new Condition.And(joined, one);
        }
        return joined;
    }

    /** One Expected entry: Exists false (must be absent), Value (must equal), or a ComparisonOperator. */
    private static Condition expected(String attribute, JsonNode entry) {
        Operand.Path path = new Operand.Path(DocumentPath.of(attribute));
        if (entry.hasNonNull("ComparisonOperator")) {
            if (entry.hasNonNull("Value") || entry.hasNonNull("Exists")) {
                throw AwsException.validation("One or more parameter values were invalid: Value or Exists cannot be used with ComparisonOperator for Attribute: "
                        + attribute);
            }
            return comparison(attribute, entry);
        }
        boolean exists = !entry.hasNonNull("Exists") || entry.get("Exists").asBoolean();
        JsonNode value = entry.get("Value");
        if (!exists) {
            if (value != null && !value.isNull()) {
                throw AwsException.validation("One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: " + attribute);
            }
            return new Condition.Function("attribute_not_exists", List.of(path));
        }
        if (value == null || value.isNull()) {
            throw AwsException.validation("One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: " + attribute);
        }
        return new Condition.Comparison(path, "=", literal(value));
    }

    /** One {ComparisonOperator, AttributeValueList} entry as the expression it stands for. */
    private static Condition comparison(String attribute, JsonNode entry) {
        String operator = Requests.required(entry, "ComparisonOperator", "comparisonOperator");
        List<Operand> values = new ArrayList<>();
        entry.path("AttributeValueList").forEach(v -> values.add(literal(v)));
        Operand.Path path = new Operand.Path(DocumentPath.of(attribute));
        requireArguments(operator, values.size());
        return switch (operator) {
            case "EQ" -> new Condition.Comparison(path, "=", values.get(0));
            case "NE" -> new Condition.Comparison(path, "<>", values.get(0));
            case "LE" -> new Condition.Comparison(path, "<=", values.get(0));
            case "LT" -> new Condition.Comparison(path, "<", values.get(0));
            case "GE" -> new Condition.Comparison(path, ">=", values.get(0));
            case "GT" -> new Condition.Comparison(path, ">", values.get(0));
            case "NOT_NULL" -> new Condition.Function("attribute_exists", List.of(path));
            case "NULL" -> new Condition.Function("attribute_not_exists", List.of(path));
            case "CONTAINS" -> new Condition.Function("contains", List.of(path, values.get(0)));
            case "NOT_CONTAINS" -> new Condition.Not(new Condition.Function("contains", List.of(path, values.get(0))));
            case "BEGINS_WITH" -> new Condition.Function("begins_with", List.of(path, values.get(0)));
            case "IN" -> new Condition.In(path, values);
            default -> new Condition.Between(path, values.get(0), values.get(1)); // BETWEEN: the model allows no other
        };
    }

    private static void requireArguments(String operator, int count) {
        boolean fits = switch (operator) {
            case "NOT_NULL", "NULL" -> count == 0;
            case "BETWEEN" -> count == 2;
            case "IN" -> count >= 1;
            default -> count == 1;
        };
        if (!fits) {
            throw AwsException.validation("One or more parameter values were invalid: Invalid number of argument(s) for the " + operator + " ComparisonOperator");
        }
    }

    private static Operand literal(JsonNode value) {
        return new Operand.Value(null, AttributeValueJson.read(value));
    }

    /** AttributesToGet as the paths of a projection, or null when absent. */
    static List<DocumentPath> attributesToGet(JsonNode request) {
        JsonNode names = request.get("AttributesToGet");
        if (names == null || names.isNull()) {
            return null;
        }
        Set<String> seen = new TreeSet<>();
        List<DocumentPath> paths = new ArrayList<>();
        for (JsonNode name : names) {
            if (!seen.add(name.asText())) {
                throw AwsException.validation("One or more parameter values were invalid: Duplicate value in attribute name: " + name.asText());
            }
            paths.add(DocumentPath.of(name.asText()));
        }
        return paths;
    }

    /**
     * AttributeUpdates as an update: PUT sets, DELETE without a value removes, DELETE with a
     * set removes its elements, ADD adds to a number or a set (or appends to a list).
     */
    static UpdateExpression attributeUpdates(JsonNode request) {
        JsonNode updates = request.get("AttributeUpdates");
        if (updates == null || updates.isNull()) {
            return null;
        }
        List<UpdateExpression.SetAction> sets = new ArrayList<>();
        List<DocumentPath> removes = new ArrayList<>();
        List<UpdateExpression.ValueAction> adds = new ArrayList<>();
        List<UpdateExpression.ValueAction> deletes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = updates.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            DocumentPath path = DocumentPath.of(entry.getKey());
            String action = Requests.choice(entry.getValue(), "Action", "action", "PUT", Set.of("PUT", "ADD", "DELETE"));
            JsonNode valueNode = entry.getValue().get("Value");
            AttributeValue value = valueNode == null || valueNode.isNull() ? null : AttributeValueJson.read(valueNode);
            switch (action) {
                case "PUT" -> sets.add(new UpdateExpression.SetAction(path, new Operand.Value(null, requireValue(value))));
                case "DELETE" -> {
                    if (value == null) {
                        removes.add(path);
                    } else if (value.type().isSet()) {
                        deletes.add(new UpdateExpression.ValueAction(path, value));
                    } else {
                        throw AwsException.validation("One or more parameter values were invalid: DELETE action with value is not supported for the type "
                                + value.type());
                    }
                }
                default -> {
                    AttributeValue added = requireValue(value);
                    if (added.type() == AttributeValue.Type.L) {
                        Operand current = new Operand.IfNotExists(path, new Operand.Value(null, AttributeValue.l(List.of())));
                        sets.add(new UpdateExpression.SetAction(path, new Operand.ListAppend(current, new Operand.Value(null, added))));
                    } else if (added.type() == AttributeValue.Type.N || added.type().isSet()) {
                        adds.add(new UpdateExpression.ValueAction(path, added));
                    } else {
                        throw AwsException.validation("One or more parameter values were invalid: ADD action is not supported for the type " + added.type());
                    }
                }
            }
        }
        return new UpdateExpression(sets, removes, adds, deletes);
    }

    private static AttributeValue requireValue(AttributeValue value) {
        if (value == null) {
            throw AwsException.validation("One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified");
        }
        return value;
    }
}
