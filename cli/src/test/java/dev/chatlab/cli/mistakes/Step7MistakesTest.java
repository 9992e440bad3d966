package dev.chatlab.cli.mistakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * Step 7's catalogue of mistakes, made as a console user makes them (DynamoDB calls on the
 * finished lab's tables): each fails the check that names it, with the hint that fixes it, and
 * each is undone so the lab passes again. A second run of the step repairs what DynamoDB can
 * change in place.
 */
class Step7MistakesTest {

    static final String INDEX = "connectionId-index";

    static MistakeLab lab;
    static DynamoDbClient dynamo;
    static String messages;
    static String users;

    @BeforeAll
    static void completeLab() {
        lab = MistakeLab.shared();
        dynamo = lab.lab().client(DynamoDbClient.builder());
        messages = lab.lab().names().messagesTable();
        users = lab.lab().names().usersTable();
    }

    @Test
    void messagesSortKeyNamedOtherwise_failsOnTheMessagesKeys_withTheDeleteCommand() {
        try {
            recreate(messages, List.of(key("roomId", KeyType.HASH), key("createdAt", KeyType.RANGE)),
                    List.of(attribute("roomId", ScalarAttributeType.S), attribute("createdAt", ScalarAttributeType.S)));
            lab.assertFailsFirstOn(7, messages + " is ACTIVE with keys", "aws dynamodb delete-table --table-name " + messages);
        } finally {
            recreateMessagesTable();
        }
        lab.assertPasses(7);
    }

    @Test
    void messagesSortKeyANumber_failsOnTheMessagesKeys_namingTheType() {
        try {
            recreate(messages, List.of(key("roomId", KeyType.HASH), key("sortKey", KeyType.RANGE)),
                    List.of(attribute("roomId", ScalarAttributeType.S), attribute("sortKey", ScalarAttributeType.N)));
            lab.assertFailsFirstOn(7, messages + " is ACTIVE with keys", "sortKey (RANGE, N)");
        } finally {
            recreateMessagesTable();
        }
        lab.assertPasses(7);
    }

    @Test
    void messagesKeys_runAgain_keepsTheTableAndSaysWhatToDelete() {
        try {
            recreate(messages, List.of(key("roomId", KeyType.HASH)), List.of(attribute("roomId", ScalarAttributeType.S)));
            assertEquals(1, lab.lab("step", "7", "--solution"), "the run cannot change keys: its check fails");
            assertEquals("roomId (HASH, S)", keys(describe(messages)), "a run never deletes a student's table");
        } finally {
            recreateMessagesTable();
        }
        lab.assertPasses(7);
    }

    @Test
    void usersWithoutSortKey_failsOnTheUsersKeys() {
        TableDescription before = describe(users);
        try {
            recreate(users, List.of(key("roomId", KeyType.HASH)), List.of(attribute("roomId", ScalarAttributeType.S)));
            lab.assertFailsFirstOn(7, users + " is ACTIVE with keys", "Found keys roomId (HASH, S)");
        } finally {
            recreate(users, before.keySchema(), before.attributeDefinitions());
            addIndex(ProjectionType.KEYS_ONLY, "connectionId");
        }
        lab.assertPasses(7);
    }

    @Test
    void indexMissing_failsOnTheIndex_andARunAgainAddsIt() {
        try {
            deleteIndex();
            lab.assertFailsFirstOn(7, "has the GSI " + INDEX, "run ./lab step 7 again (it adds it with UpdateTable)");
            assertEquals(0, lab.lab("step", "7", "--solution"), "a second run adds the index and its check passes");
        } finally {
            if (index() == null) {
                addIndex(ProjectionType.KEYS_ONLY, "connectionId");
            }
        }
        lab.assertPasses(7);
        assertEquals(ProjectionType.KEYS_ONLY, index().projection().projectionType());
    }

    @Test
    void indexOnAnotherAttribute_failsOnTheIndex_andARunAgainRebuildsIt() {
        try {
            deleteIndex();
            addIndex(ProjectionType.KEYS_ONLY, "roomId");
            lab.assertFailsFirstOn(7, "has the GSI " + INDEX, "An index's key cannot change");
            assertEquals(0, lab.lab("step", "7", "--solution"), "a second run rebuilds the index");
        } finally {
            restoreIndex();
        }
        lab.assertPasses(7);
    }

    @Test
    void indexProjectingAll_failsOnTheProjection_sayingWhyKeysOnly() {
        try {
            deleteIndex();
            addIndex(ProjectionType.ALL, "connectionId");
            lab.assertFailsFirstOn(7, "projects the keys only", "needs only roomId and connectionId");
        } finally {
            restoreIndex();
        }
        lab.assertPasses(7);
    }

