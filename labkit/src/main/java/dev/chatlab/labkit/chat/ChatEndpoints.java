package dev.chatlab.labkit.chat;

import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Names;
import java.net.URI;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * The two URLs a chat client needs, found from the APIs steps 5 and 6 created:
 * the WebSocket stage URL and the REST stage URL.
 */
public record ChatEndpoints(URI webSocketUrl, URI restUrl) {

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
