package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import java.util.Map;
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
        return !mode(request).equals("NONE");
    }

    private static String mode(JsonNode request) {
        return Requests.choice(request, "ReturnConsumedCapacity", "returnConsumedCapacity", "NONE", Set.of("NONE", "TOTAL", "INDEXES"));
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
            response.set("ConsumedCapacity", node(request, table, units));
        }
    }

    /**
     * One table's consumption. TOTAL gives the table name and the units only; INDEXES breaks
     * them down as well, and since localcloud charges no index reads, the breakdown is the table's.
     */
    static ObjectNode node(JsonNode request, String table, double units) {
        ObjectNode capacity = Json.object().put("TableName", table).put("CapacityUnits", units);
        if (mode(request).equals("INDEXES")) {
            capacity.putObject("Table").put("CapacityUnits", units);
        }
        return capacity;
    }

    /** A batch's consumption: one entry per table, as DynamoDB sums a batch's requests per table. */
    static ArrayNode perTable(JsonNode request, Map<String, Double> unitsByTable) {
        ArrayNode capacities = Json.array();
        unitsByTable.forEach((table, units) -> capacities.add(node(request, table, units)));
        return capacities;
    }
}
