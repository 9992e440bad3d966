package dev.chatlab.localcloud.services.apigateway.websocket.runtime;

import dev.chatlab.localcloud.services.apigateway.common.ExecuteApiTarget;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Sits in front of the HTTP adapter and takes the WebSocket upgrades addressed to a
 * WebSocket API's stage ({@code /_aws/execute-api/<apiId>/<stage>} or Host
 * {@code <apiId>.execute-api.localhost}); every other request passes through unchanged.
 * The limits are API Gateway's: 128 KB messages in frames of 32 KB (a frame or a message
 * above that closes the connection with 1009), text frames only (a binary frame closes it
 * with 1003, see {@link WebSocketConnection}), 10 minutes idle.
 */
public final class WebSocketGateway extends Handler.Wrapper {

    static final int MAX_MESSAGE_BYTES = 128 * 1024;
    static final int MAX_FRAME_BYTES = 32 * 1024;
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final WebSocketRoutes routes;
    private final ServerWebSocketContainer container;

    public WebSocketGateway(Server server, WebSocketRoutes routes, Handler next) {
        this.routes = routes;
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxFrameSize(MAX_FRAME_BYTES);
            // A larger incoming frame is refused (1009), not split; WebSocketConnection splits outgoing messages itself.
            container.setAutoFragment(false);
        });
        upgrades.setHandler(next);
        setHandler(upgrades);
        this.container = upgrades.getServerWebSocketContainer();
    }

    /** Applies to connections opened from now on. */
    public void idleTimeout(Duration timeout) {
        container.setIdleTimeout(timeout);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if ("websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))) {
            Optional<ExecuteApiTarget> target = ExecuteApiTarget.of(request.getHeaders().get(HttpHeader.HOST), request.getHttpURI().getPath());
            if (target.isPresent() && target.get().restPath().equals("/")
                    && container.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) ->
                    routes.handshake(upgradeRequest, upgradeResponse, upgradeCallback, target.get()), request, response, callback)) {
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
