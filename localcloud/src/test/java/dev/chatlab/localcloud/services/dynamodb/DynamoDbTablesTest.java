package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class DynamoDbTablesTest extends WithDynamoDbCloud {

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    /** The ChatUsers table of the lab's protocol: roomId + connectionId, GSI on connectionId. */
    private static CreateTableRequest chatUsers(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(hash("roomId"), range("connectionId"))
                .attributeDefinitions(attr("roomId", ScalarAttributeType.S), attr("connectionId", ScalarAttributeType.S))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("connectionId-index")
                        .keySchema(hash("connectionId")).projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .tags(Tag.builder().key("lab").value("chat").build())
                .build();
    }

    @Test
    void createTable_answersCreating_andTheWaiterSeesItActive() {
        String name = uniqueName("users");
        CreateTableResponse created = dynamo.createTable(chatUsers(name));
        assertEquals(TableStatus.CREATING, created.tableDescription().tableStatus());
        assertEquals(IndexStatus.CREATING, created.tableDescription().globalSecondaryIndexes().get(0).indexStatus());
        waiter.waitUntilTableExists(b -> b.tableName(name));
        DescribeTableResponse described = dynamo.describeTable(b -> b.tableName(name));
        assertEquals(TableStatus.ACTIVE, described.table().tableStatus());
        assertEquals(BillingMode.PAY_PER_REQUEST, described.table().billingModeSummary().billingMode());
        assertEquals("arn:aws:dynamodb:ap-northeast-2:000000000000:table/" + name, described.table().tableArn());
        assertEquals(0L, described.table().itemCount());
        assertEquals(IndexStatus.ACTIVE, described.table().globalSecondaryIndexes().get(0).indexStatus());
        assertEquals("connectionId", described.table().globalSecondaryIndexes().get(0).keySchema().get(0).attributeName());
        assertNotNull(described.table().tableId());
    }

    @Test
    void createTable_twice_isResourceInUse() {
        String name = createTable("twice", "id", null);
        ResourceInUseException e = assertThrows(ResourceInUseException.class, () -> dynamo.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST).keySchema(hash("id")).attributeDefinitions(attr("id", ScalarAttributeType.S))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("Table already exists: " + name));
    }

    @Test
    void createTable_attributeDefinitionNotInAnyKey_isValidationException() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.createTable(b -> b.tableName(uniqueName("extra"))
                .billingMode(BillingMode.PAY_PER_REQUEST).keySchema(hash("id"))
                .attributeDefinitions(attr("id", ScalarAttributeType.S), attr("other", ScalarAttributeType.S))));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(e.getMessage().contains("Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"));
    }

    @Test
    void createTable_keyWithoutAttributeDefinition_isValidationException() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.createTable(b -> b.tableName(uniqueName("missing"))
                .billingMode(BillingMode.PAY_PER_REQUEST).keySchema(hash("id"), range("sk"))
                .attributeDefinitions(attr("id", ScalarAttributeType.S))));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(e.getMessage().contains("Some index key attributes are not defined in AttributeDefinitions"));
    }

    @Test
    void createTable_provisionedWithoutThroughput_isValidationException() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.createTable(b -> b.tableName(uniqueName("prov"))
                .keySchema(hash("id")).attributeDefinitions(attr("id", ScalarAttributeType.S))));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    }

    @Test
    void createTable_payPerRequestWithThroughput_isValidationException() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.createTable(b -> b.tableName(uniqueName("ppr"))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(1L).writeCapacityUnits(1L).build())
                .keySchema(hash("id")).attributeDefinitions(attr("id", ScalarAttributeType.S))));
        assertTrue(e.getMessage().contains("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"));
    }

    @Test
    void createTable_provisionedWithLsi_describesThroughputAndIndex() {
        String name = uniqueName("prov");
        dynamo.createTable(b -> b.tableName(name)
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(3L).build())
                .keySchema(hash("roomId"), range("sortKey"))
                .attributeDefinitions(attr("roomId", ScalarAttributeType.S), attr("sortKey", ScalarAttributeType.S), attr("sentAt", ScalarAttributeType.N))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("bySentAt").keySchema(hash("roomId"), range("sentAt"))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build()));
        waiter.waitUntilTableExists(b -> b.tableName(name));
        var table = dynamo.describeTable(b -> b.tableName(name)).table();
        assertEquals(5L, table.provisionedThroughput().readCapacityUnits());
        assertEquals(3L, table.provisionedThroughput().writeCapacityUnits());
        assertEquals("bySentAt", table.localSecondaryIndexes().get(0).indexName());
        assertEquals(ProjectionType.KEYS_ONLY, table.localSecondaryIndexes().get(0).projection().projectionType());
    }

    @Test
    void createTable_lsiOnTableWithoutSortKey_isValidationException() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.createTable(b -> b.tableName(uniqueName("lsi"))
                .billingMode(BillingMode.PAY_PER_REQUEST).keySchema(hash("id"))
                .attributeDefinitions(attr("id", ScalarAttributeType.S), attr("x", ScalarAttributeType.S))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byX").keySchema(hash("id"), range("x"))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())));
        assertTrue(e.getMessage().contains("Table KeySchema does not have a range key"));
    }

    @Test
    void createTable_badName_isValidationException() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.createTable(b -> b.tableName("a!")
                .billingMode(BillingMode.PAY_PER_REQUEST).keySchema(hash("id")).attributeDefinitions(attr("id", ScalarAttributeType.S))));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    }

    @Test
    void describeTable_unknown_isResourceNotFound() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> dynamo.describeTable(b -> b.tableName("nope-table")));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Requested resource not found"));
    }

    @Test
    void describeTable_countsItemsAndBytes() {
        String name = createTable("count", "id", null);
        dynamo.putItem(b -> b.tableName(name).item(item("id", s("a"), "text", s("hello"))));
        dynamo.putItem(b -> b.tableName(name).item(item("id", s("b"))));
        var table = dynamo.describeTable(b -> b.tableName(name)).table();
        assertEquals(2L, table.itemCount());
        assertTrue(table.tableSizeBytes() > 0);
    }

    @Test
    void listTables_paginatesWithLastEvaluatedTableName() {
        for (int i = 0; i < 3; i++) {
            createTable("page", "id", null);
        }
        List<String> all = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListTablesResponse page = dynamo.listTables(b -> b.limit(2).exclusiveStartTableName(from));
            assertTrue(page.tableNames().size() <= 2);
            all.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(null);
        assertEquals(sorted, all);
        assertTrue(all.size() >= 3);
        assertEquals(all, dynamo.listTablesPaginator().tableNames().stream().toList());
    }

    @Test
    void deleteTable_answersDeleting_andTheTableIsGone() {
        String name = createTable("delete", "id", null);
        dynamo.putItem(b -> b.tableName(name).item(item("id", s("a"))));
        DeleteTableResponse deleted = dynamo.deleteTable(b -> b.tableName(name));
        assertEquals(TableStatus.DELETING, deleted.tableDescription().tableStatus());
        waiter.waitUntilTableNotExists(b -> b.tableName(name));
        assertThrows(ResourceNotFoundException.class, () -> dynamo.getItem(b -> b.tableName(name).key(item("id", s("a")))));
        assertThrows(ResourceNotFoundException.class, () -> dynamo.deleteTable(b -> b.tableName(name)));
    }

    @Test
    void deleteTable_withDeletionProtection_isValidationException() {
        String name = uniqueName("protected");
        dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST).deletionProtectionEnabled(true)
                .keySchema(hash("id")).attributeDefinitions(attr("id", ScalarAttributeType.S)));
        waiter.waitUntilTableExists(b -> b.tableName(name));
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.deleteTable(b -> b.tableName(name)));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        dynamo.updateTable(b -> b.tableName(name).deletionProtectionEnabled(false));
        waiter.waitUntilTableExists(b -> b.tableName(name));
        dynamo.deleteTable(b -> b.tableName(name));
    }

    @Test
    void updateTable_switchesBillingMode_andAddsThenRemovesAGsi() throws Exception {
        String name = createTable("update", "id", null);
        dynamo.putItem(b -> b.tableName(name).item(item("id", s("1"), "email", s("a@b.c"))));
        var updated = dynamo.updateTable(b -> b.tableName(name).billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(2L).writeCapacityUnits(2L).build()));
        assertEquals(TableStatus.UPDATING, updated.tableDescription().tableStatus());
        waiter.waitUntilTableExists(b -> b.tableName(name));
        assertEquals(BillingMode.PROVISIONED, dynamo.describeTable(b -> b.tableName(name)).table().billingModeSummary().billingMode());
        var withIndex = dynamo.updateTable(b -> b.tableName(name)
                .attributeDefinitions(attr("email", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byEmail").keySchema(hash("email"))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L)))));
        assertEquals(IndexStatus.CREATING, withIndex.tableDescription().globalSecondaryIndexes().get(0).indexStatus());
        waiter.waitUntilTableExists(b -> b.tableName(name));
        var query = dynamo.query(b -> b.tableName(name).indexName("byEmail").keyConditionExpression("email = :e")
                .expressionAttributeValues(Map.of(":e", s("a@b.c"))));
        assertEquals(1, query.count(), "the new index was backfilled");
        dynamo.updateTable(b -> b.tableName(name).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byEmail"))));
        assertFalse(dynamo.describeTable(b -> b.tableName(name)).table().hasGlobalSecondaryIndexes());
    }

    @Test
    void updateTable_withNothingToChange_isValidationException() {
        String name = createTable("noop", "id", null);
        assertThrows(DynamoDbException.class, () -> dynamo.updateTable(b -> b.tableName(name)));
    }

    @Test
    void tags_canBeAddedListedAndRemoved() {
        String name = createTable("tags", "id", null);
        String arn = dynamo.describeTable(b -> b.tableName(name)).table().tableArn();
        dynamo.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("lab").value("chat").build(), Tag.builder().key("owner").value("me").build()));
        assertEquals(2, dynamo.listTagsOfResource(b -> b.resourceArn(arn)).tags().size());
        dynamo.untagResource(b -> b.resourceArn(arn).tagKeys("owner"));
        var tags = dynamo.listTagsOfResource(b -> b.resourceArn(arn)).tags();
        assertEquals(1, tags.size());
        assertEquals("lab", tags.get(0).key());
        assertThrows(ResourceNotFoundException.class, () -> dynamo.listTagsOfResource(b -> b.resourceArn(arn + "-nope")));
    }

    @Test
    void timeToLive_isDisabledThenEnabled_andExpiredItemsGo() throws Exception {
        String name = createTable("ttl", "id", null);
        assertEquals(TimeToLiveStatus.DISABLED, dynamo.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription().timeToLiveStatus());
        dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        var description = dynamo.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, description.timeToLiveStatus());
        assertEquals("expiresAt", description.attributeName());
        assertThrows(DynamoDbException.class, () -> dynamo.updateTimeToLive(b -> b.tableName(name)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt"))));
        long past = System.currentTimeMillis() / 1000 - 60;
        dynamo.putItem(b -> b.tableName(name).item(item("id", s("old"), "expiresAt", n(Long.toString(past)))));
        dynamo.putItem(b -> b.tableName(name).item(item("id", s("new"), "expiresAt", n(Long.toString(past + 3600)))));
        Eventually.await("the expired item deleted by the TTL sweep", Duration.ofSeconds(15),
                () -> !dynamo.getItem(b -> b.tableName(name).key(item("id", s("old")))).hasItem());
        assertTrue(dynamo.getItem(b -> b.tableName(name).key(item("id", s("new")))).hasItem());
    }

    @Test
    void tableDescriptions_haveTheMembersAwsAnswersWith_forEachOperation() {
        String onDemand = uniqueName("shapes");
        var created = dynamo.createTable(chatUsers(onDemand)).tableDescription();
        assertEquals(BillingMode.PAY_PER_REQUEST, created.billingModeSummary().billingMode());
        assertNull(created.billingModeSummary().lastUpdateToPayPerRequestDateTime(), "CreateTable names the billing mode only");
        assertEquals(0L, created.provisionedThroughput().readCapacityUnits(), "on-demand: zeros");
        assertEquals(0L, created.provisionedThroughput().numberOfDecreasesToday());
        assertEquals(Boolean.FALSE, created.deletionProtectionEnabled());
        assertNotNull(created.tableId());
        assertEquals(0L, created.itemCount());
        assertNull(created.globalSecondaryIndexes().get(0).backfilling(), "an index created with its table does not backfill");
        assertEquals(0L, created.globalSecondaryIndexes().get(0).provisionedThroughput().readCapacityUnits());
        waiter.waitUntilTableExists(b -> b.tableName(onDemand));
        assertNotNull(dynamo.describeTable(b -> b.tableName(onDemand)).table().billingModeSummary().lastUpdateToPayPerRequestDateTime(),
                "DescribeTable says since when it is on-demand");

        String provisioned = uniqueName("shapes");
        var provisionedTable = dynamo.createTable(b -> b.tableName(provisioned).keySchema(hash("id"))
                .attributeDefinitions(attr("id", ScalarAttributeType.S), attr("email", ScalarAttributeType.S))
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                .globalSecondaryIndexes(g -> g.indexName("byEmail").keySchema(hash("email")).projection(p -> p.projectionType(ProjectionType.ALL))
                        .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L)))).tableDescription();
        assertNull(provisionedTable.billingModeSummary(), "a table that was never on-demand has no BillingModeSummary");
        assertEquals(5L, provisionedTable.provisionedThroughput().readCapacityUnits());
        waiter.waitUntilTableExists(b -> b.tableName(provisioned));
        assertNull(dynamo.describeTable(b -> b.tableName(provisioned)).table().billingModeSummary());

        dynamo.putItem(b -> b.tableName(provisioned).item(item("id", s("1"), "name", s("ann"))));
        var updated = dynamo.updateTable(b -> b.tableName(provisioned).attributeDefinitions(attr("name", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byName").keySchema(hash("name"))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))))).tableDescription();
        var added = updated.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals("byName")).findFirst().orElseThrow();
        assertEquals(IndexStatus.CREATING, added.indexStatus());
        assertEquals(Boolean.FALSE, added.backfilling(), "UpdateTable answers before the backfill starts");
        waiter.waitUntilTableExists(b -> b.tableName(provisioned));

        var deleted = dynamo.deleteTable(b -> b.tableName(provisioned)).tableDescription();
        assertEquals(TableStatus.DELETING, deleted.tableStatus());
        assertEquals(provisioned, deleted.tableName());
        assertNotNull(deleted.tableArn());
        assertNotNull(deleted.tableId());
        assertEquals(1L, deleted.itemCount());
        assertEquals(5L, deleted.provisionedThroughput().readCapacityUnits());
        assertEquals(Boolean.FALSE, deleted.deletionProtectionEnabled());
        assertFalse(deleted.hasKeySchema() || deleted.hasAttributeDefinitions() || deleted.hasGlobalSecondaryIndexes(),
                "DeleteTable's answer has no schema or indexes");
        assertNull(deleted.creationDateTime());
    }
}
