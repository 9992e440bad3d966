package dev.chatlab.localcloud.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.ChildCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What localcloud acknowledged survives a crash, as on AWS, where a write is answered only
 * once it is durable: while PutItems, PutObjects, multipart uploads (UploadPart,
 * CompleteMultipartUpload), transactions and table creations and deletions run concurrently, the process is killed (SIGKILL: no shutdown hook, nothing
 * flushed), and a new process on the same data directory holds every acknowledged write.
 */
class KillNineDurabilityTest {

    private static final String TABLE = "Messages";
    private static final String BUCKET = "durable-objects";

    @TempDir
    Path temp;

    /** What the writers were told succeeded. */
    private final Set<String> putItems = ConcurrentHashMap.newKeySet();
    private final Set<String> putObjects = ConcurrentHashMap.newKeySet();
    /** Key to the upload and ETag of its acknowledged part. */
    private final Map<String, AcknowledgedPart> uploadedParts = new ConcurrentHashMap<>();
    private final Set<String> completedUploads = ConcurrentHashMap.newKeySet();
    private final Set<String> transactions = ConcurrentHashMap.newKeySet();
    private final Set<String> createdTables = ConcurrentHashMap.newKeySet();
    private final Set<String> deletedTables = ConcurrentHashMap.newKeySet();
    /** DeleteTable sent, acknowledged or not: one in flight at the kill may or may not be done. */
    private final Set<String> deletionsSent = ConcurrentHashMap.newKeySet();

