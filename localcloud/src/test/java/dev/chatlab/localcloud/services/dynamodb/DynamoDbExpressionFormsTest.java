package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Expression forms at the edges of DynamoDB's grammar (developer guide, "Condition and filter
 * expressions, operators, and functions" and "Update expressions"): parenthesised operands,
 * parentheses DynamoDB calls redundant, nesting and size limits, and updates that refer to
 * what the item lacks.
 */
class DynamoDbExpressionFormsTest extends WithDynamoDbCloud {

    static String table;

    @BeforeAll
    static void item() {
        table = createTable("forms", "id", null);
    }

    private static void put(String id) {
        dynamo.putItem(b -> b.tableName(table).item(item("id", s(id), "n", n("10"), "b", s("four"))));
    }

    private static DynamoDbException refusedUpdate(String id, String update, String condition, Map<String, AttributeValue> values) {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.updateItem(b -> b.tableName(table).key(item("id", s(id)))
                .updateExpression(update).conditionExpression(condition).expressionAttributeValues(values)));
        assertEquals(400, e.statusCode(), e.getMessage());
        return e;
    }

    @Test
    void parenthesisedOperands_areAccepted() {
        put("paren");
        var updated = dynamo.updateItem(b -> b.tableName(table).key(item("id", s("paren")))
                .updateExpression("SET m = (n + :v)").conditionExpression("(size(b)) = :four AND (n) = :ten AND n = (:ten)")
                .expressionAttributeValues(Map.of(":v", n("5"), ":four", n("4"), ":ten", n("10"))).returnValues(ReturnValue.UPDATED_NEW));
        assertEquals("15", updated.attributes().get("m").n());
    }

    @Test
    void setFromAnAttributeTheItemLacks_isValidation_notAServerError() {
        put("absent");
        DynamoDbException e = refusedUpdate("absent", "SET c = nothere", null, null);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("The provided expression refers to an attribute that does not exist in the item", e.awsErrorDetails().errorMessage());
    }

    @Test
    void setUnderAMissingMap_isAnInvalidDocumentPath() {
        put("nested");
        DynamoDbException e = refusedUpdate("nested", "SET nomap.child = :v", null, Map.of(":v", n("1")));
        assertEquals("The document path provided in the update expression is invalid for update", e.awsErrorDetails().errorMessage());
    }

    @Test
    void aPathIntoAKeyAttribute_isAnUpdateOfTheKey() {
        put("keypath");
        DynamoDbException e = refusedUpdate("keypath", "SET id.part = :v", null, Map.of(":v", n("1")));
        assertEquals("One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void aGroupThatOnlyWrapsAnotherGroup_isRedundant_butGroupsOfSeveralClausesAreNot() {
        put("redundant");
        DynamoDbException e = refusedUpdate("redundant", "SET m = :v", "((n = :v))", Map.of(":v", n("10")));
        assertEquals("Invalid ConditionExpression: The expression has redundant parentheses;", e.awsErrorDetails().errorMessage());
        dynamo.updateItem(b -> b.tableName(table).key(item("id", s("redundant"))).updateExpression("SET m = :v")
                .conditionExpression("((n = :v) AND (b = :b)) AND n = :v").expressionAttributeValues(Map.of(":v", n("10"), ":b", s("four"))));
    }

    @Test
    void twoThousandNestedParentheses_areAValidationErrorInJson() {
        put("deep");
        String condition = "(".repeat(2000) + "n = :v" + ")".repeat(2000);
        DynamoDbException e = refusedUpdate("deep", "SET m = :v", condition, Map.of(":v", n("10")));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    }

    @Test
    void anExpressionOver4Kb_isRefused() {
        put("big");
        StringBuilder condition = new StringBuilder("n = :v");
        while (condition.length() <= 4096) {
            condition.append(" OR n = :v");
        }
        DynamoDbException e = refusedUpdate("big", "SET m = :v", condition.toString(), Map.of(":v", n("10")));
        assertEquals("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: "
                + condition.length(), e.awsErrorDetails().errorMessage());
    }
}