    @Test
    void indexProjectingSomeAttributes_runAgain_rebuildsItKeysOnly() {
        try {
            deleteIndex();
            dynamo.updateTable(b -> b.tableName(users).attributeDefinitions(attribute("connectionId", ScalarAttributeType.S))
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName(INDEX)
                            .keySchema(key("connectionId", KeyType.HASH))
                            .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes("nickname").build())).build()));
            waitForIndex();
            lab.assertFailsFirstOn(7, "projects the keys only", "The index projects INCLUDE");
            assertEquals(0, lab.lab("step", "7", "--solution"));
            assertEquals(ProjectionType.KEYS_ONLY, index().projection().projectionType());
        } finally {
            restoreIndex();
        }
        lab.assertPasses(7);
    }

    @Test
    void provisionedMessagesTable_failsOnOnDemand_withTheUpdateCommand() {
        try {
            dynamo.updateTable(b -> b.tableName(messages).billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(messages));
            lab.assertFailsFirstOn(7, "on-demand", "aws dynamodb update-table --table-name " + messages + " --billing-mode PAY_PER_REQUEST");
        } finally {
            dynamo.updateTable(b -> b.tableName(messages).billingMode(BillingMode.PAY_PER_REQUEST));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(messages));
        }
        lab.assertPasses(7);
    }

    @Test
    void provisionedUsersTable_runAgain_switchesItToOnDemand() {
        try {
            dynamo.updateTable(b -> b.tableName(users).billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().update(u -> u.indexName(INDEX)
                            .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))).build()));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(users));
            lab.assertFailsFirstOn(7, "on-demand", "Provisioned: [" + users + "]");
            assertEquals(0, lab.lab("step", "7", "--solution"));
        } finally {
            if (describe(users).billingModeSummary().billingMode() != BillingMode.PAY_PER_REQUEST) {
                dynamo.updateTable(b -> b.tableName(users).billingMode(BillingMode.PAY_PER_REQUEST));
                dynamo.waiter().waitUntilTableExists(b -> b.tableName(users));
            }
        }
        lab.assertPasses(7);
    }

    @Test
    void usersTableCompletedWithProjectionAll_runPrintsTheIndexItBuilt_andTheSolutionRebuildsIt() {
        try {
            dynamo.deleteTable(b -> b.tableName(users));
            dynamo.waiter().waitUntilTableNotExists(b -> b.tableName(users));
            String printed = lab.run(7, source -> source.replace("projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))",
                    "projection(p -> p.projectionType(ProjectionType.ALL))"));
            assertTrue(printed.contains("✔ Created table " + users + ": keys roomId (HASH, S) + connectionId (RANGE, S), PAY_PER_REQUEST,"
                    + " index " + INDEX + " on connectionId (HASH), ALL (ACTIVE), ACTIVE"), printed);
            lab.assertFailsFirstOn(7, "projects the keys only", "The index projects ALL");
        } finally {
            String printed = lab.run(7, UnaryOperator.identity());
            assertTrue(printed.contains(INDEX + " on connectionId (HASH), KEYS_ONLY (ACTIVE)"), printed);
        }
        lab.assertPasses(7);
    }

    @Test
    void messagesKeysWrong_runPrintsWhatItFoundAndWhatToDelete() {
        try {
            recreate(messages, List.of(key("roomId", KeyType.HASH)), List.of(attribute("roomId", ScalarAttributeType.S)));
            String printed = lab.run(7, UnaryOperator.identity());
            assertTrue(printed.contains("✘ Table " + messages + " exists with keys roomId (HASH, S), not roomId (HASH, S) + sortKey (RANGE, S)"), printed);
            assertTrue(printed.contains("aws dynamodb delete-table --table-name " + messages), printed);
            assertFalse(printed.contains("✔ Table " + messages), printed);
        } finally {
            recreateMessagesTable();
        }
        lab.assertPasses(7);
    }

    // --- making and undoing the mistakes, as the console would ---

    static TableDescription describe(String table) {
        return dynamo.describeTable(b -> b.tableName(table)).table();
    }

    static GlobalSecondaryIndexDescription index() {
        TableDescription table = describe(users);
        return !table.hasGlobalSecondaryIndexes() ? null
                : table.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(INDEX)).findFirst().orElse(null);
    }

    static String keys(TableDescription table) {
        return String.join(" + ", table.keySchema().stream().map(k -> k.attributeName() + " (" + k.keyTypeAsString() + ", "
                + table.attributeDefinitions().stream().filter(d -> d.attributeName().equals(k.attributeName()))
                        .findFirst().orElseThrow().attributeTypeAsString() + ")").toList());
    }

    /** Deletes the table and creates it again with these keys, on-demand and tagged as the step tags it. */
    static void recreate(String table, List<KeySchemaElement> keys, List<AttributeDefinition> attributes) {
        dynamo.deleteTable(b -> b.tableName(table));
        dynamo.waiter().waitUntilTableNotExists(b -> b.tableName(table));
        Map<String, String> tags = lab.lab().names().tags();
        dynamo.createTable(b -> b.tableName(table).keySchema(keys).attributeDefinitions(attributes).billingMode(BillingMode.PAY_PER_REQUEST)
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    static void recreateMessagesTable() {
        recreate(messages, List.of(key("roomId", KeyType.HASH), key("sortKey", KeyType.RANGE)),
                List.of(attribute("roomId", ScalarAttributeType.S), attribute("sortKey", ScalarAttributeType.S)));
    }

    static void deleteIndex() {
        dynamo.updateTable(b -> b.tableName(users).globalSecondaryIndexUpdates(
                GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName(INDEX)).build()));
        await(() -> index() == null);
    }

    static void addIndex(ProjectionType projection, String partitionKey) {
        dynamo.updateTable(b -> b.tableName(users).attributeDefinitions(attribute(partitionKey, ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName(INDEX)
                        .keySchema(key(partitionKey, KeyType.HASH)).projection(p -> p.projectionType(projection))).build()));
        waitForIndex();
    }

    /** The index as the solution builds it, whatever the test left. */
    static void restoreIndex() {
        GlobalSecondaryIndexDescription index = index();
        if (index != null && index.projection().projectionType() == ProjectionType.KEYS_ONLY
                && index.keySchema().get(0).attributeName().equals("connectionId")) {
            return;
        }
        if (index != null) {
            deleteIndex();
        }
        addIndex(ProjectionType.KEYS_ONLY, "connectionId");
    }

    static void waitForIndex() {
        await(() -> index() != null && index().indexStatusAsString().equals("ACTIVE"));
    }

    /** DynamoDB has no waiter for an index: polls DescribeTable, a minute at most. */
    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the index did not settle within a minute");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }
}
