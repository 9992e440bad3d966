package dev.chatlab.labkit.chat;

import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Names;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * The two URLs a chat client needs, found from the APIs steps 5 and 6 created:
 * the WebSocket stage URL and the REST stage URL.
 */
public record ChatEndpoints(URI webSocketUrl, URI restUrl) {

    /** AWS: {scheme}://{apiId}.execute-api.{region}.amazonaws.com/{stage}; localcloud: {scheme}://host:port/_aws/execute-api/{apiId}/{stage}. */
    private static final Pattern AWS_URL = Pattern.compile("^[a-z]+://([a-z0-9]+)\\.execute-api\\.[^/]+(?:/([^/?#]*))?");
    private static final Pattern LOCAL_URL = Pattern.compile("^[a-z]+://[^/]+/_aws/execute-api/([^/?#]+)(?:/([^/?#]*))?");

    /** The API id an execute-api URL (a stage URL, a callback URL) names, if it is one. */
    public static Optional<String> apiIdOf(String url) {
        return part(url, 1);
    }

    /** The stage an execute-api URL names (its first path segment after the API), if any. */
    public static Optional<String> stageOf(String url) {
        return part(url, 2);
    }

    private static Optional<String> part(String url, int group) {
        for (Pattern pattern : new Pattern[] {LOCAL_URL, AWS_URL}) {
            Matcher matcher = pattern.matcher(url == null ? "" : url);
            if (matcher.find()) {
                String value = matcher.group(group);
                return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    public static ChatEndpoints discover(Lab lab) {
        Names names = lab.names();
        ApiGatewayV2Client webSocket = lab.client(ApiGatewayV2Client.builder());
        String endpoint = webSocket.getApis(b -> b.maxResults("500")).items().stream()
                .filter(api -> api.name().equals(names.webSocketApi())).findFirst()
                .orElseThrow(() -> new IllegalStateException("WebSocket API " + names.webSocketApi() + " not found: run steps 5 and 6 first"))
                .apiEndpoint();
        ApiGatewayClient rest = lab.client(ApiGatewayClient.builder());
        String restApiId = rest.getRestApis(b -> b.limit(500)).items().stream()
                .filter(api -> api.name().equals(names.restApi())).findFirst()
                .orElseThrow(() -> new IllegalStateException("REST API " + names.restApi() + " not found: run steps 5 and 6 first"))
                .id();
        return new ChatEndpoints(URI.create(endpoint + "/" + names.stage()), lab.restApiUrl(restApiId, names.stage()));
    }

    /** The history of a room: GET {restUrl}/rooms/{roomId}/messages. */
    public URI historyUrl(String roomId, int limit) {
        return URI.create(restUrl + "/rooms/" + roomId + "/messages?limit=" + limit);
    }
}
