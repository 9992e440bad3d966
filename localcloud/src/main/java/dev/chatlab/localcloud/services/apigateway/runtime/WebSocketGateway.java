package dev.chatlab.localcloud.services.apigateway.runtime;

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
 * The limits are API Gateway's: 128 KB messages (above that the connection closes with
 * 1009) in frames of 32 KB, 10 minutes idle.
 *
 * <p>Known difference: an incoming frame above 32 KB is split and accepted (Jetty's
 * auto-fragmentation, which also splits outgoing messages), where AWS may close the
 * connection; the 128 KB message limit holds either way.
 */
public final class WebSocketGateway extends Handler.Wrapper {

    static final int MAX_MESSAGE_BYTES = 128 * 1024;
    static final int MAX_FRAME_BYTES = 32 * 1024;
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final WebSocketRoutes routes;
    private final ServerWebSocketContainer container;

    WebSocketGateway(Server server, WebSocketRoutes routes, Handler next) {
        this.routes = routes;
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxFrameSize(MAX_FRAME_BYTES);
            // Outgoing messages above 32 KB go out as several frames, as API Gateway sends them.
            container.setAutoFragment(true);
        });
        upgrades.setHandler(next);
        setHandler(upgrades);
        this.container = upgrades.getServerWebSocketContainer();
    }

    /** Applies to connections opened from now on. */
    void idleTimeout(Duration timeout) {
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
