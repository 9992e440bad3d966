package dev.chatlab.localcloud.services.apigateway.common;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.http.AwsRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields the Lambda proxy events of both API kinds write the same way: the REST event v1
 * ({@code APIGatewayProxyRequestEvent}) and the WebSocket event
 * ({@code APIGatewayV2WebSocketEvent}).
 */
public final class ProxyEvents {

    /** requestContext.requestTime, e.g. {@code 06/Dec/2026:22:31:05 +0000}. */
    public static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ProxyEvents() {
    }

    /** headers (the last value of each name) and multiValueHeaders. */
    public static void putHeaders(ObjectNode event, Map<String, List<String>> headers) {
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.forEach((name, values) -> {
            single.put(name, values.get(values.size() - 1));
            values.forEach(multi.putArray(name)::add);
        });
    }

    /** queryStringParameters (the last value of each name) and multiValueQueryStringParameters; both null without a query. */
    public static void putQuery(ObjectNode event, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
            return;
        }
        ObjectNode single = event.putObject("queryStringParameters");
        ObjectNode multi = event.putObject("multiValueQueryStringParameters");
        for (Map.Entry<String, String> pair : AwsRequest.formPairs(rawQuery)) {
            String name = pair.getKey();
            String value = pair.getValue();
            single.put(name, value);
            (multi.has(name) ? (ArrayNode) multi.get(name) : multi.putArray(name)).add(value);
        }
    }
}
