package dev.chatlab.lambdaruntime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The client side of the Lambda Runtime API ({@code /2018-06-01/runtime/...}) at
 * {@code http://$AWS_LAMBDA_RUNTIME_API}. Plain {@link HttpURLConnection}: it starts fast
 * and keeps the connection alive between calls, which is what a warm invoke needs.
 */
final class RuntimeApiClient {

    private static final String VERSION = "/2018-06-01/runtime";

    private final String base;

    RuntimeApiClient(String runtimeApi) {
        this.base = "http://" + runtimeApi + VERSION;
    }

    /**
     * Waits for the next event. Empty when the server ended the wait without one (localcloud
     * bounds each long poll; AWS's never ends): the caller simply asks again.
     */
    Optional<Invocation> next() throws IOException {
        HttpURLConnection connection = open("/invocation/next", "GET");
        int status = connection.getResponseCode();
        if (status == 204) {
            drain(connection);
            return Optional.empty();
        }
        if (status != 200) {
            throw new IOException("the Runtime API answered " + status + " to invocation/next");
        }
        byte[] event;
        try (InputStream in = connection.getInputStream()) {
            event = in.readAllBytes();
        }
        return Optional.of(new Invocation(
                connection.getHeaderField("Lambda-Runtime-Aws-Request-Id"),
                parseLong(connection.getHeaderField("Lambda-Runtime-Deadline-Ms")),
                connection.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"),
                connection.getHeaderField("Lambda-Runtime-Trace-Id"),
                event));
    }

    void respond(String requestId, byte[] response) throws IOException {
        post("/invocation/" + requestId + "/response", response, null);
    }

    void error(String requestId, String errorType, byte[] errorJson) throws IOException {
        post("/invocation/" + requestId + "/error", errorJson, errorType);
    }

    void initError(String errorType, byte[] errorJson) throws IOException {
        post("/init/error", errorJson, errorType);
    }

    private void post(String path, byte[] body, String errorType) throws IOException {
        HttpURLConnection connection = open(path, "POST");
        connection.setDoOutput(true);
        // no streaming mode: the connection then sends headers and body in one write, which
        // spares a Nagle/delayed-ACK round on the loopback
        if (errorType != null) {
            connection.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
            connection.setRequestProperty("Content-Type", "application/json");
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        drain(connection);
        if (status / 100 != 2) {
            throw new IOException("the Runtime API answered " + status + " to " + path);
        }
    }

    private HttpURLConnection open(String path, String method) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(base + path).openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(0);
        connection.setUseCaches(false);
        return connection;
    }

    /** Reads the rest of an answer so that the connection goes back to the keep-alive cache. */
    private static void drain(HttpURLConnection connection) throws IOException {
        InputStream in = connection.getResponseCode() >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in != null) {
            try (in) {
                in.readAllBytes();
            }
        }
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One event handed out by {@code invocation/next}. */
    record Invocation(String requestId, long deadlineMs, String invokedFunctionArn, String traceId, byte[] event) {
        String eventText() {
            return new String(event, StandardCharsets.UTF_8);
        }
    }
}
