package dev.chatlab.localcloud.services.apigateway.websocket.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The open WebSocket connections of every API, by connection id (in memory: a restart closes them all, as it would drop the sockets). */
public final class ConnectionRegistry {

    private final Map<String, WebSocketConnection> open = new ConcurrentHashMap<>();

    void add(WebSocketConnection connection) {
        open.put(connection.id(), connection);
    }

    void remove(WebSocketConnection connection) {
        open.remove(connection.id(), connection);
    }

    /** The open connection with this id on this API's stage; a connection of another API or stage is as gone as a closed one. */
    Optional<WebSocketConnection> find(String apiId, String stage, String connectionId) {
        WebSocketConnection connection = open.get(connectionId);
        return connection != null && connection.apiId().equals(apiId) && connection.stage().equals(stage) ? Optional.of(connection) : Optional.empty();
    }

    /** Closes every open connection as a stopping server does (1001 Going away). */
    public void closeAll() {
        open.values().forEach(connection -> connection.close(1001, "Going away"));
    }
}
