package dev.chatlab.bench;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The chat's two hot DynamoDB calls under load: PutItem of a new message (with the protocol's
 * "must not exist yet" condition), and the history Query (newest 50 messages of a room holding
 * 10,000, ScanIndexForward=false).
 */
@Command(name = "dynamodb", mixinStandardHelpOptions = true,
        description = "PutItem and Query throughput and latency (p50/p99/max) with concurrent SDK clients.")
final class DynamoDbBench implements Callable<Integer> {

    private static final int ROOM_SIZE = 10_000;
    private static final int PAGE = 50;

    @Option(names = "--endpoint", description = "DynamoDB endpoint URL (default: start an in-process localcloud on a free port)")
    URI endpoint;

    @Option(names = "--region", defaultValue = "ap-northeast-2", description = "region (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--duration", defaultValue = "10", description = "measured seconds per operation (default: ${DEFAULT-VALUE})")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "5", description = "warm-up seconds per operation, not measured (default: ${DEFAULT-VALUE})")
    int warmUpSeconds;

    @Option(names = "--http-client", defaultValue = "apache", description = "apache or urlconnection (default: ${DEFAULT-VALUE})")
    String httpClient;

    @Option(names = "--in-memory", description = "in-process localcloud without a data directory (default: a temporary one, as the lab uses disk)")
    boolean inMemory;

    @Option(names = "--json", description = "also write the results as JSON to this file")
    File json;

    @Override
    public Integer call() throws Exception {
        List<DynamoDbClient> sdkClients = new ArrayList<>();
        try (BenchCloud cloud = BenchCloud.open(endpoint, inMemory, region)) {
            for (int i = 0; i < clients + 1; i++) {
                sdkClients.add(cloud.configure(DynamoDbClient.builder()).httpClient(httpClient()).build());
            }
            DynamoDbClient admin = sdkClients.get(clients);
            String table = "BenchMessages-" + UUID.randomUUID().toString().substring(0, 8);
            createTable(admin, table);
            try {
                List<BenchResult> results = new ArrayList<>();
                // seeding first also warms up the write path (SDK marshalling, HTTP, the service) before anything is measured
                seedRoom(sdkClients, table, "bench-history");
                results.add(benchPut(sdkClients, table));
                results.add(benchQuery(sdkClients, table, "bench-history"));
                System.out.println();
                BenchResult.printTable(results, System.out);
                if (json != null) {
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put("benchmark", "dynamodb");
                    document.put("endpoint", cloud.description());
                    document.put("httpClient", httpClient);
                    document.put("clients", clients);
                    document.put("availableProcessors", Runtime.getRuntime().availableProcessors());
                    document.put("results", results);
                    BenchResult.writeJson(document, json);
                }
            } finally {
                admin.deleteTable(b -> b.tableName(table));
            }
        } finally {
            sdkClients.forEach(DynamoDbClient::close);
        }
        return 0;
    }

    private SdkHttpClient httpClient() {
        return switch (httpClient) {
            case "apache" -> ApacheHttpClient.builder().maxConnections(4).tcpKeepAlive(true).build();
            case "urlconnection" -> UrlConnectionHttpClient.builder().build();
            default -> throw new IllegalArgumentException("--http-client must be apache or urlconnection");
        };
    }

    private static void createTable(DynamoDbClient admin, String table) {
        admin.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH), k -> k.attributeName("sortKey").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("roomId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sortKey").attributeType(ScalarAttributeType.S)));
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(admin)
                .overrideConfiguration(c -> c.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))).maxAttempts(600))
                .build()) {
            waiter.waitUntilTableExists(b -> b.tableName(table));
        }
    }

    /**
     * A chat message as PROTOCOL.md defines it. Its id comes from ThreadLocalRandom and its sort
     * key is padded by hand: UUID.randomUUID() and String.format would make the benchmark's own
     * data the measured cost (SecureRandom locks across all clients).
     */
    private static Map<String, AttributeValue> message(String room, long sentAt, String nickname) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String messageId = new UUID(random.nextLong(), random.nextLong()).toString();
        String millis = Long.toString(sentAt);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("roomId", AttributeValue.fromS(room));
        item.put("sortKey", AttributeValue.fromS("0".repeat(Math.max(0, 13 - millis.length())) + millis + "#" + messageId));
        item.put("messageId", AttributeValue.fromS(messageId));
        item.put("nickname", AttributeValue.fromS(nickname));
        item.put("text", AttributeValue.fromS("Hello from the benchmark, a message of an ordinary length for a chat."));
        item.put("sentAt", AttributeValue.fromN(Long.toString(sentAt)));
        return item;
    }

    private BenchResult benchPut(List<DynamoDbClient> sdkClients, String table) throws InterruptedException {
        System.out.println("PutItem: " + clients + " clients, " + durationSeconds + " s ...");
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        return LoadRunner.run("PutItem (new message)", clients, Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(durationSeconds), i -> {
            DynamoDbClient dynamo = sdkClients.get(i);
            String room = "bench-room-" + (i % 4);
            return () -> dynamo.putItem(PutItemRequest.builder().tableName(table)
                    .item(message(room, clock.incrementAndGet(), "client" + i))
                    .conditionExpression("attribute_not_exists(sortKey)").build());
        });
    }

    private void seedRoom(List<DynamoDbClient> sdkClients, String table, String room) throws Exception {
        System.out.println("seeding " + ROOM_SIZE + " messages into room " + room + " ...");
        long first = System.currentTimeMillis() - ROOM_SIZE;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int start = 0; start < ROOM_SIZE; start += 25) {
                int from = start;
                DynamoDbClient dynamo = sdkClients.get((start / 25) % clients);
                batches.add(pool.submit(() -> {
                    List<WriteRequest> writes = new ArrayList<>();
                    for (int n = from; n < Math.min(from + 25, ROOM_SIZE); n++) {
                        Map<String, AttributeValue> item = message(room, first + n, "seed");
                        writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                    }
                    Map<String, List<WriteRequest>> pending = Map.of(table, writes);
                    while (!pending.isEmpty()) {
                        Map<String, List<WriteRequest>> request = pending;
                        pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                    }
                    return null;
                }));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private BenchResult benchQuery(List<DynamoDbClient> sdkClients, String table, String room) throws InterruptedException {
        System.out.println("Query: " + clients + " clients, " + durationSeconds + " s ...");
        QueryRequest newest = QueryRequest.builder().tableName(table).keyConditionExpression("roomId = :r")
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(room))).scanIndexForward(false).limit(PAGE).build();
        return LoadRunner.run("Query (newest 50 of 10,000)", clients, Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(durationSeconds), i -> {
            DynamoDbClient dynamo = sdkClients.get(i);
            return () -> {
                int count = dynamo.query(newest).count();
                if (count != PAGE) {
                    throw new IllegalStateException("expected " + PAGE + " messages, got " + count);
                }
            };
        });
    }

}
