package dev.chatlab.labkit.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.labkit.Errors;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One chat client on the WebSocket API, speaking PROTOCOL.md: what step 8's test, the
 * terminal chat ({@code lab chat}) and the chat benchmark use. Frames the server sends
 * arrive in a queue, each with the time it arrived.
 */
public final class ChatConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A frame from the server and when it arrived (System.nanoTime), for latency figures. */
    public record Frame(JsonNode json, long receivedNanos) {
        public String type() {
            return json.path("type").asText();
        }

        /**
         * API Gateway's answer to a frame whose integration failed (the function threw, timed out or
         * could not be invoked): {@code {"message": "Internal server error", "connectionId", "requestId"}}.
         * It comes when the invocation has ended, so no post of that invocation follows it.
         */
        public boolean isIntegrationFailure() {
            return "Internal server error".equals(json.path("message").asText());
        }
    }

    private final WebSocket socket;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    /**
     * How long the opening handshake may take: API Gateway waits up to 29 s for the $connect
     * integration, and a Java function's cold start on a loaded laptop took more than 10 s.
     */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private ChatConnection(WebSocket socket) {
        this.socket = socket;
    }

    /**
     * Connects to {@code <webSocketUrl>?roomId=..&nickname=..}. A refused handshake ($connect
     * answered 4xx) throws, with the status in the message.
     */
    public static ChatConnection open(HttpClient http, URI webSocketUrl, String roomId, String nickname) {
        URI url = URI.create(webSocketUrl + "?roomId=" + encode(roomId) + "&nickname=" + encode(nickname));
        Listener listener = new Listener();
        try {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(HANDSHAKE_TIMEOUT)
                    .buildAsync(url, listener).join();
            ChatConnection connection = new ChatConnection(socket);
            listener.attach(connection);
            return connection;
        } catch (CompletionException e) {
            throw new Refused(url, Errors.networkReason(e.getCause()), e.getCause());
        }
    }

    /** A handshake that failed: refused by the server (its HTTP status), or no server reached (why). */
    public static final class Refused extends IllegalStateException {
        private final transient URI url;
        private final String reason;

        Refused(URI url, String reason, Throwable cause) {
            super("the WebSocket handshake to " + url + " failed: " + reason, cause);
            this.url = url;
            this.reason = reason;
        }

        public URI url() {
            return url;
        }

        /** "HTTP 403", "Connection refused", "unknown host", ... */
        public String reason() {
            return reason;
        }
    }

    /** Sends {"action":"sendMessage","roomId":..,"text":..}. */
    public void send(String roomId, String text) {
        sendRaw(JSON.createObjectNode().put("action", "sendMessage").put("roomId", roomId).put("text", text).toString());
    }

    /** Sends any text frame, well-formed or not (the tests send bad ones on purpose). */
    public void sendRaw(String frame) {
        socket.sendText(frame, true).join();
    }

    /** The next frame matching {@code wanted} within {@code timeout}, or null; frames that do not match are dropped. */
    public Frame await(Predicate<Frame> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                // Out of time, it still takes what already arrived: a wait that shares its deadline may get none.
                Frame frame = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (frame == null || wanted.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next frame, waiting up to {@code timeout}; null when none came. */
    public Frame next(Duration timeout) {
        return await(frame -> true, timeout);
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** The close code the server sent, once it closed. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(error -> null);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Collects text frames (which may arrive in parts) into whole JSON frames. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<ChatConnection> connection = new CompletableFuture<>();

        void attach(ChatConnection owner) {
            connection.complete(owner);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                long now = System.nanoTime();
                connection.thenAccept(owner -> owner.frames.add(new Frame(parse(text), now)));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            connection.thenAccept(owner -> owner.closed.complete(statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            connection.thenAccept(owner -> owner.closed.complete(-1));
        }

        private static JsonNode parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                return JSON.createObjectNode().put("type", "unparsable").put("raw", text);
            }
        }
    }
}
