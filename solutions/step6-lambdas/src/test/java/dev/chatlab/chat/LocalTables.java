package dev.chatlab.chat;

import dev.chatlab.localcloud.LocalCloud;
import dev.chatlab.localcloud.config.LocalCloudConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** An in-memory localcloud with the two tables of PROTOCOL.md, for the handlers' tests. */
final class LocalTables implements AutoCloseable {

    static final ChatConfig CONFIG = new ChatConfig("chat-test01-ChatUsers", "chat-test01-ChatMessages",
            "http://unused.example/dev");

    final LocalCloud cloud = LocalCloud.start(LocalCloudConfig.forTests());
    final DynamoDbClient dynamo = DynamoDbClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + cloud.port()))
            .region(Region.AP_NORTHEAST_2)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClientBuilder(AwsCrtHttpClient.builder())
            .build();

    LocalTables() {
        dynamo.createTable(b -> b.tableName(CONFIG.messagesTable()).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("roomId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sortKey").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH),
                        k -> k.attributeName("sortKey").keyType(KeyType.RANGE)));
        dynamo.createTable(b -> b.tableName(CONFIG.usersTable()).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("roomId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("connectionId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH),
                        k -> k.attributeName("connectionId").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("connectionId-index")
                        .keySchema(k -> k.attributeName("connectionId").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(CONFIG.messagesTable()));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(CONFIG.usersTable()));
    }

    void join(String roomId, String connectionId, String nickname) {
        dynamo.putItem(b -> b.tableName(CONFIG.usersTable()).item(Map.of(
                "roomId", s(roomId), "connectionId", s(connectionId),
                "nickname", s(nickname), "connectedAt", AttributeValue.fromN("1764000000000"))));
    }

    List<Map<String, AttributeValue>> members(String roomId) {
        return dynamo.query(b -> b.tableName(CONFIG.usersTable()).keyConditionExpression("roomId = :r")
                .expressionAttributeValues(Map.of(":r", s(roomId)))).items();
    }

    List<Map<String, AttributeValue>> messages(String roomId) {
        return dynamo.query(b -> b.tableName(CONFIG.messagesTable()).keyConditionExpression("roomId = :r")
                .expressionAttributeValues(Map.of(":r", s(roomId)))).items();
    }

    /** Deletes every item of both tables: each test starts with empty rooms. */
    void clear() {
        for (String table : List.of(CONFIG.usersTable(), CONFIG.messagesTable())) {
            String sortKey = table.equals(CONFIG.usersTable()) ? "connectionId" : "sortKey";
            dynamo.scan(b -> b.tableName(table)).items().forEach(item -> dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of("roomId", item.get("roomId"), sortKey, item.get(sortKey)))));
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    @Override
    public void close() {
        dynamo.close();
        cloud.close();
    }
}
