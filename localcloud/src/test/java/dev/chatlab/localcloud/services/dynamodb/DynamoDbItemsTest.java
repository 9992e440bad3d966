package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

class DynamoDbItemsTest extends WithDynamoDbCloud {

    static String messages;

    @BeforeAll
    static void tables() {
        messages = createTable("ChatMessages", "roomId", "sortKey");
    }

    private static Map<String, AttributeValue> key(String room, String sortKey) {
        return item("roomId", s(room), "sortKey", s(sortKey));
    }

    private static Map<String, AttributeValue> get(String room, String sortKey) {
        return dynamo.getItem(b -> b.tableName(messages).key(key(room, sortKey)).consistentRead(true)).item();
    }

    private static void assertValidation(String expectedMessagePart, Runnable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e.getMessage());
        assertTrue(e.awsErrorDetails().errorMessage().contains(expectedMessagePart), e.awsErrorDetails().errorMessage());
    }

    @Test
    void putItem_thenGetItem_returnsEveryType() {
        Map<String, AttributeValue> all = item("roomId", s("types"), "sortKey", s("1"),
                "s", s("text"), "n", n("12.50"), "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})),
                "bool", AttributeValue.fromBool(true), "null", AttributeValue.fromNul(true),
                "m", AttributeValue.fromM(Map.of("inner", s("x"))), "l", l(s("a"), n("1")),
                "ss", ss("a", "b"), "ns", ns("1", "2.0"), "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("z"))));
        dynamo.putItem(b -> b.tableName(messages).item(all));
        Map<String, AttributeValue> read = get("types", "1");
        assertEquals("text", read.get("s").s());
        assertEquals("12.5", read.get("n").n(), "numbers come back normalised");
        assertArrayEquals(new byte[] {1, 2, 3}, read.get("b").b().asByteArray());
        assertTrue(read.get("bool").bool());
        assertTrue(read.get("null").nul());
        assertEquals("x", read.get("m").m().get("inner").s());
        assertEquals(2, read.get("l").l().size());
        assertEquals(List.of("a", "b"), read.get("ss").ss());
        assertEquals(List.of("1", "2"), read.get("ns").ns());
        assertEquals("z", read.get("bs").bs().get(0).asUtf8String());
    }

    @Test
    void getItem_missing_hasNoItem() {
        assertFalse(dynamo.getItem(b -> b.tableName(messages).key(key("nobody", "0"))).hasItem());
    }

    @Test
    void getItem_projectionExpression_returnsOnlyNamedPaths() {
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("proj"), "sortKey", s("1"),
                "a", AttributeValue.fromM(Map.of("b", l(s("zero"), s("one"), s("two")), "c", s("no"))), "d", s("no"))));
        Map<String, AttributeValue> read = dynamo.getItem(b -> b.tableName(messages).key(key("proj", "1"))
                .projectionExpression("a.b[1], #r").expressionAttributeNames(Map.of("#r", "roomId"))).item();
        assertEquals(2, read.size());
        assertEquals(List.of(s("one")), read.get("a").m().get("b").l());
        assertFalse(read.get("a").m().containsKey("c"));
    }

    @Test
    void putItem_missingKey_isValidationException() {
        assertValidation("One or more parameter values were invalid: Missing the key sortKey in the item",
                () -> dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("r")))));
    }

    @Test
    void putItem_keyOfWrongType_isValidationException() {
        assertValidation("Type mismatch for key sortKey expected: S actual: N",
                () -> dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("r"), "sortKey", n("1")))));
    }

    @Test
    void putItem_emptyStringKey_isValidationException() {
        assertValidation("cannot contain an empty string value",
                () -> dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s(""), "sortKey", s("1")))));
    }

    @Test
    void getItem_keyNotMatchingSchema_isValidationException() {
        assertValidation("The provided key element does not match the schema",
                () -> dynamo.getItem(b -> b.tableName(messages).key(item("roomId", s("r")))));
        assertValidation("The provided key element does not match the schema",
                () -> dynamo.getItem(b -> b.tableName(messages).key(item("roomId", s("r"), "sortKey", s("1"), "x", s("y")))));
    }

    @Test
    void putItem_unknownTable_isResourceNotFound() {
        assertThrows(ResourceNotFoundException.class, () -> dynamo.putItem(b -> b.tableName("no-such-table").item(key("r", "1"))));
    }

    @Test
    void putItem_emptySet_andDuplicatesInSet_areValidationExceptions() {
        assertValidation("may not be empty", () -> dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("r"), "sortKey", s("1"),
                "tags", AttributeValue.fromSs(List.of())))));
        assertValidation("contains duplicates", () -> dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("r"), "sortKey", s("1"),
                "tags", ss("a", "a")))));
    }

    @Test
    void putItem_overFourHundredKilobytes_isValidationException() {
        String big = "x".repeat(400 * 1024);
        assertValidation("Item size has exceeded the maximum allowed size",
                () -> dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("r"), "sortKey", s("big"), "text", s(big)))));
        String almost = "x".repeat(399 * 1024);
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("r"), "sortKey", s("almost"), "text", s(almost))));
    }

    @Test
    void putItem_sortKeyOverOneKilobyte_isValidationException() {
        assertValidation("Aggregated size of all range keys has exceeded the size limit of 1024 bytes",
                () -> dynamo.putItem(b -> b.tableName(messages).item(key("r", "k".repeat(1025)))));
    }

    @Test
    void numbers_moreThan38Digits_areRefused_and38AreKept() {
        assertValidation("Attempting to store more than 38 significant digits in a Number",
                () -> dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("num"), "sortKey", s("1"), "v", n("1" + "0".repeat(37) + "1")))));
        String exact = "12345678901234567890123456789012345678";
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("num"), "sortKey", s("2"), "v", n(exact), "e", n("1E+3"), "neg", n("-0.000"))));
        Map<String, AttributeValue> read = get("num", "2");
        assertEquals(exact, read.get("v").n());
        assertEquals("1000", read.get("e").n());
        assertEquals("0", read.get("neg").n());
        assertValidation("cannot be converted", () -> dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("num"), "sortKey", s("3"), "v", n("abc")))));
    }

    @Test
    void putItem_attributeNotExistsCondition_refusesASecondWrite() {
        Map<String, AttributeValue> message = item("roomId", s("cond"), "sortKey", s("1"), "text", s("first"));
        dynamo.putItem(b -> b.tableName(messages).item(message).conditionExpression("attribute_not_exists(sortKey)"));
        Map<String, AttributeValue> second = item("roomId", s("cond"), "sortKey", s("1"), "text", s("second"));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class, () -> dynamo.putItem(b -> b.tableName(messages)
                .item(second).conditionExpression("attribute_not_exists(sortKey)")));
        assertEquals("The conditional request failed", e.awsErrorDetails().errorMessage());
        assertFalse(e.hasItem());
        assertEquals("first", get("cond", "1").get("text").s());
    }

    @Test
    void putItem_returnValuesOnConditionCheckFailure_returnsTheCurrentItem() {
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("cond"), "sortKey", s("2"), "text", s("kept"))));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class, () -> dynamo.putItem(b -> b.tableName(messages)
                .item(item("roomId", s("cond"), "sortKey", s("2"))).conditionExpression("attribute_not_exists(roomId)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals("kept", e.item().get("text").s());
    }

    @Test
    void putItem_returnValuesAllOld_returnsTheReplacedItem() {
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("rv"), "sortKey", s("1"), "v", n("1"))));
        var answer = dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("rv"), "sortKey", s("1"), "v", n("2"))).returnValues(ReturnValue.ALL_OLD));
        assertEquals("1", answer.attributes().get("v").n());
        assertValidation("Return values set to invalid value",
                () -> dynamo.putItem(b -> b.tableName(messages).item(key("rv", "1")).returnValues(ReturnValue.ALL_NEW)));
    }

    @Test
    void putItem_returnConsumedCapacity_reportsUnits() {
        var answer = dynamo.putItem(b -> b.tableName(messages).item(key("cap", "1")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(1.0, answer.consumedCapacity().capacityUnits());
        assertEquals(messages, answer.consumedCapacity().tableName());
    }

    @Test
    void deleteItem_returnsOldItem_andHonoursItsCondition() {
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("del"), "sortKey", s("1"), "owner", s("alice"))));
        assertThrows(ConditionalCheckFailedException.class, () -> dynamo.deleteItem(b -> b.tableName(messages).key(key("del", "1"))
                .conditionExpression("#o = :me").expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":me", s("bob")))));
        var answer = dynamo.deleteItem(b -> b.tableName(messages).key(key("del", "1")).returnValues(ReturnValue.ALL_OLD)
                .conditionExpression("#o = :me").expressionAttributeNames(Map.of("#o", "owner")).expressionAttributeValues(Map.of(":me", s("alice"))));
        assertEquals("alice", answer.attributes().get("owner").s());
        assertNull(get("del", "1").get("owner"));
        assertFalse(dynamo.deleteItem(b -> b.tableName(messages).key(key("del", "1")).returnValues(ReturnValue.ALL_OLD)).hasAttributes());
    }

    @Test
    void updateItem_setRemoveAddDelete_changeTheItem() {
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("upd"), "sortKey", s("1"),
                "count", n("1"), "tags", ss("a", "b", "c"), "gone", s("x"), "doc", AttributeValue.fromM(Map.of("nums", l(n("1")))))));
        dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "1"))
                .updateExpression("SET title = :t, doc.nums[1] = :two REMOVE gone ADD #c :five, visits :one DELETE tags :ab")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":t", s("hi"), ":two", n("2"), ":five", n("5"), ":one", n("1"), ":ab", ss("a", "b"))));
        Map<String, AttributeValue> read = get("upd", "1");
        assertEquals("hi", read.get("title").s());
        assertEquals(List.of(n("1"), n("2")), read.get("doc").m().get("nums").l());
        assertFalse(read.containsKey("gone"));
        assertEquals("6", read.get("count").n());
        assertEquals("1", read.get("visits").n());
        assertEquals(List.of("c"), read.get("tags").ss());
    }

    @Test
    void updateItem_deletingEveryElementOfASet_removesTheAttribute() {
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("upd"), "sortKey", s("2"), "tags", ss("a"))));
        dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "2")).updateExpression("DELETE tags :a")
                .expressionAttributeValues(Map.of(":a", ss("a"))));
        assertFalse(get("upd", "2").containsKey("tags"));
    }

    @Test
    void updateItem_onMissingItem_createsItWithTheKey() {
        var answer = dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "new"))
                .updateExpression("SET hits = if_not_exists(hits, :zero) + :one")
                .expressionAttributeValues(Map.of(":zero", n("0"), ":one", n("1"))).returnValues(ReturnValue.ALL_NEW));
        assertEquals("1", answer.attributes().get("hits").n());
        assertEquals("upd", answer.attributes().get("roomId").s());
    }

    @Test
    void updateItem_listAppend_andArithmetic() {
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("upd"), "sortKey", s("3"), "l", l(s("a")), "price", n("10.10"))));
        var answer = dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "3"))
                .updateExpression("SET l = list_append(l, :more), price = price - :cut, later = list_append(:first, l)")
                .expressionAttributeValues(Map.of(":more", l(s("b")), ":cut", n("0.1"), ":first", l(s("z"))))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertEquals(List.of(s("a"), s("b")), answer.attributes().get("l").l());
        assertEquals("10", answer.attributes().get("price").n(), "exact decimal arithmetic");
        assertEquals(List.of(s("z"), s("a")), answer.attributes().get("later").l(), "values are computed from the item before the update");
        assertEquals(3, answer.attributes().size(), "UPDATED_NEW holds only the updated attributes");
    }

    @Test
    void updateItem_returnValuesUpdatedOld_returnsOnlyTheOldValuesOfUpdatedAttributes() {
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("upd"), "sortKey", s("4"), "a", n("1"), "b", n("2"))));
        var answer = dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "4")).updateExpression("SET a = :v")
                .expressionAttributeValues(Map.of(":v", n("9"))).returnValues(ReturnValue.UPDATED_OLD));
        assertEquals(Map.of("a", n("1")), answer.attributes());
        var all = dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "4")).updateExpression("REMOVE b")
                .returnValues(ReturnValue.ALL_OLD));
        assertEquals("9", all.attributes().get("a").n());
        assertEquals("2", all.attributes().get("b").n());
    }

    @Test
    void updateItem_arithmeticOnMissingAttribute_isValidationException() {
        dynamo.putItem(b -> b.tableName(messages).item(key("upd", "5")));
        assertValidation("The provided expression refers to an attribute that does not exist in the item",
                () -> dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "5")).updateExpression("SET tally = tally + :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))));
    }

    @Test
    void updateItem_arithmeticOnAString_isValidationException() {
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("upd"), "sortKey", s("6"), "name1", s("x"))));
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "6")).updateExpression("SET name1 = name1 + :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))));
    }

    @Test
    void updateItem_keyAttribute_isValidationException() {
        assertValidation("Cannot update attribute sortKey. This attribute is part of the key",
                () -> dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "7")).updateExpression("SET sortKey = :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))));
    }

    @Test
    void updateItem_nestedPathUnderMissingParent_isValidationException() {
        dynamo.putItem(b -> b.tableName(messages).item(key("upd", "8")));
        assertValidation("The document path provided in the update expression is invalid for update",
                () -> dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "8")).updateExpression("SET a.b = :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))));
    }

    @Test
    void updateItem_overlappingPaths_isValidationException() {
        assertValidation("Two document paths overlap with each other",
                () -> dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "9")).updateExpression("SET a = :v REMOVE a.b")
                        .expressionAttributeValues(Map.of(":v", s("x")))));
    }

    @Test
    void updateItem_addStringValue_isValidationException() {
        assertValidation("Incorrect operand type for operator or function; operator: ADD",
                () -> dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "10")).updateExpression("ADD a :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))));
    }

    @Test
    void updateItem_removeListElements_usesTheOriginalIndexes() {
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("upd"), "sortKey", s("11"), "l", l(s("a"), s("b"), s("c"), s("d")))));
        dynamo.updateItem(b -> b.tableName(messages).key(key("upd", "11")).updateExpression("REMOVE l[0], l[2]"));
        assertEquals(List.of(s("b"), s("d")), get("upd", "11").get("l").l());
    }

    @Test
    void updateItem_conditionFails_isConditionalCheckFailed_andChangesNothing() {
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("upd"), "sortKey", s("12"), "version", n("3"))));
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class, () -> dynamo.updateItem(b -> b.tableName(messages)
                .key(key("upd", "12")).updateExpression("SET version = :next").conditionExpression("version = :expected")
                .expressionAttributeValues(Map.of(":next", n("5"), ":expected", n("4")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertEquals("3", e.item().get("version").n());
        assertEquals("3", get("upd", "12").get("version").n());
    }
}
