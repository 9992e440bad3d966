///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:dynamodb
//DEPS dev.chatlab:labkit:0.1.0
//DESCRIPTION Step 7: the chat's two DynamoDB tables (messages, and the users connected to each room).

import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.Todo;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * Step 7 of the seed: "DynamoDB — 총 2개의 테이블: 채팅 메시지, 유저 목록". The keys are
 * PROTOCOL.md's: what the four functions read and write.
 */
public class CreateTables implements LabStep {

    static final String CONNECTION_INDEX = "connectionId-index";

    public static void main(String[] args) {
        StepRunner.main(new CreateTables(), args);
    }

    @Override
    public int number() {
        return 7;
    }

    @Override
    public Text title() {
        return Text.of("The chat's DynamoDB tables", "채팅용 DynamoDB 테이블");
    }

    @Override
    public void run(Lab lab) {
        DynamoDbClient dynamo = lab.client(DynamoDbClient.builder());
        Names names = lab.names();
        List<Tag> tags = names.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        for (CreateTableRequest table : List.of(messagesTable(names.messagesTable()), usersTable(names.usersTable()))) {
            if (describe(dynamo, table.tableName()) != null) {
                lab.say(Text.of("Table %s exists: keeping it.", "테이블 %s 이(가) 이미 있어 그대로 씁니다."), table.tableName());
                continue;
            }
            dynamo.createTable(table.toBuilder().tags(tags).build());
            lab.waitFor(Text.of("table " + table.tableName() + " to be ACTIVE", "테이블 " + table.tableName() + " 이(가) ACTIVE 가 되기"),
                    () -> dynamo.waiter().waitUntilTableExists(b -> b.tableName(table.tableName())));
            lab.done(Text.of("Created table %s (on-demand)", "테이블 %s 을(를) 만들었습니다 (온디맨드)"), table.tableName());
        }
    }

    /**
     * ChatMessages: one item per message. The partition key groups a room's messages; the sort
     * key "<13-digit epoch millis>#<messageId>" orders them in time and keeps two messages of
     * the same millisecond apart.
     */
    static CreateTableRequest messagesTable(String name) {
        // TODO(step7): Describe the messages table: partition key "roomId" (a string), sort key
        //   "sortKey" (a string), on-demand capacity (BillingMode PAY_PER_REQUEST). Every key
        //   attribute needs an AttributeDefinition, and no other attribute may have one.
        // BEGIN SOLUTION
        return CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(
                        attribute("roomId"),
                        attribute("sortKey"))
                .keySchema(
                        key("roomId", KeyType.HASH),
                        key("sortKey", KeyType.RANGE))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
        // END SOLUTION
    }

