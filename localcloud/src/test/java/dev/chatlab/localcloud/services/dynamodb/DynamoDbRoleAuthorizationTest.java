package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.services.iam.model.SessionCredentials;
import dev.chatlab.localcloud.testing.TestCloud;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Calls made with a Lambda execution role's credentials are held to the role's policies, as
 * AWS evaluates them: the table ARN, and "{table}/index/{name}" for an index query.
 */
class DynamoDbRoleAuthorizationTest {

    static TestCloud cloud;
    static DynamoDbClient asFunction;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        try (IamClient iam = cloud.client(IamClient.builder()).build(); DynamoDbClient admin = cloud.client(DynamoDbClient.builder()).build()) {
            admin.createTable(b -> b.tableName("ChatUsers").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("roomId").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("connectionId").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH), k -> k.attributeName("connectionId").keyType(KeyType.RANGE))
                    .globalSecondaryIndexes(g -> g.indexName("connectionId-index").keySchema(k -> k.attributeName("connectionId").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
            // a table is CREATING for a moment (writes to it are ResourceNotFound, as on AWS)
            admin.waiter().waitUntilTableExists(b -> b.tableName("ChatUsers"),
                    o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(50))));
            iam.createRole(b -> b.roleName("fn-role").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
            // PutItem and Query on the table, but not on its indexes (no "/index/*").
            iam.putRolePolicy(b -> b.roleName("fn-role").policyName("table-only").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:PutItem\",\"dynamodb:Query\"],"
                            + "\"Resource\":\"arn:aws:dynamodb:ap-northeast-2:000000000000:table/ChatUsers\"}]}"));
        }
        SessionCredentials role = cloud.cloud().services().sts().credentialsForServicePrincipal(
                "arn:aws:iam::000000000000:role/fn-role", "lambda.amazonaws.com", "chat-connect");
        asFunction = cloud.client(DynamoDbClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        role.accessKeyId(), role.secretAccessKey(), role.sessionToken())))
                .build();
    }

    @AfterAll
    static void stop() {
        asFunction.close();
        cloud.close();
    }

    @Test
    void putItem_allowedByTheRolesPolicy_succeeds() {
        asFunction.putItem(b -> b.tableName("ChatUsers").item(Map.of("roomId", AttributeValue.fromS("r"), "connectionId", AttributeValue.fromS("c"))));

        // Query is allowed on the table too: the item the role wrote is there.
        assertEquals(1, asFunction.query(b -> b.tableName("ChatUsers").keyConditionExpression("roomId = :r")
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS("r")))).count());
    }

    @Test
    void deleteItem_notInTheRolesPolicy_isAccessDeniedNamingTheAssumedRoleAndTheTable() {
        DynamoDbException denied = assertThrows(DynamoDbException.class, () -> asFunction.deleteItem(b -> b.tableName("ChatUsers")
                .key(Map.of("roomId", AttributeValue.fromS("r"), "connectionId", AttributeValue.fromS("c")))));
        assertEquals(403, denied.statusCode());
        assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
        assertTrue(denied.getMessage().contains("User: arn:aws:sts::000000000000:assumed-role/fn-role/chat-connect is not authorized to perform: "
                + "dynamodb:DeleteItem on resource: arn:aws:dynamodb:ap-northeast-2:000000000000:table/ChatUsers"), denied.getMessage());
    }

    @Test
    void queryOfAnIndex_needsTheIndexArn_notJustTheTables() {
        DynamoDbException denied = assertThrows(DynamoDbException.class, () -> asFunction.query(b -> b.tableName("ChatUsers")
                .indexName("connectionId-index").keyConditionExpression("connectionId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("c")))));
        assertTrue(denied.getMessage().contains("table/ChatUsers/index/connectionId-index"), denied.getMessage());
    }
}
