package dev.chatlab.localcloud.services.apigateway.websocket.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>What goes out to a client is bounded: a connection holds at most {@value
 * #MAX_PENDING_BYTES} bytes that the client has not read yet. A client that stops reading is
 * disconnected once its messages pile up beyond that, and a post to it answers 410
 * GoneException, as for any connection that is gone. (API Gateway documents no such figure;
 * it is ours, eight messages of the largest size, so that one slow client cannot grow the heap.)
 */
public final class WebSocketConnection implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);

    static final int MAX_PENDING_BYTES = 8 * WebSocketGateway.MAX_MESSAGE_BYTES;
    /** Characters per outgoing frame: at most 4 UTF-8 bytes each, so a frame stays within API Gateway's 32 KB. */
    private static final int FRAME_CHARS = WebSocketGateway.MAX_FRAME_BYTES / 4;

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
    /** Set when the client left too much unread: it is being disconnected. */
    private volatile boolean gaveUp;
    /** Bytes handed to Jetty that have not reached the network yet. */
    private final AtomicLong pendingBytes = new AtomicLong();
    /** Holds the frames of one message together: two posts at once must not interleave their fragments. */
    private final Object sending = new Object();

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
        // API Gateway's WebSocket APIs take text frames only: a binary frame closes the connection with 1003.
        callback.succeed();
        close(1003, "Binary frames are not supported");
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

    /**
     * Sends a text message, in frames of at most 32 KB as API Gateway sends them; false when the
     * connection is no longer open, or when the client has left too much unread and is
     * disconnected now.
     */
    boolean send(String text) {
        Session current = session;
        if (current == null || !current.isOpen() || closed.get() || gaveUp) {
            return false;
        }
        long size = text.getBytes(StandardCharsets.UTF_8).length;
        if (pendingBytes.addAndGet(size) > MAX_PENDING_BYTES) {
            LOG.debug("connection {} does not read: {} bytes unread, disconnected", id, pendingBytes.get());
            gaveUp = true;
            current.disconnect();
            return false;
        }
        lastActiveAt = routes.now();
        Callback sent = Callback.from(() -> pendingBytes.addAndGet(-size), failure -> pendingBytes.addAndGet(-size));
        synchronized (sending) {
            if (text.length() <= FRAME_CHARS) {
                current.sendText(text, sent);
                return true;
            }
            for (int start = 0; start < text.length(); ) {
                int end = fragmentEnd(text, start);
                boolean last = end == text.length();
                current.sendPartialText(text.substring(start, end), last, last ? sent : Callback.NOOP);
                start = end;
            }
        }
        return true;
    }

    /** Where the frame that starts at {@code start} ends: {@link #FRAME_CHARS} on, never between the halves of a surrogate pair. */
    private static int fragmentEnd(String text, int start) {
        int end = Math.min(text.length(), start + FRAME_CHARS);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    void close(int statusCode, String reason) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close(statusCode, reason, Callback.NOOP);
        }
    }

    void closeAfter(ScheduledExecutorService timers, Duration maxDuration) {
        maxDurationTimer = timers.schedule(() -> close(1001, "Going away"), maxDuration.toMillis(), TimeUnit.MILLISECONDS);
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
