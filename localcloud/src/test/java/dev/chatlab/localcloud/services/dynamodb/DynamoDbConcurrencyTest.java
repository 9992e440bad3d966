package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Many writers at once: no update is lost, and a condition is atomic with its write. */
class DynamoDbConcurrencyTest extends WithDynamoDbCloud {

    private static final int THREADS = 8;
    private static final int INCREMENTS = 40;

    @Test
    void conditionalIncrements_fromManyThreads_loseNoUpdate() throws Exception {
        String table = createTable("counter", "id", null);
        dynamo.putItem(b -> b.tableName(table).item(item("id", s("c"), "value", n("0"))));
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < INCREMENTS; i++) {
                    // optimistic read-modify-write: only succeeds if nobody wrote in between
                    while (true) {
                        String current = dynamo.getItem(b -> b.tableName(table).key(item("id", s("c"))).consistentRead(true)).item().get("value").n();
                        String next = Long.toString(Long.parseLong(current) + 1);
                        try {
                            dynamo.updateItem(b -> b.tableName(table).key(item("id", s("c"))).updateExpression("SET #v = :next")
                                    .conditionExpression("#v = :current").expressionAttributeNames(Map.of("#v", "value"))
                                    .expressionAttributeValues(Map.of(":next", n(next), ":current", n(current))));
                            break;
                        } catch (ConditionalCheckFailedException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        AttributeValue value = dynamo.getItem(b -> b.tableName(table).key(item("id", s("c"))).consistentRead(true)).item().get("value");
        assertEquals(Integer.toString(THREADS * INCREMENTS), value.n(), "every increment counted (conflicts retried: " + conflicts + ")");
    }

    @Test
    void atomicAdds_andPutIfAbsent_fromManyThreads() throws Exception {
        String table = createTable("adds", "id", null);
        AtomicInteger winners = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < INCREMENTS; i++) {
                    dynamo.updateItem(b -> b.tableName(table).key(item("id", s("sum"))).updateExpression("ADD total1 :one")
                            .expressionAttributeValues(Map.of(":one", n("1"))).returnValues(ReturnValue.UPDATED_NEW));
                }
                try {
                    dynamo.putItem(b -> b.tableName(table).item(item("id", s("once"))).conditionExpression("attribute_not_exists(id)"));
                    winners.incrementAndGet();
                } catch (ConditionalCheckFailedException e) {
                    // someone else was first: exactly what the condition is for
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(Integer.toString(THREADS * INCREMENTS),
                dynamo.getItem(b -> b.tableName(table).key(item("id", s("sum")))).item().get("total1").n());
        assertEquals(1, winners.get(), "exactly one put-if-absent won");
    }
}