    @Test
    void killNine_whileWriting_everyAcknowledgedWriteIsThereAfterRestart() throws Exception {
        Path data = temp.resolve("localcloud");
        try (ChildCloud first = ChildCloud.start(data)) {
            try (DynamoDbClient dynamo = first.client(DynamoDbClient.builder()).build();
                    S3Client s3 = first.client(S3Client.builder()).forcePathStyle(true).build()) {
                createTable(dynamo, TABLE);
                s3.createBucket(b -> b.bucket(BUCKET).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.AP_NORTHEAST_2)));
            }
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                writers.add(writer(first, "put-" + w, running, this::putItems));
            }
            writers.add(writer(first, "object", running, this::putObjects));
            writers.add(writer(first, "object2", running, this::putObjects));
            writers.add(writer(first, "multipart", running, this::multipartUploads));
            writers.add(writer(first, "tx", running, this::transactions));
            writers.add(writer(first, "table", running, this::tableChurn));
            writers.forEach(Thread::start);
            awaitLoad(Duration.ofSeconds(30));
            Thread.sleep(ThreadLocalRandom.current().nextInt(20));
            first.kill();
            running.set(false);
            for (Thread writer : writers) {
                writer.join(30_000);
            }
        }
        assertTrue(loadRan(), "the load ran: " + putItems.size() + " items, " + putObjects.size() + " objects, " + transactions.size()
                        + " transactions, " + createdTables.size() + " tables");

        try (ChildCloud second = ChildCloud.start(data);
                DynamoDbClient dynamo = second.client(DynamoDbClient.builder()).build();
                S3Client s3 = second.client(S3Client.builder()).forcePathStyle(true).build()) {
            assertEquals(200, health(second.endpoint()), "health after the restart");
            Set<String> items = dynamo.scanPaginator(b -> b.tableName(TABLE)).items().stream()
                    .map(item -> item.get("id").s()).collect(Collectors.toSet());
            assertMissing("PutItem", putItems, items);
            Set<String> transactionItems = transactions.stream()
                    .flatMap(tx -> Stream.of(tx + "-a", tx + "-b")).collect(Collectors.toSet());
            assertMissing("TransactWriteItems", transactionItems, items);
            Set<String> objects = s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                    .map(S3Object::key).collect(Collectors.toSet());
            assertMissing("PutObject", putObjects, objects);
            for (String key : putObjects) { // each body a file, synced before the answer: whole, not cut short
                assertEquals(objectBody(key), s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String(), key);
            }
            assertMultipartUploadsKept(s3);
            Set<String> tables = dynamo.listTablesPaginator().tableNames().stream().collect(Collectors.toSet());
            Set<String> createdAndKept = new HashSet<>(createdTables);
            createdAndKept.removeAll(deletionsSent);
            assertMissing("CreateTable", createdAndKept, tables);
            Set<String> undeleted = deletedTables.stream().filter(tables::contains).collect(Collectors.toSet());
            assertEquals(Set.of(), undeleted, "tables whose DeleteTable was acknowledged came back");
            // healthy: it takes new writes as before
            dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS("after-restart"))));
            assertEquals("after-restart", dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("id", AttributeValue.fromS("after-restart"))))
                    .item().get("id").s());
        }
    }

    /** Enough of every kind acknowledged: a fixed time would be too short on a loaded machine and long on a quiet one. */
    private boolean loadRan() {
        return putItems.size() >= 200 && putObjects.size() >= 40 && transactions.size() >= 20 && deletedTables.size() >= 3
                && completedUploads.size() >= 10;
    }

    private void awaitLoad(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!loadRan() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void assertMissing(String what, Set<String> acknowledged, Set<String> found) {
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(found);
        assertEquals(Set.of(), lost, lost.size() + " of " + acknowledged.size() + " acknowledged " + what + " lost");
    }

    /** One kind of write, repeated until the cloud is gone; n counts the writes of this thread. */
    private interface Work {
        void write(ChildCloud cloud, String name, int n, DynamoDbClient dynamo, S3Client s3);
    }

    private static Thread writer(ChildCloud cloud, String name, AtomicBoolean running, Work work) {
        return new Thread(() -> {
            try (DynamoDbClient dynamo = cloud.client(DynamoDbClient.builder()).build();
                    S3Client s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build()) {
                for (int n = 0; running.get(); n++) {
                    work.write(cloud, name, n, dynamo, s3);
                }
            } catch (RuntimeException killed) {
                // the cloud is gone: this write was not acknowledged
            }
        }, "writer-" + name);
    }

    private void putItems(ChildCloud cloud, String name, int n, DynamoDbClient dynamo, S3Client s3) {
        String id = name + "-" + n;
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS(id), "text", AttributeValue.fromS("hello " + n))));
        putItems.add(id);
    }

    private void putObjects(ChildCloud cloud, String name, int n, DynamoDbClient dynamo, S3Client s3) {
        String key = name + "/" + n + ".txt";
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(objectBody(n)));
        putObjects.add(key);
    }

    private record AcknowledgedPart(String uploadId, String etag) {
    }

    /** An upload of one part (a file of its own), completed every other time: both acknowledgements must survive. */
    private void multipartUploads(ChildCloud cloud, String name, int n, DynamoDbClient dynamo, S3Client s3) {
        String key = name + "/" + n + ".txt";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromString(objectBody(n))).eTag();
        uploadedParts.put(key, new AcknowledgedPart(uploadId, etag));
        if (n % 2 == 0) {
            s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
            completedUploads.add(key);
        }
    }

    /**
     * Every acknowledged completion is its object, whole; every other acknowledged part is still
     * its upload's, whose completion now makes the object (or was done when the kill came, unanswered).
     */
    private void assertMultipartUploadsKept(S3Client s3) {
        uploadedParts.forEach((key, part) -> {
            if (!completedUploads.contains(key)) {
                try {
                    assertEquals(part.etag(), s3.listParts(b -> b.bucket(BUCKET).key(key).uploadId(part.uploadId())).parts().get(0).eTag(), key);
                    s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(part.uploadId())
                            .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part.etag()).build())));
                } catch (NoSuchUploadException completedBeforeTheKill) {
                    // its CompleteMultipartUpload was in flight: done, not answered; the object is checked below
                }
            }
            assertEquals(objectBody(key), s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String(), key);
        });
    }

    /** The body written under "writer/n.txt". */
    private static String objectBody(String key) {
        return objectBody(Integer.parseInt(key.substring(key.indexOf('/') + 1, key.length() - ".txt".length())));
    }

    private static String objectBody(int n) {
        return "object " + n + " ".repeat(n % 3000);
    }

    private void transactions(ChildCloud cloud, String name, int n, DynamoDbClient dynamo, S3Client s3) {
        String tx = name + "-" + n;
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(Map.of("id", AttributeValue.fromS(tx + "-a")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(Map.of("id", AttributeValue.fromS(tx + "-b")))).build()));
        transactions.add(tx);
    }

    /** Creates table n, then deletes table n-1: both acknowledgements must survive. */
    private void tableChurn(ChildCloud cloud, String name, int n, DynamoDbClient dynamo, S3Client s3) {
        String table = "Churn" + n;
        createTable(dynamo, table);
        createdTables.add(table);
        if (n > 0) {
            deletionsSent.add("Churn" + (n - 1));
            dynamo.deleteTable(b -> b.tableName("Churn" + (n - 1)));
            deletedTables.add("Churn" + (n - 1));
        }
    }

    private static void createTable(DynamoDbClient dynamo, String table) {
        dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
    }

    private static int health(URI endpoint) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/_localcloud/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
