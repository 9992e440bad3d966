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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
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
    /**
     * What PROTOCOL.md fixes, in the words of {@link #keys(TableDescription)}: the check compares
     * with these, not with the student's request.
     */
    static final String MESSAGES_KEYS = "roomId (HASH, S) + sortKey (RANGE, S)";
    static final String USERS_KEYS = "roomId (HASH, S) + connectionId (RANGE, S)";
    static final String INDEX_KEYS = "connectionId (HASH, S)";
    static final Text RUN_STEP_7 = Text.of("Run ./lab step 7, or DynamoDB → Tables → Create table.",
            "./lab step 7을 실행하거나 DynamoDB → 테이블 → 테이블 생성.");

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
        List<Tag> tags = names.tags().entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        // Both requests first: a TODO left in either stops the run before any table exists.
        List<CreateTableRequest> tables = List.of(messagesTable(names.messagesTable()), usersTable(names.usersTable()));
        // The new tables are waited for after both are created: DynamoDB readies them at the same time.
        List<String> created = new ArrayList<>();
        for (CreateTableRequest table : tables) {
            TableDescription existing = describe(dynamo, table.tableName());
            if (existing != null && existing.tableStatus() == TableStatus.DELETING) {
                // A teardown moments ago: the name is free again once the table is gone.
                waitUntilDeleted(lab, dynamo, table.tableName());
                existing = null;
            }
            if (existing == null) {
                dynamo.createTable(table.toBuilder().tags(tags).build());
                created.add(table.tableName());
            } else if (!keys(existing).equals(keys(table))) {
                lab.console().failure(Text.of("Table %s exists with keys %s, not %s: keys cannot change.",
                        "테이블 %s: 지금 키는 %s, 만들 키는 %s. 키는 바꿀 수 없습니다."),
                        table.tableName(), keys(existing), keys(table));
                lab.console().hint(deleteTableHint(table.tableName()).in(lab.lang()));
            } else {
                repair(lab, dynamo, table, existing);
                lab.done(Text.of("Table %s: %s", "테이블 %s: %s"), table.tableName(),
                        describeInWords(describe(dynamo, table.tableName())).in(lab.lang()));
            }
        }
        for (String table : created) {
            waitUntilActive(lab, dynamo, table);
            lab.done(Text.of("Created table %s: %s", "테이블 %s 생성: %s"), table,
                    describeInWords(describe(dynamo, table)).in(lab.lang()));
        }
    }

    /**
     * Makes an existing table with the right keys what the request describes: what AWS can
     * change in place (the capacity mode, a global secondary index) is changed, one UpdateTable
     * at a time, as DynamoDB requires.
     */
    static void repair(Lab lab, DynamoDbClient dynamo, CreateTableRequest wanted, TableDescription existing) {
        String table = wanted.tableName();
        if (existing.tableStatus() != TableStatus.ACTIVE) {
            waitUntilActive(lab, dynamo, table);
        }
        if (billingMode(existing) != billingMode(wanted)) {
            dynamo.updateTable(b -> b.tableName(table).billingMode(billingMode(wanted))
                    .provisionedThroughput(wanted.provisionedThroughput()));
            lab.say(Text.of("Table %s: capacity mode %s → %s (UpdateTable).", "테이블 %s: 용량 모드 %s → %s (UpdateTable)."),
                    table, billingMode(existing), billingMode(wanted));
            waitUntilActive(lab, dynamo, table);
        }
        for (GlobalSecondaryIndex index : wanted.globalSecondaryIndexes()) {
            GlobalSecondaryIndexDescription found = index(describe(dynamo, table), index.indexName());
            if (found != null && indexInWords(found).equals(indexInWords(index))) {
                continue;
            }
            if (found != null) {
                // Neither an index's key nor its projection can change: it is rebuilt.
                lab.say(Text.of("Index %s is %s, not %s: deleting it to build it again.",
                        "인덱스 %s: 지금은 %s, 만들 것은 %s. 지우고 다시 만듭니다."),
                        index.indexName(), indexInWords(found), indexInWords(index));
                dynamo.updateTable(b -> b.tableName(table).globalSecondaryIndexUpdates(
                        GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName(index.indexName())).build()));
                waitForIndex(lab, dynamo, table, index.indexName(), false);
            } else {
                lab.say(Text.of("Table %s has no index %s: adding it (UpdateTable).",
                        "테이블 %s: 인덱스 %s 없음, 추가합니다 (UpdateTable)."), table, index.indexName());
            }
            dynamo.updateTable(b -> b.tableName(table).attributeDefinitions(wanted.attributeDefinitions())
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(createAction(index))
                            .build()));
            waitForIndex(lab, dynamo, table, index.indexName(), true);
        }
    }

    /**
     * The index of a CreateTable request as UpdateTable's action that adds it. The SDK has no
     * conversion, but the two shapes name their members alike: the action takes each of its
     * members from the index's member of that name, so none is forgotten (DynamoDB's later ones,
     * such as OnDemandThroughput and WarmThroughput, included).
     */
    static CreateGlobalSecondaryIndexAction createAction(GlobalSecondaryIndex index) {
        CreateGlobalSecondaryIndexAction.Builder action = CreateGlobalSecondaryIndexAction.builder();
        action.sdkFields().forEach(member -> index.getValueForField(member.memberName(), Object.class)
                .ifPresent(value -> member.set(action, value)));
        return action.build();
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
        // TODO-ko: 메시지 테이블을 정의하세요: 파티션 키 "roomId"(문자열), 정렬 키 "sortKey"(문자열),
        //   온디맨드 용량(BillingMode PAY_PER_REQUEST). 키 속성마다 AttributeDefinition이 필요하고, 다른
        //   속성에는 있으면 안 됩니다.
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
        // TODO-ko: 사용자 테이블을 정의하세요: 파티션 키 "roomId", 정렬 키 "connectionId"(문자열), 온디맨드,
        //   그리고 파티션 키가 "connectionId"이고 키만 프로젝션하는(ProjectionType KEYS_ONLY) 글로벌 보조
        //   인덱스 CONNECTION_INDEX.
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

    static void waitUntilActive(Lab lab, DynamoDbClient dynamo, String table) {
        lab.waitFor(Text.of("table " + table + " to be ACTIVE", "테이블 " + table + " ACTIVE 대기"),
                () -> dynamo.waiter().waitUntilTableExists(b -> b.tableName(table), lab.polling()));
    }

    static void waitUntilDeleted(Lab lab, DynamoDbClient dynamo, String table) {
        lab.waitFor(Text.of("table " + table + " to be deleted", "테이블 " + table + " 삭제 대기"),
                () -> dynamo.waiter().waitUntilTableNotExists(b -> b.tableName(table), lab.polling()));
    }

    /**
     * Waits until an index is ACTIVE ({@code present}) or gone. The SDK has no waiter for an
     * index, so this is one built from the SDK's parts: DescribeTable until the index says so.
     */
    static void waitForIndex(Lab lab, DynamoDbClient dynamo, String table, String index, boolean present) {
        Waiter<TableDescription> waiter = Waiter.builder(TableDescription.class)
                .addAcceptor(WaiterAcceptor.<TableDescription>successOnResponseAcceptor(t -> present
                        ? index(t, index) != null && index(t, index).indexStatus() == IndexStatus.ACTIVE
                        : index(t, index) == null))
                .addAcceptor(WaiterAcceptor.<TableDescription>retryOnResponseAcceptor(t -> true))
                .overrideConfiguration(lab.polling())
                .build();
        lab.waitFor(present ? Text.of("index " + index + " to be ACTIVE", "인덱스 " + index + " ACTIVE 대기")
                        : Text.of("index " + index + " to be deleted", "인덱스 " + index + " 삭제 대기"),
                () -> waiter.run(() -> describe(dynamo, table)));
    }

    static GlobalSecondaryIndexDescription index(TableDescription table, String name) {
        return table == null || !table.hasGlobalSecondaryIndexes() ? null
                : table.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(name)).findFirst()
                .orElse(null);
    }

    /** AWS leaves BillingModeSummary out for a table that was always provisioned. */
    static BillingMode billingMode(TableDescription table) {
        return table.billingModeSummary() == null ? BillingMode.PROVISIONED : table.billingModeSummary().billingMode();
    }

    static BillingMode billingMode(CreateTableRequest request) {
        return request.billingMode() == null ? BillingMode.PROVISIONED : request.billingMode();
    }

    /**
     * A table's keys with their attribute types, "roomId (HASH, S) + sortKey (RANGE, S)": a number
     * sort key would sort differently.
     */
    static String keys(TableDescription table) {
        return keys(table.keySchema(), table.attributeDefinitions());
    }

    static String keys(CreateTableRequest request) {
        return keys(request.keySchema(), request.attributeDefinitions());
    }

    static String keys(List<KeySchemaElement> schema, List<AttributeDefinition> definitions) {
        return String.join(" + ", schema.stream().map(k -> k.attributeName() + " (" + k.keyTypeAsString() + ", "
                + definitions.stream().filter(d -> d.attributeName().equals(k.attributeName()))
                        .map(AttributeDefinition::attributeTypeAsString).findFirst().orElse("?") + ")").toList());
    }

    /** "connectionId (HASH), KEYS_ONLY": what an index is keyed on and what it copies. */
    static String indexInWords(List<KeySchemaElement> schema, Projection projection) {
        String keys = String.join(" + ", schema.stream().map(k -> k.attributeName() + " (" + k.keyTypeAsString() + ")")
                .toList());
        String copied = projection == null ? "?" : projection.projectionTypeAsString()
                + (projection.hasNonKeyAttributes() ? " " + projection.nonKeyAttributes() : "");
        return keys + ", " + copied;
    }

    static String indexInWords(GlobalSecondaryIndexDescription index) {
        return indexInWords(index.keySchema(), index.projection());
    }

    static String indexInWords(GlobalSecondaryIndex index) {
        return indexInWords(index.keySchema(), index.projection());
    }

    /** What the run prints, read back from DescribeTable. */
    static Text describeInWords(TableDescription table) {
        List<GlobalSecondaryIndexDescription> indexes = table.hasGlobalSecondaryIndexes()
                ? table.globalSecondaryIndexes() : List.of();
        String en = indexes.stream()
                .map(i -> ", index " + i.indexName() + " on " + indexInWords(i) + " (" + i.indexStatusAsString() + ")")
                .collect(Collectors.joining());
        String ko = indexes.stream()
                .map(i -> ", 인덱스 " + i.indexName() + ": " + indexInWords(i) + " (" + i.indexStatusAsString() + ")")
                .collect(Collectors.joining());
        String common = keys(table) + ", " + billingMode(table);
        return Text.of("keys " + common + en + ", " + table.tableStatusAsString(), "키 " + common + ko + ", "
                + table.tableStatusAsString());
    }

    /** What to do when a table's keys are wrong: AWS cannot change them, so the table goes. */
    static Text deleteTableHint(String table) {
        return Text.of("Keys and their types never change after CreateTable. Delete the table (console: DynamoDB → "
                + "Tables → select "
                        + table + " → Delete; CLI: aws dynamodb delete-table --table-name " + table
                        + "), then run ./lab step 7 again.",
                "키와 키의 타입은 CreateTable 뒤에 바꿀 수 없습니다. 테이블을 지운 뒤 (콘솔: DynamoDB → 테이블 → " + table
                        + " 선택 → 삭제, CLI: aws dynamodb delete-table --table-name " + table
                        + ") ./lab step 7을 다시 실행하세요.");
    }

    @Override
    public void check(Lab lab, Checks checks) {
        DynamoDbClient dynamo = lab.client(DynamoDbClient.builder());
        Names names = lab.names();
        TableDescription messages = describe(dynamo, names.messagesTable());
        TableDescription users = describe(dynamo, names.usersTable());
        GlobalSecondaryIndexDescription index = index(users, CONNECTION_INDEX);
        checks.check(Texts.ACTIVE_WITH_KEYS.with(names.messagesTable(), MESSAGES_KEYS),
                () -> tableOutcome(names.messagesTable(), messages, MESSAGES_KEYS));
        checks.check(Texts.ACTIVE_WITH_KEYS.with(names.usersTable(), USERS_KEYS),
                () -> tableOutcome(names.usersTable(), users, USERS_KEYS));
        checks.check(Texts.INDEX_ACTIVE.with(names.usersTable(), CONNECTION_INDEX), () -> indexOutcome(users, index));
        checks.check(Texts.KEYS_ONLY.with(CONNECTION_INDEX), () -> projectionOutcome(names.usersTable(), index));
        checks.check(Texts.ON_DEMAND, () -> billingOutcome(messages, users));
        checks.check(Texts.WRITTEN_AND_READ_BACK, () -> messages == null ? Outcome.fail(RUN_STEP_7)
                : Outcome.when(newestComesFirst(dynamo, names.messagesTable()), Texts.NOT_NEWEST_FIRST));
    }

    static Outcome tableOutcome(String name, TableDescription table, String expectedKeys) {
        if (table == null) {
            return Outcome.fail(RUN_STEP_7);
        }
        if (!keys(table).equals(expectedKeys)) {
            return Outcome.fail(Texts.foundKeys(keys(table), deleteTableHint(name)));
        }
        return Outcome.when(table.tableStatus() == TableStatus.ACTIVE,
                Texts.tableNotActive(table.tableStatusAsString()));
    }

    /** The index $disconnect queries: there, keyed on connectionId, and built. */
    static Outcome indexOutcome(TableDescription users, GlobalSecondaryIndexDescription index) {
        if (users == null) {
            return Outcome.fail(RUN_STEP_7);
        }
        if (index == null) {
            return Outcome.fail(Texts.noIndex(users.tableName()));
        }
        String keys = keys(index.keySchema(), users.attributeDefinitions());
        if (!keys.equals(INDEX_KEYS)) {
            return Outcome.fail(Texts.indexKeyedOn(keys, users.tableName(), deleteIndexCommand(users.tableName())));
        }
        return Outcome.when(index.indexStatus() == IndexStatus.ACTIVE,
                Texts.indexBuilding(index.indexStatusAsString()));
    }

    static Outcome projectionOutcome(String usersTable, GlobalSecondaryIndexDescription index) {
        if (index == null) {
            return Outcome.fail(Texts.NO_INDEX_SEE_ABOVE);
        }
        return Outcome.when(index.projection().projectionType() == ProjectionType.KEYS_ONLY,
                Texts.projects(index.projection().projectionTypeAsString(), deleteIndexCommand(usersTable)));
    }

    static Outcome billingOutcome(TableDescription messages, TableDescription users) {
        if (messages == null || users == null) {
            return Outcome.fail(RUN_STEP_7);
        }
        List<String> provisioned = Stream.of(messages, users)
                .filter(table -> billingMode(table) != BillingMode.PAY_PER_REQUEST)
                .map(TableDescription::tableName).toList();
        String commands = provisioned.stream()
                .map(t -> "aws dynamodb update-table --table-name " + t + " --billing-mode PAY_PER_REQUEST")
                .collect(Collectors.joining("; "));
        return Outcome.when(provisioned.isEmpty(), Texts.provisioned(provisioned, commands));
    }

    /**
     * Writes a message to a room of its own, asks for the room's newest one and deletes it again:
     * the sort key must order the messages in time.
     */
    static boolean newestComesFirst(DynamoDbClient dynamo, String messagesTable) {
        String room = "__check__";
        String sortKey = String.format("%013d#check", System.currentTimeMillis());
        dynamo.putItem(b -> b.tableName(messagesTable)
                .item(Map.of("roomId", s(room), "sortKey", s(sortKey), "text", s("hi"))));
        var newest = dynamo.query(b -> b.tableName(messagesTable).keyConditionExpression("roomId = :r")
                .expressionAttributeValues(Map.of(":r", s(room))).scanIndexForward(false).limit(1)
                .consistentRead(true)).items();
        dynamo.deleteItem(b -> b.tableName(messagesTable).key(Map.of("roomId", s(room), "sortKey", s(sortKey))));
        return !newest.isEmpty() && newest.get(0).get("sortKey").s().equals(sortKey);
    }

    static String deleteIndexCommand(String table) {
        return "aws dynamodb update-table --table-name " + table
                + " --global-secondary-index-updates '[{\"Delete\":{\"IndexName\":\"" + CONNECTION_INDEX + "\"}}]'";
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** What the checks say, in English and Korean: each check's name, then what it answers. */
    static final class Texts {

        static final Text ACTIVE_WITH_KEYS = Text.of("%s is ACTIVE with keys %s", "%s: ACTIVE, 키 %s");
        static final Text INDEX_ACTIVE = Text.of("%s has the GSI %s on connectionId, ACTIVE",
                "%s: connectionId로 찾는 GSI %s, ACTIVE");
        static final Text KEYS_ONLY = Text.of("%s projects the keys only (KEYS_ONLY)", "%s: 키만 프로젝션 (KEYS_ONLY)");
        static final Text ON_DEMAND = Text.of("both tables are on-demand (PAY_PER_REQUEST)",
                "두 테이블 모두 온디맨드 (PAY_PER_REQUEST)");
        static final Text WRITTEN_AND_READ_BACK = Text.of("a message can be written and read back in order",
                "메시지를 쓰고 순서대로 다시 읽을 수 있음");

        static final Text NOT_NEWEST_FIRST = Text.of("The newest message of the room did not come back first.",
                "방의 최신 메시지가 먼저 돌아오지 않았습니다.");
        static final Text NO_INDEX_SEE_ABOVE = Text.of("No index " + CONNECTION_INDEX + " (see above).",
                "인덱스 " + CONNECTION_INDEX + " 없음 (위 참고).");

        private Texts() {
        }

        static Text foundKeys(String keys, Text delete) {
            return Text.of("Found keys " + keys + ". " + delete.en(), "지금 키: " + keys + ". " + delete.ko());
        }

        static Text tableNotActive(String status) {
            return Text.of("The table is %s: wait until it is ACTIVE and check again.",
                    "테이블 상태: %s. ACTIVE가 된 뒤에 다시 확인하세요.").with(status);
        }

        static Text noIndex(String usersTable) {
            return Text.of("No index " + CONNECTION_INDEX
                            + ": $disconnect knows only the connection, and DynamoDB queries by partition key."
                            + " An index can be added to a live table: run ./lab step 7 again (it adds it with"
                            + " UpdateTable), or console: " + usersTable
                            + " → Indexes → Create index, partition key connectionId (String), name "
                            + CONNECTION_INDEX + ", projection Only keys.",
                    "인덱스 " + CONNECTION_INDEX + " 없음: $disconnect는 연결 ID만 알고, DynamoDB는 파티션 키로만 쿼리합니다."
                            + " 인덱스는 쓰고 있는 테이블에도 추가할 수 있습니다: ./lab step 7을 다시 실행하거나(UpdateTable로 추가),"
                            + " 콘솔: " + usersTable + " → 인덱스 → 인덱스 생성, 파티션 키 connectionId (문자열), 이름 "
                            + CONNECTION_INDEX + ", 프로젝션 키만.");
        }

        static Text indexKeyedOn(String keys, String usersTable, String deleteCommand) {
            return Text.of("The index is keyed on " + keys + ", not " + INDEX_KEYS
                            + ". An index's key cannot change: run ./lab step 7 again (it deletes the index and"
                            + " builds it again), or delete it by hand (console: " + usersTable
                            + " → Indexes → select → Delete; CLI: " + deleteCommand + ").",
                    "인덱스의 키: " + keys + ", 필요한 키: " + INDEX_KEYS + "."
                            + " 인덱스의 키는 바꿀 수 없습니다: ./lab step 7을 다시 실행하거나(인덱스를 지우고 다시 만듦) 직접 지우세요"
                            + " (콘솔: " + usersTable + " → 인덱스 → 선택 → 삭제, CLI: " + deleteCommand + ").");
        }

        static Text indexBuilding(String status) {
            return Text.of(
                    "The index is %s: DynamoDB is still building it (backfilling). Wait a minute and check again.",
                    "인덱스 상태: %s. DynamoDB가 아직 만드는 중(백필)입니다. 1분쯤 뒤에 다시 확인하세요.").with(status);
        }

        static Text projects(String projection, String deleteCommand) {
            return Text.of("The index projects " + projection
                            + ". $disconnect needs only roomId and connectionId (the keys) to delete the item;"
                            + " every other attribute copied into the index is stored (and billed) a second time,"
                            + " and nothing reads it there. A projection cannot change:"
                            + " run ./lab step 7 again (it rebuilds the index), or delete it (CLI: "
                            + deleteCommand + ") and create it with Only keys.",
                    "인덱스의 프로젝션: " + projection
                            + ". $disconnect가 항목을 지우는 데 필요한 것은 roomId와 connectionId(키)뿐입니다."
                            + " 인덱스에 복사되는 다른 속성은 한 번 더 저장되고 요금도 한 번 더 나오지만,"
                            + " 인덱스에서 그것을 읽는 곳은 없습니다. 프로젝션은 바꿀 수 없습니다:"
                            + " ./lab step 7을 다시 실행하거나(인덱스를 다시 만듦), 지운 뒤(CLI: "
                            + deleteCommand + ") 키만 프로젝션하도록 다시 만드세요.");
        }

        static Text provisioned(List<String> tables, String commands) {
            return Text.of("Provisioned: " + tables
                            + ". It bills reserved capacity every hour, used or not. The mode can change in place:"
                            + " run ./lab step 7 again, or console: the table → Additional settings → Read/write"
                            + " capacity → Edit → On-demand (CLI: " + commands + ").",
                    "프로비저닝 모드: " + tables + ". 쓰든 안 쓰든 예약한 용량만큼 시간마다 요금이 나옵니다."
                            + " 모드는 그 자리에서 바꿀 수 있습니다: ./lab step 7을 다시 실행하거나,"
                            + " 콘솔: 테이블 → 추가 설정 → 읽기/쓰기 용량 → 편집 → 온디맨드(CLI: " + commands + ").");
        }
    }
}
