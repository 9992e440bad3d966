package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.config.CloudContext;
import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.core.FilePermissions;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction is all-or-nothing on disk: the state file, taken at any moment while
 * transactions run (what a killed process leaves behind), holds each transaction wholly or
 * not at all.
 */
class DynamoDbCrashAtomicityTest {

    @TempDir
    Path temp;

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Items per transaction: the wider a transaction, the likelier a commit would split one that is not atomic. */
    private static final int WIDTH = 100;

    private static String transaction(int i) {
        StringBuilder items = new StringBuilder("{\"TransactItems\":[");
        for (int k = 0; k < WIDTH; k++) {
            items.append(k == 0 ? "" : ",").append("{\"Put\":{\"TableName\":\"Pairs\",\"Item\":{\"id\":{\"S\":\"item").append(k)
                    .append("\"},\"n\":{\"N\":\"").append(i).append("\"}}}}");
        }
        return items.append("]}").toString();
    }

    @Test
    void stateFile_takenWhileTransactionsRun_holdsWholeTransactionsOnly() throws Exception {
        Path live = temp.resolve("live");
        Storage storage = Storage.open(live);
        CloudContext context = new CloudContext(LocalCloudConfig.forTests().withDataDirectory(live), 0, storage, Clock.systemUTC());
        DynamoDbService service = new DynamoDbService(context);
        service.call("CreateTable", parse("{\"TableName\":\"Pairs\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}]}"), "us-east-1");
        storage.checkpoint(); // the table is in the file before the first copy
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 0; running.get(); i++) {
                service.call("TransactWriteItems", parse(transaction(i)), "us-east-1");
            }
        });
        writer.start();
        int checked = 0;
        try {
            for (int snapshot = 0; snapshot < 40; snapshot++) {
                Thread.sleep(110);
                Path copy = temp.resolve("copy" + snapshot);
                Files.createDirectories(copy);
                // an open store's file has no permissions (functions must not read it): the snapshot lifts that
                FilePermissions.set(live.resolve("state.mv.db"), FilePermissions.PRIVATE_FILE);
                Files.copy(live.resolve("state.mv.db"), copy.resolve("state.mv.db"));
                try (Storage recovered = Storage.open(copy)) {
                    DynamoDbService after = new DynamoDbService(new CloudContext(LocalCloudConfig.forTests().withDataDirectory(copy), 0, recovered, Clock.systemUTC()));
                    try {
                        Set<JsonNode> values = new HashSet<>();
                        for (int k = 0; k < WIDTH; k++) {
                            // through JSON text, as on the wire: items are answered as pre-rendered raw JSON
                            String answer = Json.write(after.call("GetItem",
                                    parse("{\"TableName\":\"Pairs\",\"Key\":{\"id\":{\"S\":\"item" + k + "\"}}}"), "us-east-1"));
                            values.add(parse(answer).path("Item").path("n"));
                        }
                        assertEquals(1, values.size(), "every item of a transaction, or none, in snapshot " + snapshot + ": " + values);
                        checked++;
                    } finally {
                        after.close();
                    }
                }
            }
        } finally {
            running.set(false);
            writer.join();
            service.close();
            storage.close();
        }
        assertTrue(checked > 0);
    }
}
