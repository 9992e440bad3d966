package dev.chatlab.localcloud.services.apigateway;

import dev.chatlab.localcloud.config.CloudContext;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.services.apigateway.common.ExecuteApiUrls;
import dev.chatlab.localcloud.services.apigateway.common.IntegrationCalls;
import dev.chatlab.localcloud.services.apigateway.common.LambdaIntegration;
import dev.chatlab.localcloud.services.apigateway.rest.RestApiService;
import dev.chatlab.localcloud.services.apigateway.rest.runtime.RestInvoker;
import dev.chatlab.localcloud.services.apigateway.websocket.WebSocketApiService;
import dev.chatlab.localcloud.services.apigateway.websocket.runtime.ConnectionAuthorizer;
import dev.chatlab.localcloud.services.apigateway.websocket.runtime.ConnectionRegistry;
import dev.chatlab.localcloud.services.apigateway.websocket.runtime.ConnectionsApi;
import dev.chatlab.localcloud.services.apigateway.websocket.runtime.WebSocketGateway;
import dev.chatlab.localcloud.services.apigateway.websocket.runtime.WebSocketRoutes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * API Gateway's data plane, wired: the HTTP handler (REST calls, @connections, WebSocket
 * upgrades to a stage), the open connections, and the two seams
 * to other services: {@link LambdaIntegration} (how functions are invoked) and
 * {@link ConnectionAuthorizer} (who may manage connections).
 */
public final class ApiGatewayRuntime implements AutoCloseable {

    private final IntegrationCalls calls = new IntegrationCalls();
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final ConnectionsApi connections = new ConnectionsApi(registry);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "apigateway-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecuteApiHandler handler;
    private final WebSocketRoutes routes;
    private final WebSocketGateway gateway;

    public ApiGatewayRuntime(CloudContext context, RestApiService restApis, WebSocketApiService webSocketApis) {
        ExecuteApiUrls urls = urls(context);
        this.routes = new WebSocketRoutes(webSocketApis, calls, registry, urls, context.clock(), timers);
        this.gateway = new WebSocketGateway(routes);
        this.handler = new ExecuteApiHandler(new RestInvoker(restApis, calls, urls, context.clock()), connections, gateway);
    }

    public static ExecuteApiUrls urls(CloudContext context) {
        return new ExecuteApiUrls(context.config().publicHost(), context.httpPort());
    }

    /** The handler for signing name "execute-api" and for unsigned calls to invoke URLs; it takes WebSocket upgrades to a stage. */
    public ServiceHandler handler() {
        return handler;
    }

    /**
     * Changes API Gateway's connection limits (10 minutes idle, 2 hours at most) for
     * connections opened from now on: tests shorten them to see them act.
     */
    public void useConnectionLimits(Duration idleTimeout, Duration maxDuration) {
        gateway.idleTimeout(idleTimeout);
        routes.maxConnectionDuration(maxDuration);
    }

    /** Sets how functions are invoked (the Lambda service, or a test's stand-in). */
    public void useLambda(LambdaIntegration lambda) {
        calls.use(lambda);
    }

    /** Sets who may call @connections (IAM's policy engine once wired). */
    public void useAuthorizer(ConnectionAuthorizer authorizer) {
        connections.use(authorizer);
    }

    @Override
    public void close() {
        registry.closeAll();
        timers.shutdownNow();
        calls.close();
    }
}
