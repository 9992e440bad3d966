package dev.chatlab.localcloud.services.apigateway.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted WebSocket connection: what @connections GET reports about it, and the
 * socket's events, which it hands to {@link WebSocketRoutes}. Each frame is routed on its own,
 * as API Gateway does: a slow integration does not hold the frames behind it, and the answers
 * of two frames may come back in either order. (Public only because Jetty calls the listener
 * methods through method handles.)
 */
public final class WebSocketConnection implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);

    private final String id;
    private final String apiId;
    private final String stage;
    private final Instant connectedAt;
    private final String sourceIp;
    private final String userAgent;
    private final Map<String, List<String>> headers;
    private final WebSocketRoutes routes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Instant lastActiveAt;
    private volatile Session session;
    private volatile ScheduledFuture<?> maxDurationTimer;

    WebSocketConnection(String id, String apiId, String stage, Instant connectedAt, String sourceIp, String userAgent,
                        Map<String, List<String>> headers, WebSocketRoutes routes) {
        this.id = id;
        this.apiId = apiId;
        this.stage = stage;
        this.connectedAt = connectedAt;
        this.lastActiveAt = connectedAt;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.headers = headers;
        this.routes = routes;
    }

    @Override
    public void onWebSocketOpen(Session openSession) {
        this.session = openSession;
        routes.opened(this);
    }

    @Override
    public void onWebSocketText(String message) {
        lastActiveAt = routes.now();
        routes.receive(this, message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        lastActiveAt = routes.now();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        routes.receive(this, new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (closed.compareAndSet(false, true)) {
            ScheduledFuture<?> timer = maxDurationTimer;
            if (timer != null) {
                timer.cancel(false);
            }
            routes.closed(this, statusCode, reason);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("connection {} failed: {}", id, cause.toString());
    }

    /** Sends a text message; false when the connection is no longer open. */
    boolean send(String text) {
        Session current = session;
        if (current == null || !current.isOpen() || closed.get()) {
            return false;
        }
        lastActiveAt = routes.now();
        current.sendText(text, Callback.NOOP);
        return true;
    }

    void close(int statusCode, String reason) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close(statusCode, reason, Callback.NOOP);
        }
    }

    void closeAfter(java.util.concurrent.ScheduledExecutorService timers, java.time.Duration maxDuration) {
        maxDurationTimer = timers.schedule(() -> close(1001, "Going away"), maxDuration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    String id() {
        return id;
    }

    String apiId() {
        return apiId;
    }

    String stage() {
        return stage;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    Instant lastActiveAt() {
        return lastActiveAt;
    }

    String sourceIp() {
        return sourceIp;
    }

    String userAgent() {
        return userAgent;
    }

    Map<String, List<String>> headers() {
        return headers;
    }
}
