package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import java.util.Set;

/**
 * The ConsumedCapacity a response carries when ReturnConsumedCapacity asks for it, by
 * DynamoDB's rules: a write unit per started KB, a read unit per started 4 KB (half of it for
 * an eventually consistent read).
 */
final class ConsumedCapacity {

    private ConsumedCapacity() {
    }

    static boolean requested(JsonNode request) {
        String mode = Requests.choice(request, "ReturnConsumedCapacity", "returnConsumedCapacity", "NONE", Set.of("NONE", "TOTAL", "INDEXES"));
        return !mode.equals("NONE");
    }

    static double writeUnits(long bytes) {
        return Math.max(1, Math.ceil(bytes / 1024.0));
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }

    static void add(ObjectNode response, JsonNode request, String table, double units) {
        if (requested(request)) {
            response.set("ConsumedCapacity", node(table, units));
        }
    }

    static ObjectNode node(String table, double units) {
        ObjectNode capacity = Json.object().put("TableName", table).put("CapacityUnits", units);
        capacity.putObject("Table").put("CapacityUnits", units);
        return capacity;
    }
}
