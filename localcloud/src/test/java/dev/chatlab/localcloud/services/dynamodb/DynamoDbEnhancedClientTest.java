package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The Enhanced Client (beans, generated expressions, optimistic locking) against localcloud. */
class DynamoDbEnhancedClientTest extends WithDynamoDbCloud {

    @DynamoDbBean
    public static class ChatUser {
        private String roomId;
        private String connectionId;
        private String nickname;
        private Long connectedAt;
        private Long version;

        @DynamoDbPartitionKey
        public String getRoomId() {
            return roomId;
        }

        public void setRoomId(String roomId) {
            this.roomId = roomId;
        }

        @DynamoDbSortKey
        @DynamoDbSecondaryPartitionKey(indexNames = "connectionId-index")
        public String getConnectionId() {
            return connectionId;
        }

        public void setConnectionId(String connectionId) {
            this.connectionId = connectionId;
        }

        public String getNickname() {
            return nickname;
        }

        public void setNickname(String nickname) {
            this.nickname = nickname;
        }

        public Long getConnectedAt() {
            return connectedAt;
        }

        public void setConnectedAt(Long connectedAt) {
            this.connectedAt = connectedAt;
        }

        @DynamoDbVersionAttribute
        public Long getVersion() {
            return version;
        }

        public void setVersion(Long version) {
            this.version = version;
        }
    }

    static DynamoDbEnhancedClient enhanced;
    static DynamoDbTable<ChatUser> users;

    @BeforeAll
    static void table() {
        enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        users = enhanced.table(uniqueName("EnhancedUsers"), TableSchema.fromBean(ChatUser.class));
        users.createTable(b -> b.globalSecondaryIndices(EnhancedGlobalSecondaryIndex.builder().indexName("connectionId-index")
                .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        waiter.waitUntilTableExists(b -> b.tableName(users.tableName()));
    }

    private static ChatUser user(String room, String connection, String nickname) {
        ChatUser user = new ChatUser();
        user.setRoomId(room);
        user.setConnectionId(connection);
        user.setNickname(nickname);
        user.setConnectedAt(System.currentTimeMillis());
        return user;
    }

    @Test
    void putGetUpdateDelete_roundTripABean() {
        users.putItem(user("general", "e1", "alice"));
        ChatUser read = users.getItem(Key.builder().partitionValue("general").sortValue("e1").build());
        assertEquals("alice", read.getNickname());
        assertEquals(1L, read.getVersion(), "the version attribute starts at 1");
        read.setNickname("alicia");
        ChatUser updated = users.updateItem(read);
        assertEquals("alicia", updated.getNickname());
        assertEquals(2L, updated.getVersion());
        users.deleteItem(Key.builder().partitionValue("general").sortValue("e1").build());
        assertNull(users.getItem(Key.builder().partitionValue("general").sortValue("e1").build()));
    }

    @Test
    void optimisticLocking_refusesAStaleVersion() {
        users.putItem(user("general", "e2", "bob"));
        ChatUser first = users.getItem(Key.builder().partitionValue("general").sortValue("e2").build());
        ChatUser second = users.getItem(Key.builder().partitionValue("general").sortValue("e2").build());
        first.setNickname("bobby");
        users.updateItem(first);
        second.setNickname("robert");
        assertThrows(ConditionalCheckFailedException.class, () -> users.updateItem(second));
    }

    @Test
    void query_andIndexQuery_withPagination() {
        for (int i = 0; i < 7; i++) {
            users.putItem(user("paged", "p" + i, "n" + i));
        }
        List<ChatUser> all = users.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue("paged"))).limit(3).build()).items().stream().toList();
        assertEquals(7, all.size());
        List<ChatUser> prefixed = users.query(QueryConditional.sortBeginsWith(k -> k.partitionValue("paged").sortValue("p1"))).items().stream().toList();
        assertEquals(1, prefixed.size());
        DynamoDbIndex<ChatUser> byConnection = users.index("connectionId-index");
        ChatUser found = byConnection.query(QueryConditional.keyEqualTo(k -> k.partitionValue("p4"))).stream()
                .flatMap(page -> page.items().stream()).findFirst().orElseThrow();
        assertEquals("n4", found.getNickname());
    }

    @Test
    void conditionalPut_withEnhancedExpression() {
        users.putItem(user("cond", "c1", "carol"));
        Expression notThere = Expression.builder().expression("attribute_not_exists(roomId)").build();
        assertThrows(ConditionalCheckFailedException.class, () -> users.putItem(PutItemEnhancedRequest.builder(ChatUser.class)
                .item(user("cond", "c1", "other")).conditionExpression(notThere).build()));
    }

    @Test
    void scanWithFilter_andTransaction() {
        users.putItem(user("scan", "s1", "dave"));
        Expression nick = Expression.builder().expression("nickname = :n").expressionValues(Map.of(":n", AttributeValue.fromS("dave"))).build();
        assertEquals(1, users.scan(b -> b.filterExpression(nick)).items().stream().count());
        ChatUser stale = user("scan", "s1", "ghost");
        stale.setVersion(41L);
        assertThrows(TransactionCanceledException.class, () -> enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(users, user("scan", "s2", "erin")).addUpdateItem(users, stale).build()));
        assertNull(users.getItem(Key.builder().partitionValue("scan").sortValue("s2").build()), "the transaction wrote nothing");
    }
}