    /**
     * ChatUsers: one item per open connection, keyed by room (to send to everyone in it). A
     * disconnect only knows its connectionId, hence the global secondary index on it.
     */
    static CreateTableRequest usersTable(String name) {
        // TODO(step7): Describe the users table: partition key "roomId", sort key "connectionId"
        //   (strings), on-demand, and a global secondary index named CONNECTION_INDEX whose
        //   partition key is "connectionId", projecting the keys only (ProjectionType KEYS_ONLY).
        // BEGIN SOLUTION
        return CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(
                        attribute("roomId"),
                        attribute("connectionId"))
                .keySchema(
                        key("roomId", KeyType.HASH),
                        key("connectionId", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(CONNECTION_INDEX)
                        .keySchema(key("connectionId", KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
        // END SOLUTION
    }

    static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static TableDescription describe(DynamoDbClient dynamo, String table) {
        try {
            return dynamo.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    @Override
    public void check(Lab lab, Checks checks) {
        DynamoDbClient dynamo = lab.client(DynamoDbClient.builder());
        Names names = lab.names();
        Text runStep7 = Text.of("Run ./lab step 7, or DynamoDB → Tables → Create table.", "./lab step 7 을 실행하거나 DynamoDB → 테이블 → 테이블 생성.");
        TableDescription messages = describe(dynamo, names.messagesTable());
        TableDescription users = describe(dynamo, names.usersTable());
        checks.check(Text.of("%s is ACTIVE with keys roomId (HASH, S) + sortKey (RANGE, S)", "%s 이(가) ACTIVE 이고 키는 roomId (파티션, S) + sortKey (정렬, S)").with(names.messagesTable()),
                () -> messages == null ? Outcome.fail(runStep7) : Outcome.when(messages.tableStatus() == TableStatus.ACTIVE
                        && keys(messages).equals("roomId:HASH:S,sortKey:RANGE:S"), Text.of(
                                "Found keys " + keys(messages) + ". Keys (and their types) cannot change: delete the table and create it again.",
                                "키가 " + keys(messages) + " 입니다. 키(와 그 타입)는 바꿀 수 없으니 테이블을 지우고 다시 만드세요.")));
        checks.check(Text.of("%s is ACTIVE with keys roomId (HASH, S) + connectionId (RANGE, S)", "%s 이(가) ACTIVE 이고 키는 roomId (파티션, S) + connectionId (정렬, S)").with(names.usersTable()),
                () -> users == null ? Outcome.fail(runStep7) : Outcome.when(users.tableStatus() == TableStatus.ACTIVE
                        && keys(users).equals("roomId:HASH:S,connectionId:RANGE:S"), Text.of(
                                "Found keys " + keys(users) + ". Keys (and their types) cannot change: delete the table and create it again.",
                                "키가 " + keys(users) + " 입니다. 키(와 그 타입)는 바꿀 수 없으니 테이블을 지우고 다시 만드세요.")));
        checks.check(Text.of("%s has the GSI %s on connectionId", "%s 에 connectionId 로 된 GSI %s 이(가) 있음").with(names.usersTable(), CONNECTION_INDEX), () -> {
            GlobalSecondaryIndexDescription index = users == null || !users.hasGlobalSecondaryIndexes() ? null
                    : users.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(CONNECTION_INDEX)).findFirst().orElse(null);
            return Outcome.when(index != null && keys(index.keySchema()).equals("connectionId:HASH"), Text.of(
                    "Add a global secondary index " + CONNECTION_INDEX + " with partition key connectionId: $disconnect only knows the connection.",
                    "파티션 키가 connectionId 인 글로벌 보조 인덱스 " + CONNECTION_INDEX + " 를 추가하세요: $disconnect 는 연결 ID 만 압니다."));
        });
        checks.check(Text.of("both tables are on-demand (PAY_PER_REQUEST)", "두 테이블 모두 온디맨드 (PAY_PER_REQUEST)"), () -> Outcome.when(
                onDemand(messages) && onDemand(users), Text.of("Capacity mode: choose On-demand (no capacity to plan, no cost while idle).",
                        "용량 모드: 온디맨드를 고르세요 (용량 계획이 필요 없고, 쓰지 않으면 비용도 없습니다).")));
        checks.check(Text.of("a message can be written and read back in order", "메시지를 쓰고 순서대로 다시 읽을 수 있음"), () -> {
            if (messages == null) {
                return Outcome.fail(runStep7);
            }
            String room = "__check__";
            String sortKey = String.format("%013d#check", System.currentTimeMillis());
            dynamo.putItem(b -> b.tableName(names.messagesTable()).item(Map.of("roomId", s(room), "sortKey", s(sortKey), "text", s("hi"))));
            var newest = dynamo.query(b -> b.tableName(names.messagesTable()).keyConditionExpression("roomId = :r")
                    .expressionAttributeValues(Map.of(":r", s(room))).scanIndexForward(false).limit(1).consistentRead(true)).items();
            dynamo.deleteItem(b -> b.tableName(names.messagesTable()).key(Map.of("roomId", s(room), "sortKey", s(sortKey))));
            return Outcome.when(!newest.isEmpty() && newest.get(0).get("sortKey").s().equals(sortKey),
                    Text.of("The newest message of the room did not come back first.", "방의 최신 메시지가 먼저 돌아오지 않았습니다."));
        });
    }

    static boolean onDemand(TableDescription table) {
        return table != null && table.billingModeSummary() != null && table.billingModeSummary().billingMode() == BillingMode.PAY_PER_REQUEST;
    }

    static String keys(List<KeySchemaElement> schema) {
        return String.join(",", schema.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList());
    }

    /** A table's keys with their attribute types, e.g. "roomId:HASH:S,sortKey:RANGE:S": a number sort key would sort differently. */
    static String keys(TableDescription table) {
        return String.join(",", table.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString() + ":"
                + table.attributeDefinitions().stream().filter(d -> d.attributeName().equals(k.attributeName()))
                        .map(d -> d.attributeTypeAsString()).findFirst().orElse("?")).toList());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
