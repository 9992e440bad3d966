package dev.chatlab.localcloud.services.apigateway;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.http.WebSocketEndpoint;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.protocol.sigv4.AuthDialect;
import dev.chatlab.localcloud.services.apigateway.common.ExecuteApiTarget;
import dev.chatlab.localcloud.services.apigateway.common.GatewayResponses;
import dev.chatlab.localcloud.services.apigateway.rest.runtime.RestInvoker;
import dev.chatlab.localcloud.services.apigateway.websocket.runtime.ConnectionsApi;
import dev.chatlab.localcloud.services.apigateway.websocket.runtime.WebSocketGateway;
import java.util.Optional;
import java.util.Set;

/**
 * API Gateway's data plane over plain HTTP: calls to a REST API's stage and the @connections
 * API of a WebSocket stage. Unsigned calls (browsers, curl) reach it by path or Host
 * ({@link ExecuteApiTarget}); signed ones by their signing name "execute-api".
 */
final class ExecuteApiHandler implements ServiceHandler {

    private final RestInvoker rest;
    private final ConnectionsApi connections;
    private final WebSocketGateway webSockets;

    ExecuteApiHandler(RestInvoker rest, ConnectionsApi connections, WebSocketGateway webSockets) {
        this.rest = rest;
        this.connections = connections;
        this.webSockets = webSockets;
    }

    @Override
    public Set<String> signingNames() {
        return Set.of("execute-api");
    }

    @Override
    public boolean ownsEndpoint(AwsRequest request) {
        return ExecuteApiTarget.isExecuteApi(request.header("host").orElse(null), request.rawPath());
    }

    /** A WebSocket API's stage takes upgrades (the HTTP layer hands them to {@link WebSocketGateway}). */
    @Override
    public Optional<WebSocketEndpoint> webSockets() {
        return Optional.of(webSockets);
    }

    /** An invoke URL is public on AWS; the API's own CORS answers decide what a page may read. */
    @Override
    public boolean servesAnySite(AwsRequest request) {
        return true;
    }

    /** An invoke URL takes unsigned calls (a method with AWS_IAM authorization checks the signer itself). */
    @Override
    public boolean acceptsUnsigned(AwsRequest request) {
        return true;
    }

    @Override
    public AuthDialect authDialect() {
        return AuthDialect.REST_JSON;
    }

    /** API Gateway's data plane answers its own errors (a JSON {"message"}), whatever the client. */
    @Override
    public AwsResponse renderError(AwsException error, AwsRequest request) {
        return GatewayResponses.error(error.status(), error.code(), error.getMessage(), request.requestId());
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        Optional<ExecuteApiTarget> target = ExecuteApiTarget.of(request.header("host").orElse(null), request.rawPath());
        if (target.isEmpty()) {
            return GatewayResponses.missingAuthenticationToken(request.requestId());
        }
        if (ConnectionsApi.serves(target.get().restPath())) {
            return connections.handle(request, target.get());
        }
        return rest.invoke(request, target.get());
    }
}
