package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * DynamoDB's order of checks (API reference, "Common Errors" and each operation's "Errors"):
 * the request's JSON types (SerializationException), then every parameter's constraints from
 * the service model, all in one ValidationException, then the table (ResourceNotFound), then
 * the key against the table's schema.
 */
class DynamoDbValidationTest extends WithDynamoDbCloud {

    private static final String EMPTY_NAME_MESSAGE = "2 validation errors detected: "
            + "Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3; "
            + "Value '' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";

    static String table;
    static DynamoDbClient raw;

    @BeforeAll
    static void table() {
        table = createTable("valid", "id", null);
        raw = RawDynamoDbRequests.client(cloud);
    }

    @AfterAll
    static void closeRaw() {
        raw.close();
    }

    private static DynamoDbException refused(Runnable call) {
        return assertThrows(DynamoDbException.class, call::run);
    }

    private static void assertValidation(String message, DynamoDbException e) {
        assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    @Test
    void emptyTableName_isTwoViolationsInOneMessage_forEveryOperation() {
        List<Consumer<String>> operations = List.of(
                name -> dynamo.getItem(b -> b.tableName(name).key(item("id", s("a")))),
                name -> dynamo.putItem(b -> b.tableName(name).item(item("id", s("a")))),
                name -> dynamo.deleteItem(b -> b.tableName(name).key(item("id", s("a")))),
                name -> dynamo.updateItem(b -> b.tableName(name).key(item("id", s("a")))),
                name -> dynamo.query(b -> b.tableName(name).keyConditionExpression("id = :v").expressionAttributeValues(Map.of(":v", s("a")))),
                name -> dynamo.scan(b -> b.tableName(name)),
                name -> dynamo.describeTable(b -> b.tableName(name)),
                name -> dynamo.deleteTable(b -> b.tableName(name)),
                name -> dynamo.describeTimeToLive(b -> b.tableName(name)));
        for (Consumer<String> operation : operations) {
            assertValidation(EMPTY_NAME_MESSAGE, refused(() -> operation.accept("")));
        }
    }

    @Test
    void tableNameWithAForbiddenCharacterOrTooLong_isValidationNotResourceNotFound() {
        assertValidation("2 validation errors detected: Value 'a;' at 'tableName' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 3; Value 'a;' at 'tableName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+", refused(() -> dynamo.getItem(b -> b.tableName("a;").key(item("id", s("a"))))));
        String longName = "t".repeat(256);
        assertValidation("1 validation error detected: Value '" + longName + "' at 'tableName' failed to satisfy constraint: "
                + "Member must have length less than or equal to 255", refused(() -> dynamo.scan(b -> b.tableName(longName))));
    }

    @Test
    void batchWithABadTableName_isValidationForTheMapKeys() {
        DynamoDbException e = refused(() -> dynamo.batchGetItem(b -> b.requestItems(
                Map.of("a;", KeysAndAttributes.builder().keys(item("id", s("a"))).build()))));
        assertValidation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: "
                + "[Member must have length less than or equal to 255, Member must have length greater than or equal to 3, "
                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]", e);
    }

    @Test
    void everyViolation_isReportedTogether_beforeTheTableIsLookedUp() {
        DynamoDbException e = refused(() -> dynamo.scan(b -> b.tableName("no-such-table").limit(0).totalSegments(0).segment(-1)));
        assertValidation("3 validation errors detected: "
                + "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; "
                + "Value '0' at 'totalSegments' failed to satisfy constraint: Member must have value greater than or equal to 1; "
                + "Value '-1' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0", e);
    }

    @Test
    void missingTable_comesBeforeTheKeyCheck() {
        assertThrows(ResourceNotFoundException.class, () -> dynamo.getItem(b -> b.tableName("no-such-table").key(item("wrong", s("a")))));
        DynamoDbException e = refused(() -> dynamo.getItem(b -> b.tableName(table).key(item("wrong", s("a")))));
        assertValidation("The provided key element does not match the schema", e);
    }

