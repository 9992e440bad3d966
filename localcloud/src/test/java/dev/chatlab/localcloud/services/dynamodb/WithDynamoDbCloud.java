package dev.chatlab.localcloud.services.dynamodb;

import dev.chatlab.localcloud.testing.TestCloud;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** One cloud and one low-level client per test class, and the tables the tests use. */
abstract class WithDynamoDbCloud {

    private static final AtomicInteger TABLE_NUMBER = new AtomicInteger();

    static TestCloud cloud;
    static DynamoDbClient dynamo;
    static DynamoDbWaiter waiter;

    @BeforeAll
    static void startCloud() {
        cloud = TestCloud.start();
        dynamo = cloud.client(DynamoDbClient.builder()).build();
        // the SDK's default waiter polls every 20 s (as AWS tables take seconds); tests poll faster
        waiter = DynamoDbWaiter.builder().client(dynamo)
                .overrideConfiguration(c -> c.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(50))))
                .build();
    }

    @AfterAll
    static void stopCloud() {
        dynamo.close();
        cloud.close();
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + TABLE_NUMBER.incrementAndGet();
    }

    /** An on-demand table with a string partition key and an optional string sort key, waited for. */
    static String createTable(String prefix, String hashKey, String rangeKey) {
        String name = uniqueName(prefix);
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
        if (rangeKey == null) {
            request.keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(hashKey).attributeType(ScalarAttributeType.S).build());
        } else {
            request.keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(hashKey).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(rangeKey).attributeType(ScalarAttributeType.S).build());
        }
        dynamo.createTable(request.build());
        waiter.waitUntilTableExists(b -> b.tableName(name));
        return name;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    static AttributeValue l(AttributeValue... values) {
        return AttributeValue.fromL(Arrays.asList(values));
    }

    static AttributeValue ss(String... values) {
        return AttributeValue.fromSs(List.of(values));
    }

    static AttributeValue ns(String... values) {
        return AttributeValue.fromNs(List.of(values));
    }

    /** An item from alternating names and values. */
    static Map<String, AttributeValue> item(Object... namesAndValues) {
        Map<String, AttributeValue> item = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return item;
    }
}
