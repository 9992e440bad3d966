package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class DynamoDbBatchAndTransactionTest extends WithDynamoDbCloud {

    static String accounts;
    static String log;

    @BeforeAll
    static void tables() {
        accounts = createTable("accounts", "id", null);
        log = createTable("log", "id", "seq");
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static Map<String, AttributeValue> account(String id) {
        return dynamo.getItem(b -> b.tableName(accounts).key(item("id", s(id)))).item();
    }

    @Test
    void batchWriteItem_putsAndDeletesAcrossTables_withEmptyUnprocessedItems() {
        List<WriteRequest> puts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            puts.add(put(item("id", s("b" + i), "balance", n("0"))));
        }
        BatchWriteItemResponse answer = dynamo.batchWriteItem(b -> b.requestItems(Map.of(accounts, puts,
                log, List.of(put(item("id", s("x"), "seq", s("1")))))));
        assertTrue(answer.unprocessedItems().isEmpty());
        assertEquals("0", account("b7").get("balance").n());
        dynamo.batchWriteItem(b -> b.requestItems(Map.of(accounts, List.of(WriteRequest.builder().deleteRequest(d -> d.key(item("id", s("b7")))).build()))));
        assertTrue(account("b7").isEmpty());
    }

    @Test
    void batchWriteItem_moreThan25_isValidationException() {
        List<WriteRequest> puts = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            puts.add(put(item("id", s("many" + i))));
        }
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(accounts, puts))));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(account("many0").isEmpty(), "nothing of a refused batch is written");
    }

    @Test
    void batchWriteItem_sameKeyTwice_isValidationException() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(accounts,
                List.of(put(item("id", s("dup"))), put(item("id", s("dup"))))))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("Provided list of item keys contains duplicates"));
    }

    @Test
    void batchGetItem_returnsFoundItems_andEmptyUnprocessedKeys() {
        dynamo.putItem(b -> b.tableName(accounts).item(item("id", s("g1"), "balance", n("1"))));
        dynamo.putItem(b -> b.tableName(accounts).item(item("id", s("g2"), "balance", n("2"))));
        BatchGetItemResponse answer = dynamo.batchGetItem(b -> b.requestItems(Map.of(accounts, KeysAndAttributes.builder()
                .keys(item("id", s("g1")), item("id", s("g2")), item("id", s("absent"))).projectionExpression("balance").build())));
        assertEquals(2, answer.responses().get(accounts).size());
        assertEquals(1, answer.responses().get(accounts).get(0).size());
        assertTrue(answer.unprocessedKeys().isEmpty());
    }

    @Test
    void batchGetItem_moreThan100Keys_isValidationException() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(item("id", s("k" + i)));
        }
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.batchGetItem(b -> b.requestItems(Map.of(accounts,
                KeysAndAttributes.builder().keys(keys).build()))));
        // the service model's limit on one table's keys, checked before the table is looked up
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("1 validation error detected: Value '["), e.getMessage());
        assertTrue(e.awsErrorDetails().errorMessage().endsWith("]' at 'requestItems." + accounts
                + ".member.keys' failed to satisfy constraint: Member must have length less than or equal to 100"), e.getMessage());
    }

    @Test
    void transactWriteItems_transfersMoney_allOrNothing() {
        dynamo.putItem(b -> b.tableName(accounts).item(item("id", s("alice"), "balance", n("100"))));
        dynamo.putItem(b -> b.tableName(accounts).item(item("id", s("bob"), "balance", n("0"))));
        TransactWriteItem debit = TransactWriteItem.builder().update(u -> u.tableName(accounts).key(item("id", s("alice")))
                .updateExpression("SET balance = balance - :amount").conditionExpression("balance >= :amount")
                .expressionAttributeValues(Map.of(":amount", n("70")))).build();
        TransactWriteItem credit = TransactWriteItem.builder().update(u -> u.tableName(accounts).key(item("id", s("bob")))
                .updateExpression("SET balance = balance + :amount").expressionAttributeValues(Map.of(":amount", n("70")))).build();
        TransactWriteItem record = TransactWriteItem.builder().put(p -> p.tableName(log).item(item("id", s("transfers"), "seq", s("1")))
                .conditionExpression("attribute_not_exists(id)")).build();
        dynamo.transactWriteItems(b -> b.transactItems(debit, credit, record));
        assertEquals("30", account("alice").get("balance").n());
        assertEquals("70", account("bob").get("balance").n());

        TransactWriteItem secondRecord = TransactWriteItem.builder().put(p -> p.tableName(log).item(item("id", s("transfers"), "seq", s("2")))).build();
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(b -> b.transactItems(debit, credit, secondRecord)));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None, None]"),
                e.awsErrorDetails().errorMessage());
        List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
        assertEquals(List.of("ConditionalCheckFailed", "None", "None"), codes);
        assertEquals("30", account("alice").get("balance").n(), "nothing was written");
        assertEquals("70", account("bob").get("balance").n());
        assertFalse(dynamo.getItem(b -> b.tableName(log).key(item("id", s("transfers"), "seq", s("2")))).hasItem());
    }

    @Test
    void transactWriteItems_conditionCheckWithAllOld_returnsTheItemInTheReason() {
        dynamo.putItem(b -> b.tableName(accounts).item(item("id", s("frozen"), "state", s("frozen"))));
        TransactWriteItem check = TransactWriteItem.builder().conditionCheck(c -> c.tableName(accounts).key(item("id", s("frozen")))
                .conditionExpression("#s = :open").expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":open", s("open"))).returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
        TransactWriteItem write = TransactWriteItem.builder().put(p -> p.tableName(log).item(item("id", s("frozen"), "seq", s("1")))).build();
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(b -> b.transactItems(check, write)));
        assertEquals("frozen", e.cancellationReasons().get(0).item().get("state").s());
        assertEquals("The conditional request failed", e.cancellationReasons().get(0).message());
    }

    @Test
    void transactWriteItems_twoActionsOnOneItem_isValidationException() {
        TransactWriteItem a = TransactWriteItem.builder().put(p -> p.tableName(accounts).item(item("id", s("same")))).build();
        TransactWriteItem b2 = TransactWriteItem.builder().delete(d -> d.tableName(accounts).key(item("id", s("same")))).build();
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.transactWriteItems(b -> b.transactItems(a, b2)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains("Transaction request cannot include multiple operations on one item"));
    }

    @Test
    void transactWriteItems_updateWithTypeError_isCancelledWithValidationError() {
        dynamo.putItem(b -> b.tableName(accounts).item(item("id", s("typed"), "balance", s("not a number"))));
        TransactWriteItem bad = TransactWriteItem.builder().update(u -> u.tableName(accounts).key(item("id", s("typed")))
                .updateExpression("SET balance = balance + :one").expressionAttributeValues(Map.of(":one", n("1")))).build();
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> dynamo.transactWriteItems(b -> b.transactItems(bad)));
        assertEquals("ValidationError", e.cancellationReasons().get(0).code());
    }

    @Test
    void transactGetItems_readsSeveralItems_inOrder() {
        dynamo.putItem(b -> b.tableName(accounts).item(item("id", s("t1"), "balance", n("1"))));
        dynamo.putItem(b -> b.tableName(accounts).item(item("id", s("t2"), "balance", n("2"))));
        var answer = dynamo.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(accounts).key(item("id", s("t2")))).build(),
                TransactGetItem.builder().get(g -> g.tableName(accounts).key(item("id", s("nope")))).build(),
                TransactGetItem.builder().get(g -> g.tableName(accounts).key(item("id", s("t1"))).projectionExpression("balance")).build()));
        assertEquals("2", answer.responses().get(0).item().get("balance").n());
        assertFalse(answer.responses().get(1).hasItem());
        assertEquals(Map.of("balance", n("1")), answer.responses().get(2).item());
    }
}
