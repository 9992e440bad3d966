package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The resource ARNs an operation touches, as IAM authorises DynamoDB calls: the table, or
 * "{table}/index/{name}" for a Query or Scan of an index, each table of a batch or a
 * transaction, and "table/*" for ListTables.
 */
final class RequestResources {

    private RequestResources() {
    }

    static List<String> of(String operation, JsonNode body, String region, String account) {
        String tables = "arn:aws:dynamodb:" + region + ":" + account + ":table/";
        Set<String> arns = new LinkedHashSet<>();
        switch (operation) {
            case "ListTables" -> arns.add(tables + "*");
            case "BatchGetItem", "BatchWriteItem" -> body.path("RequestItems").fieldNames().forEachRemaining(name -> arns.add(tables + name));
            case "TransactGetItems", "TransactWriteItems" -> body.path("TransactItems").forEach(item -> item.fields()
                    .forEachRemaining(action -> arns.add(tables + action.getValue().path("TableName").asText())));
            default -> {
                String table = body.path("TableName").asText(null);
                if (table == null) {
                    String arn = body.path("ResourceArn").asText(null);
                    if (arn != null) {
                        arns.add(arn);
                    }
                } else if (body.hasNonNull("IndexName") && (operation.equals("Query") || operation.equals("Scan"))) {
                    arns.add(tables + table + "/index/" + body.path("IndexName").asText());
                } else {
                    arns.add(tables + table);
                }
            }
        }
        return List.copyOf(arns);
    }
}
