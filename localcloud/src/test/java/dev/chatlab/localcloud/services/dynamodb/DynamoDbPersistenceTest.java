package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Tables and items survive closing localcloud and starting it again on the same data directory. */
class DynamoDbPersistenceTest {

    @TempDir
    Path data;

    @Test
    void tablesItemsAndIndexes_surviveARestart() {
        LocalCloudConfig config = LocalCloudConfig.forTests().withDataDirectory(data);
        try (TestCloud first = TestCloud.start(config); DynamoDbClient dynamo = first.client(DynamoDbClient.builder()).build()) {
            dynamo.createTable(b -> b.tableName("ChatUsers").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH), k -> k.attributeName("connectionId").keyType(KeyType.RANGE))
                    .attributeDefinitions(a -> a.attributeName("roomId").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("connectionId").attributeType(ScalarAttributeType.S))
                    .globalSecondaryIndexes(g -> g.indexName("connectionId-index").keySchema(k -> k.attributeName("connectionId").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.ALL))));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName("ChatUsers"),
                    o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(50))));
            for (int i = 0; i < 50; i++) {
                String id = "c" + i;
                dynamo.putItem(b -> b.tableName("ChatUsers").item(Map.of("roomId", AttributeValue.fromS("general"),
                        "connectionId", AttributeValue.fromS(id), "nickname", AttributeValue.fromS("n" + id))));
            }
            dynamo.deleteItem(b -> b.tableName("ChatUsers").key(Map.of("roomId", AttributeValue.fromS("general"), "connectionId", AttributeValue.fromS("c0"))));
            dynamo.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName("ChatUsers")
                    .item(Map.of("roomId", AttributeValue.fromS("tx"), "connectionId", AttributeValue.fromS("t1"))))));
        }
        try (TestCloud second = TestCloud.start(config); DynamoDbClient dynamo = second.client(DynamoDbClient.builder()).build()) {
            var table = dynamo.describeTable(b -> b.tableName("ChatUsers")).table();
            assertEquals(TableStatus.ACTIVE, table.tableStatus());
            assertEquals(50L, table.itemCount());
            var item = dynamo.getItem(b -> b.tableName("ChatUsers").key(Map.of("roomId", AttributeValue.fromS("general"),
                    "connectionId", AttributeValue.fromS("c7")))).item();
            assertEquals("nc7", item.get("nickname").s());
            var viaIndex = dynamo.query(b -> b.tableName("ChatUsers").indexName("connectionId-index").keyConditionExpression("connectionId = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("c9"))));
            assertEquals(1, viaIndex.count(), "the index is rebuilt on start");
            assertTrue(dynamo.getItem(b -> b.tableName("ChatUsers").key(Map.of("roomId", AttributeValue.fromS("tx"),
                    "connectionId", AttributeValue.fromS("t1")))).hasItem());
            assertTrue(!dynamo.getItem(b -> b.tableName("ChatUsers").key(Map.of("roomId", AttributeValue.fromS("general"),
                    "connectionId", AttributeValue.fromS("c0")))).hasItem());
        }
    }
}
