package dev.chatlab.localcloud.services.apigateway.websocket.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.apigateway.common.ApiGatewayArns;
import dev.chatlab.localcloud.services.apigateway.common.ApiGatewayIds;
import dev.chatlab.localcloud.services.apigateway.common.ExecuteApiTarget;
import dev.chatlab.localcloud.services.apigateway.common.ExecuteApiUrls;
import dev.chatlab.localcloud.services.apigateway.common.ExecutionLog;
import dev.chatlab.localcloud.services.apigateway.common.GatewayResponses;
import dev.chatlab.localcloud.services.apigateway.common.IntegrationCalls;
import dev.chatlab.localcloud.services.apigateway.common.LambdaIntegration;
import dev.chatlab.localcloud.services.apigateway.common.LambdaUris;
import dev.chatlab.localcloud.services.apigateway.common.ProxyEvents;
import dev.chatlab.localcloud.services.apigateway.websocket.WebSocketApiService;
import dev.chatlab.localcloud.services.apigateway.websocket.model.DeployedStage;
import dev.chatlab.localcloud.services.apigateway.websocket.model.Integration;
import dev.chatlab.localcloud.services.apigateway.websocket.model.Route;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;

/**
 * A WebSocket API's routes at work: {@code $connect} decides the handshake, each text
 * message goes to the route its selection expression names (else {@code $default}, else
 * AWS's "Forbidden" error frame), and {@code $disconnect} runs after either side closed.
 * The events are AWS's ({@code APIGatewayV2WebSocketEvent}).
 */
public final class WebSocketRoutes {

    /** AWS closes a connection after 2 hours whatever happens on it. */
    static final Duration MAX_CONNECTION_DURATION = Duration.ofHours(2);

    private volatile Duration maxConnectionDuration = MAX_CONNECTION_DURATION;

    private final WebSocketApiService apis;
    private final IntegrationCalls calls;
    private final ConnectionRegistry registry;
    private final ExecuteApiUrls urls;
    private final Clock clock;
    private final ScheduledExecutorService timers;

    public WebSocketRoutes(WebSocketApiService apis, IntegrationCalls calls, ConnectionRegistry registry, ExecuteApiUrls urls, Clock clock,
                    ScheduledExecutorService timers) {
        this.apis = apis;
        this.calls = calls;
        this.registry = registry;
        this.urls = urls;
        this.clock = clock;
        this.timers = timers;
    }

    /**
     * The handshake: runs {@code $connect} (if the stage has one) with the query string and
     * headers; a non-2xx answer or a failure refuses the upgrade with that status.
     * Returns the connection's listener, or null when the answer was written here.
     */
    Object handshake(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback, ExecuteApiTarget target) {
        Optional<DeployedStage> deployed = apis.deployedStage(target.apiId(), target.stage());
        if (deployed.isEmpty()) {
            return refuse(response, callback, 403, "{\"message\":\"Forbidden\"}");
        }
        Instant now = now();
        String connectionId = ApiGatewayIds.opaque();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        String sourceIp = Request.getRemoteAddr(request);
        String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
        WebSocketConnection connection = new WebSocketConnection(connectionId, target.apiId(), target.stage(), now, sourceIp,
                userAgent, headers, this);
        Route route = deployed.get().routes().route("$connect");
        if (route != null) {
            ObjectNode event = event(connection, deployed.get(), "$connect", "CONNECT", ApiGatewayIds.opaque(), now);
            ProxyEvents.putHeaders(event, headers);
            ProxyEvents.putQuery(event, request.getHttpURI().getQuery());
            try {
                Optional<byte[]> result = invoke(deployed.get(), route, event);
                int status = result.map(WebSocketRoutes::statusCodeOf).orElse(200);
                if (status < 200 || status > 299) {
                    return refuse(response, callback, status, result.map(WebSocketRoutes::bodyOf).orElse(""));
                }
                // A client that asked for subprotocols gets the one $connect answered with, as on AWS.
                result.map(WebSocketRoutes::subprotocolOf).filter(request::hasSubProtocol).ifPresent(response::setAcceptedSubProtocol);
            } catch (LambdaIntegration.Failure failure) {
                ExecutionLog.failure(target.apiId(), target.stage(), event.path("requestContext").path("requestId").asText(), "$connect",
                        ExecutionLog.reasonFor(failure));
                return refuse(response, callback, GatewayResponses.statusOf(failure), "{\"message\": \"Internal server error\"}");
            }
        }
        return connection;
    }

