package dev.chatlab.localcloud.http;

import java.util.Optional;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;

/**
 * The WebSocket side of an endpoint that takes upgrades ({@link HttpEndpoint#webSockets()}):
 * {@link WebSocketUpgrades} asks it for the connection an upgrade request opens.
 */
public interface WebSocketEndpoint {

    /** Sets the limits of the server's WebSocket container (frame and message sizes, idle timeout), once, as the server starts. */
    void configure(ServerWebSocketContainer container);

    /** The connection an upgrade request with this head opens, or empty to answer the request as plain HTTP. */
    Optional<WebSocketCreator> upgrade(AwsRequest head);
}