    @Test
    void reads_checkTheKeysSize_andAStartKeyIsExactlyTheKey() {
        String bigKey = "k".repeat(2100);
        assertValidation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of 2048 bytes",
                refused(() -> dynamo.getItem(b -> b.tableName(table).key(item("id", s(bigKey))))));
        assertValidation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of 2048 bytes",
                refused(() -> dynamo.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder().keys(item("id", s(bigKey))).build())))));
        assertValidation("The provided starting key is invalid: The provided key element does not match the schema",
                refused(() -> dynamo.scan(b -> b.tableName(table).exclusiveStartKey(item("id", s("a"), "other", s("b"))))));
        assertValidation("The provided starting key is invalid: The provided key element does not match the schema",
                refused(() -> dynamo.scan(b -> b.tableName(table).exclusiveStartKey(item("id", n("1"))))));
    }

    @Test
    void wrongJsonTypes_areSerializationExceptions_neverCoerced() {
        DynamoDbException number = RawDynamoDbRequests.error(raw, "PutItem",
                "{\"TableName\":\"" + table + "\",\"Item\":{\"id\":{\"S\":23}}}");
        assertEquals("SerializationException", number.awsErrorDetails().errorCode());
        assertEquals("NUMBER_VALUE cannot be converted to String", number.awsErrorDetails().errorMessage());
        DynamoDbException flag = RawDynamoDbRequests.error(raw, "GetItem",
                "{\"TableName\":\"" + table + "\",\"Key\":{\"id\":{\"S\":\"a\"}},\"ConsistentRead\":\"23\"}");
        assertEquals("SerializationException", flag.awsErrorDetails().errorCode());
        assertEquals("Unexpected token received from parser", flag.awsErrorDetails().errorMessage());
        DynamoDbException limit = RawDynamoDbRequests.error(raw, "Scan", "{\"TableName\":\"" + table + "\",\"Limit\":\"5\"}");
        assertEquals("SerializationException", limit.awsErrorDetails().errorCode());
        assertEquals("STRING_VALUE cannot be converted to Integer", limit.awsErrorDetails().errorMessage());
        DynamoDbException nested = RawDynamoDbRequests.error(raw, "PutItem",
                "{\"TableName\":\"" + table + "\",\"Item\":{\"id\":{\"S\":\"a\"},\"m\":{\"M\":{\"n\":{\"N\":5}}}}}");
        assertEquals("SerializationException", nested.awsErrorDetails().errorCode(), "nested non-key values are checked too");
        assertTrue(!dynamo.getItem(b -> b.tableName(table).key(item("id", s("a")))).hasItem(), "nothing was stored");
    }

    /** DynamoDB's own texts, as dynalite's suite records them against DynamoDB (REMOTE=1). */
    @Test
    void wrongJsonTypes_answerDynamoDbsDeserializerTexts() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"TableName\":\"t\",\"Limit\":true}", "TRUE_VALUE cannot be converted to Integer");
        cases.put("{\"TableName\":\"t\",\"Limit\":[]}", "Unrecognized collection type class java.lang.Integer");
        cases.put("{\"TableName\":\"t\",\"Limit\":{}}", "Start of structure or map found where not expected");
        cases.put("{\"TableName\":false}", "FALSE_VALUE cannot be converted to String");
        cases.put("{\"TableName\":34.56}", "DECIMAL_VALUE cannot be converted to String");
        cases.put("{\"TableName\":[]}", "Unrecognized collection type class java.lang.String");
        cases.put("{\"TableName\":\"t\",\"ConsistentRead\":23}", "NUMBER_VALUE cannot be converted to Boolean");
        cases.put("{\"TableName\":\"t\",\"ConsistentRead\":[]}", "Unrecognized collection type class java.lang.Boolean");
        cases.put("{\"TableName\":\"t\",\"AttributesToGet\":\"a\"}", "Unexpected field type");
        cases.put("{\"TableName\":\"t\",\"ExclusiveStartKey\":23}", "Unexpected field type");
        cases.put("{\"TableName\":\"t\",\"ExclusiveStartKey\":{\"a\":23}}", "Unexpected value type in payload");
        cases.put("{\"TableName\":\"t\",\"ExclusiveStartKey\":[]}",
                "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>");
        cases.put("{\"TableName\":\"t\",\"ExpressionAttributeNames\":[]}",
                "Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>");
        cases.put("{\"TableName\":\"t\",\"ExclusiveStartKey\":{\"a\":{\"B\":23}}}", "only base-64-encoded strings are convertible to bytes");
        cases.forEach((body, message) -> {
            DynamoDbException e = RawDynamoDbRequests.error(raw, "Scan", body);
            assertEquals("SerializationException", e.awsErrorDetails().errorCode(), body);
            assertEquals(message, e.awsErrorDetails().errorMessage(), body);
        });
    }

    @Test
    void enumValueSets_areListedInDynamoDbsRecordedOrder() {
        DynamoDbException e = RawDynamoDbRequests.error(raw, "Scan", "{\"TableName\":\"t\",\"ReturnConsumedCapacity\":\"hi\",\"Select\":\"hi\"}");
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        String message = e.awsErrorDetails().errorMessage();
        assertTrue(message.contains("Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"), message);
        assertTrue(message.contains("Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"), message);
    }

    @Test
    void wrongJsonType_comesBeforeConstraintsAndTheTable() {
        DynamoDbException e = RawDynamoDbRequests.error(raw, "Scan", "{\"TableName\":\"\",\"Limit\":\"5\"}");
        assertEquals("SerializationException", e.awsErrorDetails().errorCode());
    }

    @Test
    void requestIds_haveDynamoDbsShape() {
        PutItemResponse response = dynamo.putItem(b -> b.tableName(table).item(item("id", s("rid"))));
        String id = response.responseMetadata().requestId();
        assertTrue(id.matches("[0-9A-Z]{52}"), id);
        DynamoDbException e = refused(() -> dynamo.getItem(b -> b.tableName("no-such-table").key(item("id", s("a")))));
        assertTrue(e.requestId().matches("[0-9A-Z]{52}"), e.requestId());
    }

    @Test
    void consumedCapacity_total_carriesNoTableBreakdown_indexesDoes() {
        var total = dynamo.putItem(b -> b.tableName(table).item(item("id", s("cc"))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(1.0, total.consumedCapacity().capacityUnits());
        assertNull(total.consumedCapacity().table());
        var indexes = dynamo.putItem(b -> b.tableName(table).item(item("id", s("cc"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertNotNull(indexes.consumedCapacity().table());
    }

    @Test
    void listTagsOfResource_onAnArnThatCannotBeATable_isAccessDenied() {
        DynamoDbException e = refused(() -> dynamo.listTagsOfResource(b -> b.resourceArn("not-an-arn")));
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
    }
}