    void opened(WebSocketConnection connection) {
        registry.add(connection);
        connection.closeAfter(timers, maxConnectionDuration);
    }

    /**
     * Routes a message on an integration thread, so that the connection's next frames are read
     * and routed meanwhile: API Gateway invokes the integration of each message independently
     * (it promises no order between them), and a sender that frames faster than one integration
     * answers would otherwise queue behind itself.
     */
    void receive(WebSocketConnection connection, String body) {
        calls.runDetached(() -> message(connection, body));
    }

    /** Routes one message and, for a two-way route, sends the integration's answer back. */
    void message(WebSocketConnection connection, String body) {
        Optional<DeployedStage> deployed = apis.deployedStage(connection.apiId(), connection.stage());
        if (deployed.isEmpty()) {
            connection.close(1001, "Going away");
            return;
        }
        String requestId = ApiGatewayIds.opaque();
        Route route = select(deployed.get(), body);
        if (route == null) {
            connection.send(errorFrame("Forbidden", connection, requestId));
            return;
        }
        ObjectNode event = event(connection, deployed.get(), route.routeKey, "MESSAGE", requestId, now());
        ((ObjectNode) event.get("requestContext")).put("messageId", ApiGatewayIds.opaque());
        event.put("body", body);
        event.put("isBase64Encoded", false);
        try {
            Optional<byte[]> result = invoke(deployed.get(), route, event);
            if (result.isPresent() && deployed.get().routes().hasRouteResponse(route)) {
                String reply = bodyOf(result.get());
                if (!reply.isEmpty()) {
                    connection.send(reply);
                }
            }
        } catch (LambdaIntegration.Failure failure) {
            ExecutionLog.failure(connection.apiId(), connection.stage(), requestId, route.routeKey, ExecutionLog.reasonFor(failure));
            connection.send(errorFrame("Internal server error", connection, requestId));
        }
    }

    /** After either side closed: forget the connection, then run {@code $disconnect} (nobody waits for it). */
    void closed(WebSocketConnection connection, int statusCode, String reason) {
        registry.remove(connection);
        calls.runDetached(() -> {
            Optional<DeployedStage> deployed = apis.deployedStage(connection.apiId(), connection.stage());
            Route route = deployed.map(d -> d.routes().route("$disconnect")).orElse(null);
            if (route == null) {
                return;
            }
            ObjectNode event = event(connection, deployed.get(), "$disconnect", "DISCONNECT", ApiGatewayIds.opaque(), now());
            ((ObjectNode) event.get("requestContext")).put("disconnectStatusCode", statusCode).put("disconnectReason", reason == null ? "" : reason);
            ProxyEvents.putHeaders(event, connection.headers());
            try {
                invoke(deployed.get(), route, event);
            } catch (LambdaIntegration.Failure failure) {
                ExecutionLog.failure(connection.apiId(), connection.stage(), event.path("requestContext").path("requestId").asText(),
                        "$disconnect", ExecutionLog.reasonFor(failure));
            }
        });
    }

    public void maxConnectionDuration(Duration duration) {
        this.maxConnectionDuration = duration;
    }

    Instant now() {
        return clock.instant();
    }

    /** The route named by the selection expression ({@code $request.body.action}), else {@code $default}, else null. */
    private static Route select(DeployedStage deployed, String body) {
        String key = selectionKey(deployed.api().routeSelectionExpression, body);
        Route route = key == null ? null : deployed.routes().route(key);
        if (route == null || route.routeKey.startsWith("$")) {
            route = deployed.routes().route("$default");
        }
        return route;
    }

