package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/**
 * The legacy parameters (developer guide, "Legacy conditional parameters"), still accepted by
 * DynamoDB and used by many tutorials, on the same engine as the expressions.
 */
class DynamoDbLegacyParametersTest extends WithDynamoDbCloud {

    static String table;

    @BeforeAll
    static void items() {
        table = createTable("legacy", "room", "at");
        for (String at : List.of("t1", "t2", "t3", "u1")) {
            dynamo.putItem(b -> b.tableName(table).item(item("room", s("r2"), "at", s(at), "user", s(at.startsWith("t") ? "ann" : "bob"))));
        }
    }

    private static Condition condition(ComparisonOperator operator, AttributeValue... values) {
        return Condition.builder().comparisonOperator(operator).attributeValueList(values).build();
    }

    @Test
    void keyConditions_queryFilter_andAttributesToGet_readAsTheirExpressionsWould() {
        var page = dynamo.query(b -> b.tableName(table)
                .keyConditions(Map.of("room", condition(ComparisonOperator.EQ, s("r2")), "at", condition(ComparisonOperator.BEGINS_WITH, s("t"))))
                .queryFilter(Map.of("user", condition(ComparisonOperator.EQ, s("ann"))))
                .attributesToGet("at"));
        assertEquals(3, page.count());
        assertEquals(Map.of("at", s("t1")), page.items().get(0));
    }

    @Test
    void scanFilter_withConditionalOperatorOr() {
        var page = dynamo.scan(b -> b.tableName(table).conditionalOperator(ConditionalOperator.OR)
                .scanFilter(Map.of("at", condition(ComparisonOperator.EQ, s("u1")), "user", condition(ComparisonOperator.IN, s("nobody"), s("none")))));
        assertEquals(1, page.count());
    }

    @Test
    void expected_guardsAPut_andAttributeUpdatesChangeTheItem() {
        dynamo.putItem(b -> b.tableName(table).item(item("room", s("r3"), "at", s("a"), "n", n("1"), "tags", ss("x", "y"), "old", s("o")))
                .expected(Map.of("room", ExpectedAttributeValue.builder().exists(false).build())));
        assertThrows(ConditionalCheckFailedException.class, () -> dynamo.putItem(b -> b.tableName(table).item(item("room", s("r3"), "at", s("a")))
                .expected(Map.of("room", ExpectedAttributeValue.builder().exists(false).build()))));
        var updated = dynamo.updateItem(b -> b.tableName(table).key(item("room", s("r3"), "at", s("a")))
                .attributeUpdates(Map.of(
                        "n", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n("2")).build(),
                        "tags", AttributeValueUpdate.builder().action(AttributeAction.DELETE).value(ss("x")).build(),
                        "old", AttributeValueUpdate.builder().action(AttributeAction.DELETE).build(),
                        "title", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(s("hello")).build()))
                .expected(Map.of("n", ExpectedAttributeValue.builder().comparisonOperator(ComparisonOperator.BETWEEN).attributeValueList(n("0"), n("5")).build()))
                .returnValues("ALL_NEW"));
        assertEquals(item("room", s("r3"), "at", s("a"), "n", n("3"), "tags", ss("y"), "title", s("hello")), updated.attributes());
    }

    @Test
    void mixingLegacyAndExpressionParameters_isRefusedWithDynamoDbsMessage() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.query(b -> b.tableName(table)
                .keyConditionExpression("room = :r").expressionAttributeValues(Map.of(":r", s("r2"))).attributesToGet("at")));
        assertEquals("Can not use both expression and non-expression parameters in the same request: "
                + "Non-expression parameters: {AttributesToGet} Expression parameters: {KeyConditionExpression}", e.awsErrorDetails().errorMessage());
    }

    @Test
    void aComparisonWithTheWrongNumberOfValues_isRefused() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.scan(b -> b.tableName(table)
                .scanFilter(Map.of("user", condition(ComparisonOperator.BETWEEN, s("a"))))));
        assertEquals("One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator",
                e.awsErrorDetails().errorMessage());
    }
}
