package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.RunsBesideTheSuite;
import dev.chatlab.localcloud.testing.TestCloud;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Tables change state as on AWS under the default ("aws") timing: CREATING, UPDATING and
 * DELETING for about a second each, with the errors DynamoDB gives in those windows, and the
 * SDK's waiters polling through them.
 */
@RunsBesideTheSuite
class DynamoDbTimingTest {

    static TestCloud cloud;
    static DynamoDbClient dynamo;
    /** The SDK's waiter, polling every 100 ms instead of its default 20 s. */
    static DynamoDbWaiter waiter;

    @BeforeAll
    static void start() {
        cloud = TestCloud.startWithAwsTiming();
        dynamo = cloud.client(DynamoDbClient.builder()).build();
        waiter = DynamoDbWaiter.builder().client(dynamo)
                .overrideConfiguration(c -> c.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))).maxAttempts(300)).build();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        cloud.close();
    }

    private static void createTable(String name) {
        dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
    }

    private static TableStatus status(String name) {
        return dynamo.describeTable(b -> b.tableName(name)).table().tableStatus();
    }

    @Test
    void createTable_isCreatingForAboutASecond_whereWritesAreResourceNotFound_andTheWaiterPollsUntilActive() {
        long started = System.nanoTime();
        createTable("creating");
        assertEquals(TableStatus.CREATING, status("creating"));
        ResourceNotFoundException write = assertThrows(ResourceNotFoundException.class,
                () -> dynamo.putItem(b -> b.tableName("creating").item(Map.of("id", AttributeValue.fromS("1")))));
        assertEquals("Requested resource not found", write.awsErrorDetails().errorMessage());

        WaiterResponse<DescribeTableResponse> waited = waiter.waitUntilTableExists(b -> b.tableName("creating"));
        assertTrue(waited.attemptsExecuted() > 1, "the waiter saw CREATING before ACTIVE");
        assertTrue(System.nanoTime() - started >= TestCloud.STRETCHED_AWS_TIMING.tableCreating().toNanos(), "CREATING lasts the timing's window");
        assertEquals(TableStatus.ACTIVE, waited.matched().response().orElseThrow().table().tableStatus());
        dynamo.putItem(b -> b.tableName("creating").item(Map.of("id", AttributeValue.fromS("1"))));
    }

    @Test
    void deleteTable_whileCreating_isResourceInUse() {
        createTable("young");
        ResourceInUseException e = assertThrows(ResourceInUseException.class, () -> dynamo.deleteTable(b -> b.tableName("young")));
        assertEquals("Attempt to change a resource which is still in use: Table is being created: young", e.awsErrorDetails().errorMessage());
    }

    @Test
    void updateTable_addingAGsi_isUpdating_aSecondUpdateIsResourceInUse_andQueriesOnTheNewIndexWaitForItsBackfill() {
        createTable("growing");
        waiter.waitUntilTableExists(b -> b.tableName("growing"));
        dynamo.updateTable(b -> b.tableName("growing")
                .attributeDefinitions(a -> a.attributeName("email").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byEmail")
                        .keySchema(k -> k.attributeName("email").keyType(KeyType.HASH)).projection(p -> p.projectionType(ProjectionType.ALL)))));
        DescribeTableResponse updating = dynamo.describeTable(b -> b.tableName("growing"));
        assertEquals(TableStatus.UPDATING, updating.table().tableStatus());
        assertEquals(IndexStatus.CREATING, updating.table().globalSecondaryIndexes().get(0).indexStatus());
        ResourceInUseException again = assertThrows(ResourceInUseException.class,
                () -> dynamo.updateTable(b -> b.tableName("growing").billingMode(BillingMode.PAY_PER_REQUEST).deletionProtectionEnabled(false)));
        assertEquals("Attempt to change a resource which is still in use: Table is being updated: growing", again.awsErrorDetails().errorMessage());
        DynamoDbException backfilling = assertThrows(DynamoDbException.class, () -> dynamo.query(b -> b.tableName("growing").indexName("byEmail")
                .keyConditionExpression("email = :e").expressionAttributeValues(Map.of(":e", AttributeValue.fromS("a@b.c")))));
        assertEquals("Cannot read from backfilling global secondary index: byEmail", backfilling.awsErrorDetails().errorMessage());

        waiter.waitUntilTableExists(b -> b.tableName("growing"));
        assertEquals(IndexStatus.ACTIVE, dynamo.describeTable(b -> b.tableName("growing")).table().globalSecondaryIndexes().get(0).indexStatus());
    }

    @Test
    void deleteTable_isDeleting_theNameStaysTakenUntilTheWaiterSeesItGone() {
        createTable("leaving");
        waiter.waitUntilTableExists(b -> b.tableName("leaving"));
        assertEquals(TableStatus.DELETING, dynamo.deleteTable(b -> b.tableName("leaving")).tableDescription().tableStatus());

        assertEquals(TableStatus.DELETING, status("leaving"));
        assertTrue(dynamo.listTables().tableNames().contains("leaving"), "ListTables still shows a DELETING table");
        assertEquals(TableStatus.DELETING, dynamo.deleteTable(b -> b.tableName("leaving")).tableDescription().tableStatus(),
                "a second DeleteTable of a DELETING table is no error");
        ResourceInUseException recreate = assertThrows(ResourceInUseException.class, () -> createTable("leaving"));
        assertEquals("Attempt to change a resource which is still in use: Table is being deleted: leaving", recreate.awsErrorDetails().errorMessage());
        assertThrows(ResourceNotFoundException.class,
                () -> dynamo.getItem(b -> b.tableName("leaving").key(Map.of("id", AttributeValue.fromS("1")))));

        assertTrue(waiter.waitUntilTableNotExists(b -> b.tableName("leaving")).attemptsExecuted() > 1, "the waiter saw DELETING first");
        assertThrows(ResourceNotFoundException.class, () -> status("leaving"));
        createTable("leaving");
    }
}
