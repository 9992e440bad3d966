package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Each construct of DynamoDB's condition grammar, checked as a ConditionExpression on one item
 * (a passing condition lets the write through; a failing one is ConditionalCheckFailed).
 */
class DynamoDbExpressionsTest extends WithDynamoDbCloud {

    static String table;

    @BeforeAll
    static void item() {
        table = createTable("expr", "id", null);
        dynamo.putItem(b -> b.tableName(table).item(item("id", s("doc"),
                "title", s("Hello world"), "n", n("10"), "price", n("2.50"), "flag", AttributeValue.fromBool(true),
                "nothing", AttributeValue.fromNul(true), "tags", ss("red", "blue"), "nums", ns("1", "2"),
                "bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})),
                "l", l(s("a"), n("1"), AttributeValue.fromM(Map.of("deep", s("yes")))),
                "m", AttributeValue.fromM(Map.of("nest", AttributeValue.fromM(Map.of("x", n("5"))), "name-with-dash", s("d"))))));
    }

    /** True when the condition holds on the item (the conditional write went through). */
    private static boolean holds(String condition, Map<String, AttributeValue> values) {
        return holds(condition, values, Map.of());
    }

    private static boolean holds(String condition, Map<String, AttributeValue> values, Map<String, String> names) {
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.put(":touch", n("1"));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(item("id", s("doc"))).updateExpression("SET touched = :touch")
                    .conditionExpression(condition).expressionAttributeValues(allValues)
                    .expressionAttributeNames(names.isEmpty() ? null : names));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static String validationMessage(String condition, Map<String, AttributeValue> values, Map<String, String> names) {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.updateItem(b -> b.tableName(table).key(item("id", s("doc")))
                .updateExpression("SET touched = :touch").conditionExpression(condition)
                .expressionAttributeValues(values.isEmpty() ? null : values).expressionAttributeNames(names.isEmpty() ? null : names)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }

    @Test
    void comparators_onNumbersStringsAndBinaries() {
        assertTrue(holds("n = :v", Map.of(":v", n("10.0"))), "numbers compare by value");
        assertTrue(holds("n <> :v", Map.of(":v", n("11"))));
        assertTrue(holds("n < :v", Map.of(":v", n("10.5"))));
        assertTrue(holds("n <= :v", Map.of(":v", n("10"))));
        assertTrue(holds("n > :v", Map.of(":v", n("9"))));
        assertTrue(holds("n >= :v", Map.of(":v", n("10"))));
        assertTrue(!holds("n > :v", Map.of(":v", n("10"))));
        assertTrue(holds("price > :v", Map.of(":v", n("2.4999999999999999999999999999"))), "exact decimal comparison");
        assertTrue(holds("title > :v", Map.of(":v", s("Hello"))));
        assertTrue(holds("bin < :v", Map.of(":v", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0xFF})))), "binaries compare unsigned");
        assertTrue(!holds("n = :v", Map.of(":v", s("10"))), "values of different types are never equal");
    }

    @Test
    void missingAttribute_isUnequalToEverything() {
        assertTrue(holds("absent <> :v", Map.of(":v", s("x"))));
        assertTrue(!holds("absent = :v", Map.of(":v", s("x"))));
        assertTrue(!holds("absent < :v", Map.of(":v", s("x"))));
    }

    @Test
    void betweenAndIn() {
        assertTrue(holds("n BETWEEN :lo AND :hi", Map.of(":lo", n("10"), ":hi", n("20"))));
        assertTrue(!holds("n BETWEEN :lo AND :hi", Map.of(":lo", n("11"), ":hi", n("20"))));
        assertTrue(holds("n IN (:a, :b, :c)", Map.of(":a", n("1"), ":b", n("10"), ":c", s("x"))));
        assertTrue(!holds("n IN (:a)", Map.of(":a", n("1"))));
        assertTrue(validationMessage("n BETWEEN :hi AND :lo", Map.of(":lo", n("1"), ":hi", n("2"), ":touch", n("1")), Map.of())
                .contains("BETWEEN operator requires upper bound to be greater than or equal to lower bound"));
    }

    @Test
    void functions() {
        assertTrue(holds("attribute_exists(title)", Map.of()));
        assertTrue(holds("attribute_not_exists(absent)", Map.of()));
        assertTrue(holds("attribute_exists(nothing)", Map.of()), "a NULL value exists");
        assertTrue(holds("attribute_type(tags, :t)", Map.of(":t", s("SS"))));
        assertTrue(!holds("attribute_type(tags, :t)", Map.of(":t", s("L"))));
        assertTrue(holds("begins_with(title, :p)", Map.of(":p", s("Hell"))));
        assertTrue(holds("contains(title, :p)", Map.of(":p", s("o w"))));
        assertTrue(holds("contains(tags, :p)", Map.of(":p", s("red"))));
        assertTrue(holds("contains(nums, :p)", Map.of(":p", n("2.0"))));
        assertTrue(holds("contains(l, :p)", Map.of(":p", s("a"))));
        assertTrue(!holds("contains(tags, :p)", Map.of(":p", s("green"))));
        assertTrue(holds("size(title) = :len", Map.of(":len", n("11"))));
        assertTrue(holds("size(tags) = :two AND size(l) > :two AND size(bin) = :three",
                Map.of(":two", n("2"), ":three", n("3"))));
    }

    @Test
    void nestedPaths_andPlaceholders() {
        assertTrue(holds("m.nest.x = :five", Map.of(":five", n("5"))));
        assertTrue(holds("l[2].deep = :yes", Map.of(":yes", s("yes"))));
        assertTrue(holds("#m.#d = :d", Map.of(":d", s("d")), Map.of("#m", "m", "#d", "name-with-dash")));
        assertTrue(!holds("l[7] = :yes", Map.of(":yes", s("yes"))));
    }

    @Test
    void logicalOperators_followDynamoDbsPrecedence() {
        // NOT binds tighter than AND, AND tighter than OR
        assertTrue(holds("n = :ten OR n = :one AND n = :two", Map.of(":ten", n("10"), ":one", n("1"), ":two", n("2"))));
        assertTrue(!holds("(n = :ten OR n = :one) AND n = :two", Map.of(":ten", n("10"), ":one", n("1"), ":two", n("2"))));
        assertTrue(holds("NOT n = :one AND n = :ten", Map.of(":ten", n("10"), ":one", n("1"))));
        assertTrue(!holds("NOT (n = :one OR n = :ten)", Map.of(":ten", n("10"), ":one", n("1"))));
        assertTrue(holds("n = :ten and not attribute_exists(absent)", Map.of(":ten", n("10"))), "keywords are case-insensitive");
    }

    @Test
    void reservedWord_asBareName_isValidationException() {
        String message = validationMessage("attribute_exists(status)", Map.of(":touch", n("1")), Map.of());
        assertTrue(message.contains("Attribute name is a reserved keyword; reserved keyword: status"), message);
    }

    @Test
    void undefinedPlaceholders_areValidationExceptions() {
        assertTrue(validationMessage("n = :nope", Map.of(":touch", n("1")), Map.of())
                .contains("An expression attribute value used in expression is not defined; attribute value: :nope"));
        assertTrue(validationMessage("#nope = :touch", Map.of(":touch", n("1")), Map.of())
                .contains("An expression attribute name used in the document path is not defined; attribute name: #nope"));
    }

    @Test
    void unusedPlaceholders_areValidationExceptions() {
        assertTrue(validationMessage("n = :touch", Map.of(":touch", n("1"), ":extra", n("2")), Map.of())
                .contains("Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}"));
        assertTrue(validationMessage("n = :touch", Map.of(":touch", n("1")), Map.of("#unused", "x"))
                .contains("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}"));
    }

    @Test
    void syntaxErrors_areValidationExceptions() {
        assertTrue(validationMessage("n = ", Map.of(":touch", n("1")), Map.of()).contains("Invalid ConditionExpression: Syntax error; token: \"<EOF>\""));
        assertTrue(validationMessage("n == :touch", Map.of(":touch", n("1")), Map.of()).contains("Syntax error"));
        assertTrue(validationMessage("nosuch(n)", Map.of(":touch", n("1")), Map.of()).contains("Invalid function name; function: nosuch"));
        assertTrue(validationMessage("begins_with(n)", Map.of(":touch", n("1")), Map.of()).contains("Incorrect number of operands"));
        assertTrue(validationMessage("size(n)", Map.of(":touch", n("1")), Map.of()).contains("function: size"));
    }

    @Test
    void emptyPlaceholderMaps_areValidationExceptions() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.getItem(b -> b.tableName(table).key(item("id", s("doc")))
                .projectionExpression("title").expressionAttributeNames(Map.of())));
        assertEquals("ExpressionAttributeNames must not be empty", e.awsErrorDetails().errorMessage());
    }

    @Test
    void projection_ofListElementsAndMapKeys() {
        Map<String, AttributeValue> read = dynamo.getItem(b -> b.tableName(table).key(item("id", s("doc")))
                .projectionExpression("l[0], l[2].deep, m.nest")).item();
        assertEquals(List.of(s("a"), AttributeValue.fromM(Map.of("deep", s("yes")))), read.get("l").l());
        assertEquals(n("5"), read.get("m").m().get("nest").m().get("x"));
    }
}