    static String selectionKey(String expression, String body) {
        if (expression == null) {
            return null;
        }
        String path = expression.startsWith("${") ? expression.substring(2, expression.length() - 1) : expression.substring(1);
        if (!path.startsWith("request.body.")) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
        for (String field : path.substring("request.body.".length()).split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(field);
        }
        return node == null || node.isContainerNode() || node.isNull() ? null : node.asText();
    }

    private Optional<byte[]> invoke(DeployedStage deployed, Route route, ObjectNode event) {
        Integration integration = route.integrationId() == null ? null : deployed.routes().integrations.get(route.integrationId());
        if (integration == null || "MOCK".equals(integration.integrationType)) {
            return Optional.empty();
        }
        Optional<String> functionArn = LambdaUris.functionArn(integration.integrationUri);
        if (!"AWS_PROXY".equals(integration.integrationType) || functionArn.isEmpty()) {
            throw new LambdaIntegration.NotPermitted("localcloud runs AWS_PROXY integrations to Lambda only, not " + integration.integrationType);
        }
        String sourceArn = ApiGatewayArns.executeApiArn(deployed.region(), deployed.api().apiId, deployed.stage().stageName, route.routeKey);
        int timeout = integration.timeoutInMillis == null ? 29_000 : integration.timeoutInMillis;
        return Optional.of(calls.invoke(functionArn.get(), sourceArn, Json.writeBytes(event), timeout));
    }

    private ObjectNode event(WebSocketConnection connection, DeployedStage deployed, String routeKey, String eventType, String requestId,
                             Instant now) {
        ObjectNode event = Json.object();
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", routeKey)
                .put("eventType", eventType)
                .put("extendedRequestId", requestId)
                .put("requestTime", ProxyEvents.REQUEST_TIME.format(now))
                .put("messageDirection", "IN")
                .put("stage", deployed.stage().stageName)
                .put("connectedAt", connection.connectedAt().toEpochMilli())
                .put("requestTimeEpoch", now.toEpochMilli())
                .put("requestId", requestId)
                .put("domainName", urls.domainName(connection.apiId()))
                .put("connectionId", connection.id())
                .put("apiId", connection.apiId());
        context.putObject("identity").put("sourceIp", connection.sourceIp()).put("userAgent", connection.userAgent());
        event.put("isBase64Encoded", false);
        return event;
    }

    private static String errorFrame(String message, WebSocketConnection connection, String requestId) {
        return Json.write(Json.object().put("message", message).put("connectionId", connection.id()).put("requestId", requestId));
    }

    /** The statusCode of a proxy answer; an answer without one (or not JSON) counts as 200, as API Gateway takes it. */
    private static int statusCodeOf(byte[] result) {
        try {
            JsonNode answer = Json.MAPPER.readTree(result);
            return answer != null && answer.has("statusCode") ? answer.get("statusCode").asInt(200) : 200;
        } catch (IOException e) {
            return 200;
        }
    }

    private static String subprotocolOf(byte[] result) {
        try {
            JsonNode headers = Json.MAPPER.readTree(result).path("headers");
            for (var names = headers.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.equalsIgnoreCase("Sec-WebSocket-Protocol")) {
                    return headers.get(name).asText();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** What goes back to the client: the proxy answer's body, or the whole answer when it has none. */
    private static String bodyOf(byte[] result) {
        String raw = new String(result, StandardCharsets.UTF_8);
        try {
            JsonNode answer = Json.MAPPER.readTree(result);
            if (answer != null && answer.isObject() && answer.has("statusCode")) {
                JsonNode body = answer.get("body");
                return body == null || body.isNull() ? "" : body.isTextual() ? body.asText() : Json.write(body);
            }
        } catch (IOException e) {
            return raw;
        }
        return raw.equals("null") ? "" : raw;
    }

    private static Object refuse(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return null;
    }
}
