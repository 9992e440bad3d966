package dev.chatlab.localcloud.services.apigateway.websocket.runtime;

import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.WebSocketEndpoint;
import dev.chatlab.localcloud.services.apigateway.common.ExecuteApiTarget;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * Takes the WebSocket upgrades addressed to a WebSocket API's stage
 * ({@code /_aws/execute-api/<apiId>/<stage>} or Host {@code <apiId>.execute-api.localhost});
 * the HTTP layer hands them here (see http.WebSocketUpgrades). The limits are API Gateway's:
 * 128 KB messages in frames of 32 KB (a frame or a message above that closes the connection
 * with 1009), text frames only (a binary frame closes it with 1003, see
 * {@link WebSocketConnection}), 10 minutes idle.
 */
public final class WebSocketGateway implements WebSocketEndpoint {

    static final int MAX_MESSAGE_BYTES = 128 * 1024;
    static final int MAX_FRAME_BYTES = 32 * 1024;
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final WebSocketRoutes routes;
    private volatile ServerWebSocketContainer container;

    public WebSocketGateway(WebSocketRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void configure(ServerWebSocketContainer webSockets) {
        webSockets.setIdleTimeout(IDLE_TIMEOUT);
        webSockets.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        webSockets.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
        webSockets.setMaxFrameSize(MAX_FRAME_BYTES);
        // A larger incoming frame is refused (1009), not split; WebSocketConnection splits outgoing messages itself.
        webSockets.setAutoFragment(false);
        this.container = webSockets;
    }

    /** Applies to connections opened from now on. */
    public void idleTimeout(Duration timeout) {
        container.setIdleTimeout(timeout);
    }

    /** An upgrade to a stage's root opens a connection; one to any other path is answered as plain HTTP. */
    @Override
    public Optional<WebSocketCreator> upgrade(AwsRequest head) {
        return ExecuteApiTarget.of(head.header("host").orElse(null), head.rawPath())
                .filter(target -> target.restPath().equals("/"))
                .map(target -> (request, response, callback) -> routes.handshake(request, response, callback, target));
    }
}
