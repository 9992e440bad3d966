package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

class DynamoDbQueryScanTest extends WithDynamoDbCloud {

    static String messages;
    static String users;

    @BeforeAll
    static void tables() {
        messages = createTable("ChatMessages", "roomId", "sortKey");
        for (int i = 0; i < 20; i++) {
            String sortKey = String.format("%013d#m%02d", 1_764_000_000_000L + i, i);
            int number = i;
            dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("general"), "sortKey", s(sortKey),
                    "text", s("message " + number), "sentAt", n(Long.toString(1_764_000_000_000L + number)), "even", AttributeValue.fromBool(number % 2 == 0))));
        }
        dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("other"), "sortKey", s("1"))));

        users = uniqueName("ChatUsers");
        dynamo.createTable(b -> b.tableName(users).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH), k -> k.attributeName("connectionId").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("roomId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("connectionId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("connectedAt").attributeType(ScalarAttributeType.N))
                .globalSecondaryIndexes(g -> g.indexName("connectionId-index").keySchema(k -> k.attributeName("connectionId").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                .localSecondaryIndexes(l -> l.indexName("byConnectedAt").keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH),
                        k -> k.attributeName("connectedAt").keyType(KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.ALL)),
                        l -> l.indexName("byConnectedAtKeys").keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH),
                                k -> k.attributeName("connectedAt").keyType(KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
        waiter.waitUntilTableExists(b -> b.tableName(users));
        dynamo.putItem(b -> b.tableName(users).item(item("roomId", s("general"), "connectionId", s("c1"), "nickname", s("alice"), "connectedAt", n("3"))));
        dynamo.putItem(b -> b.tableName(users).item(item("roomId", s("general"), "connectionId", s("c2"), "nickname", s("bob"), "connectedAt", n("1"))));
        dynamo.putItem(b -> b.tableName(users).item(item("roomId", s("random"), "connectionId", s("c3"), "nickname", s("carol"))));
    }

    private static QueryResponse query(String keyCondition, Map<String, AttributeValue> values, boolean forward, Integer limit) {
        return dynamo.query(b -> b.tableName(messages).keyConditionExpression(keyCondition).expressionAttributeValues(values)
                .scanIndexForward(forward).limit(limit));
    }

    private static List<String> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("sortKey").s()).toList();
    }

    @Test
    void query_newestFirst_withLimit_isTheChatHistoryQuery() {
        QueryResponse page = query("roomId = :r", Map.of(":r", s("general")), false, 5);
        assertEquals(5, page.count());
        assertTrue(sortKeys(page.items()).get(0).endsWith("#m19"));
        assertTrue(sortKeys(page.items()).get(4).endsWith("#m15"));
        assertEquals(page.items().get(4).get("sortKey"), page.lastEvaluatedKey().get("sortKey"));
        assertEquals(Set.of("roomId", "sortKey"), page.lastEvaluatedKey().keySet());
    }

    @Test
    void query_paginatesWithExclusiveStartKey_inBothDirections() {
        for (boolean forward : new boolean[] {true, false}) {
            List<String> seen = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            int pages = 0;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamo.query(b -> b.tableName(messages).keyConditionExpression("roomId = :r")
                        .expressionAttributeValues(Map.of(":r", s("general"))).scanIndexForward(forward).limit(6).exclusiveStartKey(from));
                seen.addAll(sortKeys(page.items()));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                pages++;
            } while (start != null);
            assertEquals(20, seen.size());
            assertEquals(20, new HashSet<>(seen).size());
            assertEquals(4, pages);
            List<String> sorted = new ArrayList<>(seen);
            sorted.sort(forward ? null : Comparator.reverseOrder());
            assertEquals(sorted, seen);
        }
    }

    @Test
    void query_sortKeyConditions() {
        String at5 = String.format("%013d#m%02d", 1_764_000_000_005L, 5);
        String at8 = String.format("%013d#m%02d", 1_764_000_000_008L, 8);
        assertEquals(1, query("roomId = :r AND sortKey = :k", Map.of(":r", s("general"), ":k", s(at5)), true, null).count());
        assertEquals(5, query("roomId = :r AND sortKey < :k", Map.of(":r", s("general"), ":k", s(at5)), true, null).count());
        assertEquals(6, query("roomId = :r AND sortKey <= :k", Map.of(":r", s("general"), ":k", s(at5)), true, null).count());
        assertEquals(14, query("roomId = :r AND sortKey > :k", Map.of(":r", s("general"), ":k", s(at5)), true, null).count());
        assertEquals(15, query("roomId = :r AND sortKey >= :k", Map.of(":r", s("general"), ":k", s(at5)), true, null).count());
        assertEquals(4, query("roomId = :r AND sortKey BETWEEN :a AND :b", Map.of(":r", s("general"), ":a", s(at5), ":b", s(at8)), true, null).count());
        assertEquals(10, query("roomId = :r AND begins_with(sortKey, :p)", Map.of(":r", s("general"), ":p", s("176400000000")), true, null).count());
        QueryResponse descending = query("roomId = :r AND begins_with(sortKey, :p)", Map.of(":r", s("general"), ":p", s("176400000001")), false, null);
        assertEquals(List.of(String.format("%013d#m%02d", 1_764_000_000_019L, 19), String.format("%013d#m%02d", 1_764_000_000_018L, 18),
                String.format("%013d#m%02d", 1_764_000_000_017L, 17), String.format("%013d#m%02d", 1_764_000_000_016L, 16),
                String.format("%013d#m%02d", 1_764_000_000_015L, 15), String.format("%013d#m%02d", 1_764_000_000_014L, 14),
                String.format("%013d#m%02d", 1_764_000_000_013L, 13), String.format("%013d#m%02d", 1_764_000_000_012L, 12),
                String.format("%013d#m%02d", 1_764_000_000_011L, 11), String.format("%013d#m%02d", 1_764_000_000_010L, 10)),
                sortKeys(descending.items()));
    }

    @Test
    void query_filterIsAppliedAfterLimit() {
        QueryResponse page = dynamo.query(b -> b.tableName(messages).keyConditionExpression("roomId = :r")
                .filterExpression("even = :t").expressionAttributeValues(Map.of(":r", s("general"), ":t", AttributeValue.fromBool(true))).limit(5));
        assertEquals(5, page.scannedCount());
        assertEquals(3, page.count(), "items 0, 2, 4 of the five read");
        assertTrue(page.hasLastEvaluatedKey());
    }

    @Test
    void query_selectCount_returnsNoItems() {
        QueryResponse page = dynamo.query(b -> b.tableName(messages).keyConditionExpression("roomId = :r")
                .expressionAttributeValues(Map.of(":r", s("general"))).select(Select.COUNT));
        assertEquals(20, page.count());
        assertFalse(page.hasItems());
    }

    @Test
    void query_projectionExpression_returnsOnlyThoseAttributes() {
        QueryResponse page = dynamo.query(b -> b.tableName(messages).keyConditionExpression("roomId = :r")
                .expressionAttributeValues(Map.of(":r", s("general"))).projectionExpression("#t").expressionAttributeNames(Map.of("#t", "text")).limit(1));
        assertEquals(Set.of("text"), page.items().get(0).keySet());
    }

    @Test
    void query_keyConditionErrors_areValidationExceptions() {
        assertMessage("Query condition missed key schema element: roomId",
                () -> query("sortKey = :k", Map.of(":k", s("x")), true, null));
        assertMessage("Invalid operator used in KeyConditionExpression: OR",
                () -> query("roomId = :r OR roomId = :k", Map.of(":r", s("x"), ":k", s("y")), true, null));
        assertMessage("Query key condition not supported",
                () -> query("roomId < :r", Map.of(":r", s("x")), true, null));
        assertMessage("Condition parameter type does not match schema type",
                () -> query("roomId = :r", Map.of(":r", n("1")), true, null));
        assertMessage("Filter Expression can only contain non-primary key attributes: Primary key attribute: sortKey",
                () -> dynamo.query(b -> b.tableName(messages).keyConditionExpression("roomId = :r").filterExpression("sortKey = :k")
                        .expressionAttributeValues(Map.of(":r", s("x"), ":k", s("y")))));
        assertMessage("The table does not have the specified index: nope",
                () -> dynamo.query(b -> b.tableName(messages).indexName("nope").keyConditionExpression("roomId = :r")
                        .expressionAttributeValues(Map.of(":r", s("x")))));
        assertMessage("The provided starting key is outside query boundaries based on provided conditions",
                () -> dynamo.query(b -> b.tableName(messages).keyConditionExpression("roomId = :r")
                        .expressionAttributeValues(Map.of(":r", s("general"))).exclusiveStartKey(item("roomId", s("other"), "sortKey", s("1")))));
        assertMessage("Value '0' at 'limit'",
                () -> query("roomId = :r", Map.of(":r", s("x")), true, 0));
    }

    private static void assertMessage(String part, Runnable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains(part), e.awsErrorDetails().errorMessage());
    }

    @Test
    void query_onGsi_findsTheConnection_withKeysOnlyProjection() {
        QueryResponse page = dynamo.query(b -> b.tableName(users).indexName("connectionId-index").keyConditionExpression("connectionId = :c")
                .expressionAttributeValues(Map.of(":c", s("c2"))));
        assertEquals(1, page.count());
        assertEquals(Set.of("roomId", "connectionId"), page.items().get(0).keySet(), "KEYS_ONLY holds the table and index keys");
        assertMessage("Consistent reads are not supported on global secondary indexes",
                () -> dynamo.query(b -> b.tableName(users).indexName("connectionId-index").consistentRead(true)
                        .keyConditionExpression("connectionId = :c").expressionAttributeValues(Map.of(":c", s("c2")))));
    }

    @Test
    void query_onLsi_ordersByTheIndexSortKey_andSkipsItemsWithoutIt() {
        QueryResponse page = dynamo.query(b -> b.tableName(users).indexName("byConnectedAt").keyConditionExpression("roomId = :r")
                .expressionAttributeValues(Map.of(":r", s("general"))));
        assertEquals(List.of("c2", "c1"), page.items().stream().map(i -> i.get("connectionId").s()).toList());
        assertEquals("bob", page.items().get(0).get("nickname").s());
        QueryResponse keysOnly = dynamo.query(b -> b.tableName(users).indexName("byConnectedAtKeys").keyConditionExpression("roomId = :r")
                .expressionAttributeValues(Map.of(":r", s("general"))));
        assertEquals(Set.of("roomId", "connectionId", "connectedAt"), keysOnly.items().get(0).keySet(), "an LSI returns its projection");
        QueryResponse fetched = dynamo.query(b -> b.tableName(users).indexName("byConnectedAtKeys").keyConditionExpression("roomId = :r")
                .expressionAttributeValues(Map.of(":r", s("general"))).select(Select.ALL_ATTRIBUTES));
        assertEquals("bob", fetched.items().get(0).get("nickname").s(), "an LSI may fetch the whole item from the table");
        QueryResponse sparse = dynamo.query(b -> b.tableName(users).indexName("byConnectedAt").keyConditionExpression("roomId = :r")
                .expressionAttributeValues(Map.of(":r", s("random"))));
        assertEquals(0, sparse.count());
    }

    @Test
    void query_pagesStopAtOneMegabyte() {
        String table = createTable("big", "id", "sk");
        String text = "x".repeat(100 * 1024);
        for (int i = 0; i < 15; i++) {
            String sk = String.format("%02d", i);
            dynamo.putItem(b -> b.tableName(table).item(item("id", s("p"), "sk", s(sk), "payload", s(text))));
        }
        QueryResponse first = dynamo.query(b -> b.tableName(table).keyConditionExpression("id = :p").expressionAttributeValues(Map.of(":p", s("p"))));
        assertTrue(first.count() >= 10 && first.count() < 15, "a page ends near 1 MB: " + first.count());
        assertTrue(first.hasLastEvaluatedKey());
        QueryResponse rest = dynamo.query(b -> b.tableName(table).keyConditionExpression("id = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).exclusiveStartKey(first.lastEvaluatedKey()));
        assertEquals(15, first.count() + rest.count());
    }

    @Test
    void keys_sortAsDynamoDbDefinesIt() {
        String numbers = uniqueName("numkeys");
        dynamo.createTable(b -> b.tableName(numbers).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("p").keyType(KeyType.HASH), k -> k.attributeName("n").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("p").attributeType(ScalarAttributeType.S), a -> a.attributeName("n").attributeType(ScalarAttributeType.N)));
        waiter.waitUntilTableExists(b -> b.tableName(numbers));
        for (String value : List.of("10", "-5", "2.5", "100", "-0.1", "0")) {
            dynamo.putItem(b -> b.tableName(numbers).item(item("p", s("x"), "n", n(value))));
        }
        List<String> order = dynamo.query(b -> b.tableName(numbers).keyConditionExpression("p = :p").expressionAttributeValues(Map.of(":p", s("x"))))
                .items().stream().map(i -> i.get("n").n()).toList();
        assertEquals(List.of("-5", "-0.1", "0", "2.5", "10", "100"), order, "numbers sort numerically");

        String binaries = uniqueName("binkeys");
        dynamo.createTable(b -> b.tableName(binaries).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("p").keyType(KeyType.HASH), k -> k.attributeName("b").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("p").attributeType(ScalarAttributeType.S), a -> a.attributeName("b").attributeType(ScalarAttributeType.B)));
        waiter.waitUntilTableExists(b -> b.tableName(binaries));
        for (byte[] value : List.of(new byte[] {(byte) 0x80}, new byte[] {0x01}, new byte[] {0x7F, 0x00})) {
            dynamo.putItem(b -> b.tableName(binaries).item(item("p", s("x"), "b", AttributeValue.fromB(SdkBytes.fromByteArray(value)))));
        }
        List<Integer> firstBytes = dynamo.query(b -> b.tableName(binaries).keyConditionExpression("p = :p").expressionAttributeValues(Map.of(":p", s("x"))))
                .items().stream().map(i -> i.get("b").b().asByteArray()[0] & 0xFF).toList();
        assertEquals(List.of(0x01, 0x7F, 0x80), firstBytes, "binaries sort as unsigned bytes");

        // S sorts by UTF-8 bytes: U+FF5E (3 bytes, EF BD 9E) before U+1F600 (4 bytes, F0 ...), unlike Java's UTF-16 order
        for (String value : List.of("\uD83D\uDE00", "\uFF5E", "a")) {
            dynamo.putItem(b -> b.tableName(messages).item(item("roomId", s("utf8"), "sortKey", s(value))));
        }
        assertEquals(List.of("a", "\uFF5E", "\uD83D\uDE00"), sortKeys(query("roomId = :r", Map.of(":r", s("utf8")), true, null).items()));
    }

    @Test
    void scan_filtersAndPaginates() {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(b -> b.tableName(messages).filterExpression("attribute_exists(#t)")
                    .expressionAttributeNames(Map.of("#t", "text")).limit(7).exclusiveStartKey(from));
            all.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertEquals(20, all.size());
        assertEquals(20, dynamo.scanPaginator(b -> b.tableName(messages).filterExpression("attribute_exists(#t)")
                .expressionAttributeNames(Map.of("#t", "text")).limit(3)).items().stream().count());
    }

    @Test
    void scan_segmentsPartitionTheTable() {
        int total = 0;
        Set<String> seen = new HashSet<>();
        for (int segment = 0; segment < 3; segment++) {
            int current = segment;
            ScanResponse page = dynamo.scan(b -> b.tableName(users).segment(current).totalSegments(3));
            total += page.count();
            page.items().forEach(i -> seen.add(i.get("connectionId").s()));
        }
        assertEquals(3, total);
        assertEquals(Set.of("c1", "c2", "c3"), seen);
        assertMessage("The Segment parameter is zero-based and must be less than parameter TotalSegments",
                () -> dynamo.scan(b -> b.tableName(users).segment(3).totalSegments(3)));
    }

    @Test
    void scan_onGsi_returnsItsItems() {
        ScanResponse page = dynamo.scan(b -> b.tableName(users).indexName("connectionId-index"));
        assertEquals(3, page.count());
        assertNull(page.items().get(0).get("nickname"));
    }
}
