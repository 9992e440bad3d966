package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.RunsBesideTheSuite;
import dev.chatlab.localcloud.testing.TestCloud;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Eventually consistent reads under the default ("aws") timing: a read without
 * {@code ConsistentRead: true}, and every read of a GSI, sees the table as it was a moment ago
 * (here stretched to 3 s), so it misses a write that has just been acknowledged; a consistent
 * read never does; after the window both see it. The fast timing never misses anything. The
 * reads that must miss a write are checked only when they all ran inside the window: on a
 * loaded machine a try that took longer runs again ({@link #insideTheWindow}).
 */
@RunsBesideTheSuite
class DynamoDbEventualConsistencyTest {

    static TestCloud cloud;
    static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        cloud = TestCloud.startWithAwsTiming();
        dynamo = cloud.client(DynamoDbClient.builder()).build();
        // created together: each stays CREATING for the stretched window
        List.of("fresh", "changing", "indexed").forEach(name -> createMessages(dynamo, name));
        List.of("fresh", "changing", "indexed").forEach(name -> waitForActive(dynamo, name));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        cloud.close();
    }

    /** A messages table as the chat's: roomId + ts, a GSI by author. */
    static void createMessages(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("roomId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("ts").attributeType(ScalarAttributeType.N),
                        a -> a.attributeName("author").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH), k -> k.attributeName("ts").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("byAuthor").keySchema(k -> k.attributeName("author").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
    }

    static void waitForActive(DynamoDbClient client, String name) {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client)
                .overrideConfiguration(c -> c.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))).maxAttempts(300)).build()) {
            waiter.waitUntilTableExists(b -> b.tableName(name));
        }
    }

    static Map<String, AttributeValue> message(String room, long ts, String author, String text) {
        return Map.of("roomId", AttributeValue.fromS(room), "ts", AttributeValue.fromN(Long.toString(ts)),
                "author", AttributeValue.fromS(author), "text", AttributeValue.fromS(text));
    }

    static Map<String, AttributeValue> key(String room, long ts) {
        return Map.of("roomId", AttributeValue.fromS(room), "ts", AttributeValue.fromN(Long.toString(ts)));
    }

    static List<String> history(DynamoDbClient client, String table, String room, boolean consistent) {
        QueryResponse page = client.query(b -> b.tableName(table).keyConditionExpression("roomId = :r")
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(room))).consistentRead(consistent));
        return page.items().stream().map(item -> item.get("text").s()).toList();
    }

    /** Polls as a user's retry loop would, up to 15 s; answers how long it took. */
    static Duration pollUntil(BooleanSupplier seen) throws InterruptedException {
        long started = System.nanoTime();
        while (!seen.getAsBoolean()) {
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos(), "never seen");
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** One try of a test's steps; {@code n} numbers the try, for items of its own. */
    interface Attempt {
        void run(int n) throws Exception;
    }

    /**
     * Runs {@code setup}, then {@code attempt} (writes, then reads that must all fall inside the
     * stale-read window) and answers the number of the try that passed. An attempt that failed
     * although all of it took less than the window fails the test; one that failed after the
     * window had closed (a loaded machine: its last reads may rightly see the writes) proves
     * nothing, and runs again, its setup too, on new items, up to 5 times.
     */
    static int insideTheWindow(Attempt setup, Attempt attempt) throws Exception {
        Duration window = TestCloud.STRETCHED_AWS_TIMING.staleReads();
        for (int n = 1; ; n++) {
            setup.run(n);
            long started = System.nanoTime();
            try {
                attempt.run(n);
                return n;
            } catch (AssertionError failed) {
                if (System.nanoTime() - started < window.toNanos() || n == 5) {
                    throw failed;
                }
            }
        }
    }

    @Test
    void getItem_rightAfterPutItem_eventuallyConsistentMissesIt_consistentSeesIt_andAfterTheWindowBothDo() throws Exception {
        AtomicLong written = new AtomicLong();
        String room = "lobby-" + insideTheWindow(n -> { }, n -> {
            String lobby = "lobby-" + n;
            written.set(System.nanoTime());
            dynamo.putItem(b -> b.tableName("fresh").item(message(lobby, 1, "ann", "hello")));

            assertFalse(dynamo.getItem(b -> b.tableName("fresh").key(key(lobby, 1))).hasItem(), "an eventually consistent read misses it");
            assertEquals("hello", dynamo.getItem(b -> b.tableName("fresh").key(key(lobby, 1)).consistentRead(true)).item().get("text").s());
            assertEquals(List.of(), history(dynamo, "fresh", lobby, false));
            assertEquals(List.of("hello"), history(dynamo, "fresh", lobby, true));
            assertTrue(dynamo.batchGetItem(b -> b.requestItems(Map.of("fresh", KeysAndAttributes.builder()
                    .keys(key(lobby, 1)).build()))).responses().get("fresh").isEmpty(), "BatchGetItem reads eventually consistent too");
            assertEquals(0, dynamo.scan(b -> b.tableName("fresh").filterExpression("roomId = :r") // a try before may be seen by now
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(lobby)))).count());
        });

        pollUntil(() -> dynamo.getItem(b -> b.tableName("fresh").key(key(room, 1))).hasItem());
        assertTrue(System.nanoTime() - written.get() >= TestCloud.STRETCHED_AWS_TIMING.staleReads().toNanos(), "seen only after the window");
        assertEquals(List.of("hello"), history(dynamo, "fresh", room, false));
        assertEquals(List.of("hello"), history(dynamo, "fresh", room, true));
    }

    @Test
    void updatesAndDeletes_anEventuallyConsistentReadSeesTheItemAsItWasBeforeThem() throws Exception {
        String room = "lobby-" + insideTheWindow(n -> {
            dynamo.putItem(b -> b.tableName("changing").item(message("lobby-" + n, 1, "ann", "first")));
            dynamo.putItem(b -> b.tableName("changing").item(message("lobby-" + n, 2, "bob", "second")));
            pollUntil(() -> history(dynamo, "changing", "lobby-" + n, false).size() == 2);
        }, n -> {
            String lobby = "lobby-" + n;
            dynamo.putItem(b -> b.tableName("changing").item(message(lobby, 1, "ann", "first, edited")));
            dynamo.deleteItem(b -> b.tableName("changing").key(key(lobby, 2)));
            dynamo.putItem(b -> b.tableName("changing").item(message(lobby, 3, "cat", "third")));

            assertEquals(List.of("first", "second"), history(dynamo, "changing", lobby, false));
            assertEquals(List.of("first, edited", "third"), history(dynamo, "changing", lobby, true));
            assertEquals("first", dynamo.getItem(b -> b.tableName("changing").key(key(lobby, 1))).item().get("text").s());
            assertTrue(dynamo.getItem(b -> b.tableName("changing").key(key(lobby, 2))).hasItem(), "the deleted item is still seen");
            assertEquals(List.of("second", "first"), dynamo.query(b -> b.tableName("changing").keyConditionExpression("roomId = :r")
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(lobby))).scanIndexForward(false))
                    .items().stream().map(item -> item.get("text").s()).toList(), "newest first, as the table was");
        });

        pollUntil(() -> history(dynamo, "changing", room, false).equals(List.of("first, edited", "third")));
    }

    @Test
    void aGsiRead_isAlwaysEventuallyConsistent_andConsistentReadOnItIsAValidationException() throws Exception {
        String author = "ann-" + insideTheWindow(n -> { }, n -> {
            dynamo.putItem(b -> b.tableName("indexed").item(message("lobby", n, "ann-" + n, "hello")));
            assertEquals(0, dynamo.query(b -> b.tableName("indexed").indexName("byAuthor").keyConditionExpression("author = :a")
                    .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("ann-" + n)))).count());
        });
        DynamoDbException consistent = assertThrows(DynamoDbException.class, () -> dynamo.query(b -> b.tableName("indexed")
                .indexName("byAuthor").keyConditionExpression("author = :a").consistentRead(true)
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(author)))));
        assertEquals("ValidationException", consistent.awsErrorDetails().errorCode());
        assertEquals("Consistent reads are not supported on global secondary indexes", consistent.awsErrorDetails().errorMessage());

        pollUntil(() -> dynamo.query(b -> b.tableName("indexed").indexName("byAuthor").keyConditionExpression("author = :a")
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(author)))).count() == 1);
    }

    @Test
    void theFastTiming_neverMissesAWrite() {
        try (TestCloud fast = TestCloud.start(); DynamoDbClient client = fast.client(DynamoDbClient.builder()).build()) {
            createMessages(client, "instant");
            waitForActive(client, "instant");
            client.putItem(b -> b.tableName("instant").item(message("lobby", 1, "ann", "hello")));
            assertTrue(client.getItem(b -> b.tableName("instant").key(key("lobby", 1))).hasItem());
            assertEquals(List.of("hello"), history(client, "instant", "lobby", false));
            assertEquals(1, client.query(b -> b.tableName("instant").indexName("byAuthor").keyConditionExpression("author = :a")
                    .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("ann")))).count());
        }
    }
}
