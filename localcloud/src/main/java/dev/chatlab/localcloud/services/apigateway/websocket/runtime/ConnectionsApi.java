package dev.chatlab.localcloud.services.apigateway.websocket.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.CredentialScope;
import dev.chatlab.localcloud.protocol.ErrorRenderer;
import dev.chatlab.localcloud.services.apigateway.common.ApiGatewayArns;
import dev.chatlab.localcloud.services.apigateway.common.ExecuteApiTarget;
import dev.chatlab.localcloud.services.apigateway.common.GatewayResponses;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The @connections management API of a WebSocket stage ({@code ApiGatewayManagementApiClient},
 * signed as "execute-api"): POST sends data to a connection, GET describes it, DELETE closes
 * it. A connection that is closed, unknown, or of another API or stage answers 410 GoneException.
 */
public final class ConnectionsApi {

    static final String PREFIX = "/@connections/";

    private final ConnectionRegistry registry;
    private volatile ConnectionAuthorizer authorizer = ConnectionAuthorizer.ALLOW_SIGNED_CALLERS;

    public ConnectionsApi(ConnectionRegistry registry) {
        this.registry = registry;
    }

    /** True for the part of a stage's path that is the @connections API rather than the API's own routes. */
    public static boolean serves(String restPath) {
        return restPath.startsWith(PREFIX) || restPath.equals("/@connections");
    }

    public void use(ConnectionAuthorizer newAuthorizer) {
        this.authorizer = newAuthorizer;
    }

    public AwsResponse handle(AwsRequest request, ExecuteApiTarget target) {
        try {
            Optional<CredentialScope> scope = CredentialScope.of(request);
            String connectionId = AwsRequest.decodePathSegment(target.restPath().substring(Math.min(PREFIX.length(), target.restPath().length())));
            if (scope.isEmpty() || connectionId.isEmpty() || connectionId.contains("/")) {
                return GatewayResponses.missingAuthenticationToken(request.requestId());
            }
            String arn = ApiGatewayArns.executeApiArn(scope.get().region(), target.apiId(), target.stage(),
                    request.method() + "/@connections/" + connectionId);
            authorizer.authorize(request, "execute-api:ManageConnections", arn);
            WebSocketConnection connection = registry.find(target.apiId(), target.stage(), connectionId).orElseThrow(ConnectionsApi::gone);
            return switch (request.method()) {
                case "POST" -> post(connection, request.body());
                case "GET" -> describe(connection);
                case "DELETE" -> {
                    connection.close(1000, "");
                    yield AwsResponse.noContent();
                }
                default -> GatewayResponses.missingAuthenticationToken(request.requestId());
            };
        } catch (AwsException e) {
            return ErrorRenderer.restJson(e, request.requestId());
        }
    }

    private static AwsResponse post(WebSocketConnection connection, byte[] data) {
        if (data.length > WebSocketGateway.MAX_MESSAGE_BYTES) {
            throw new AwsException("PayloadTooLargeException", 413, "Message too long");
        }
        if (!connection.send(new String(data, StandardCharsets.UTF_8))) {
            throw gone();
        }
        return AwsResponse.ok();
    }

    private static AwsResponse describe(WebSocketConnection connection) {
        ObjectNode body = Json.object()
                .put("connectedAt", connection.connectedAt().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("lastActiveAt", connection.lastActiveAt().truncatedTo(ChronoUnit.MILLIS).toString());
        body.putObject("identity").put("sourceIp", connection.sourceIp()).put("userAgent", connection.userAgent());
        return AwsResponse.json(200, body);
    }

    private static AwsException gone() {
        return new AwsException("GoneException", 410, "The connection with the provided id no longer exists.");
    }
}
