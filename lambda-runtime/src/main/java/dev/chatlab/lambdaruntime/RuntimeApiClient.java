package dev.chatlab.lambdaruntime;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The client side of the Lambda Runtime API ({@code /2018-06-01/runtime/...}) at
 * {@code http://$AWS_LAMBDA_RUNTIME_API}: HTTP/1.1 on one kept-alive loopback connection, written
 * and read here. AWS's runtime interface client does the same through libcurl; the JDK's
 * {@code HttpURLConnection} spent a tenth of a warm chat function's CPU on these two calls per
 * invoke (a URL, a proxy selector and header maps for each), and loads some hundred classes
 * more at a cold start. The server is the one localcloud runs for this instance, so the client
 * reads only what it answers: a status, headers, a body by Content-Length or chunked.
 */
final class RuntimeApiClient {

    private static final String VERSION = "/2018-06-01/runtime";
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** host:port, for the Host header */
    private final String authority;
    private final String host;
    private final int port;
    /** the path before {@code /2018-06-01/runtime}: localcloud serves each instance under its own */
    private final String basePath;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** @param runtimeApi AWS_LAMBDA_RUNTIME_API: {@code host:port}, here followed by a path */
    RuntimeApiClient(String runtimeApi) {
        int slash = runtimeApi.indexOf('/');
        this.authority = slash < 0 ? runtimeApi : runtimeApi.substring(0, slash);
        this.basePath = (slash < 0 ? "" : runtimeApi.substring(slash)) + VERSION;
        int colon = authority.lastIndexOf(':');
        this.host = colon < 0 ? authority : authority.substring(0, colon);
        this.port = colon < 0 ? 80 : Integer.parseInt(authority.substring(colon + 1));
    }

    /**
     * Waits for the next event. Empty when the server ended the wait without one (localcloud
     * bounds each long poll; AWS's never ends): the caller simply asks again.
     */
    Optional<Invocation> next() throws IOException {
        Answer answer = exchange("GET", "/invocation/next", null, null);
        if (answer.status == 204) {
            return Optional.empty();
        }
        if (answer.status != 200) {
            throw new IOException("the Runtime API answered " + answer.status + " to invocation/next");
        }
        return Optional.of(new Invocation(
                answer.header("Lambda-Runtime-Aws-Request-Id"),
                parseLong(answer.header("Lambda-Runtime-Deadline-Ms")),
                answer.header("Lambda-Runtime-Invoked-Function-Arn"),
                answer.header("Lambda-Runtime-Trace-Id"),
                answer.body));
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
        int status = exchange("POST", path, body, errorType).status;
        if (status / 100 != 2) {
            throw new IOException("the Runtime API answered " + status + " to " + path);
        }
    }

    /**
     * One request and its answer. A kept-alive connection the server closed meanwhile fails
     * before any byte of an answer: then the request goes once more on a new connection, as
     * {@code HttpURLConnection} retries it (the server never saw it).
     */
    private Answer exchange(String method, String path, byte[] body, String errorType) throws IOException {
        boolean reused = socket != null;
        try {
            return exchangeOnce(method, path, body, errorType);
        } catch (StaleConnection stale) {
            close();
            if (!reused) {
                throw new EOFException("the Runtime API closed the connection without an answer to " + path);
            }
            try {
                return exchangeOnce(method, path, body, errorType);
            } catch (StaleConnection again) {
                close();
                throw new EOFException("the Runtime API closed the connection without an answer to " + path);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Answer exchangeOnce(String method, String path, byte[] body, String errorType) throws IOException {
        if (socket == null) {
            connect();
        }
        StringBuilder head = new StringBuilder(160).append(method).append(' ').append(basePath).append(path)
                .append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\n");
        if (body != null) {
            if (errorType != null) {
                head.append("Lambda-Runtime-Function-Error-Type: ").append(errorType).append("\r\n");
            }
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        // headers and body in one write: no Nagle/delayed-ACK round on the loopback
        byte[] request = headBytes;
        if (body != null && body.length > 0) {
            request = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
        }
        try {
            out.write(request);
            out.flush();
        } catch (IOException e) {
            throw new StaleConnection();
        }
        Answer answer = readAnswer();
        if (answer.closes) {
            close();
        }
        return answer;
    }

    private void connect() throws IOException {
        Socket fresh = new Socket();
        try {
            fresh.setTcpNoDelay(true);
            fresh.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            in = new BufferedInputStream(fresh.getInputStream(), 8192);
            out = fresh.getOutputStream();
        } catch (IOException e) {
            fresh.close();
            throw e;
        }
        socket = fresh;
    }

    private void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection that is gone anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    private Answer readAnswer() throws IOException {
        String statusLine = readLine(true);
        if (statusLine == null) {
            throw new StaleConnection();
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("the Runtime API answered something that is not HTTP: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("the Runtime API answered something that is not HTTP: " + statusLine);
        }
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        boolean closes = "close".equalsIgnoreCase(headers.get("connection")) || parts[0].equals("HTTP/1.0");
        byte[] body;
        if (status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Math.toIntExact(parseLong(headers.get("content-length"))));
            if (body.length < parseLong(headers.get("content-length"))) {
                throw new EOFException("the Runtime API's answer ended early");
            }
        } else {
            body = in.readAllBytes();
            closes = true;
        }
        return new Answer(status, headers, body, closes);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int extension = sizeLine.indexOf(';');
            int size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            if (size == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailers: none that matter here
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new EOFException("the Runtime API's answer ended early");
            }
            body.write(chunk);
            readLine(false);
        }
    }

    /**
     * A line up to CRLF (or LF), without it, in ISO-8859-1 as HTTP's head is. Null when the
     * connection ends before the first byte and {@code firstOfAnswer} (the server closed a kept-alive
     * connection); an EOFException when it ends within a line.
     */
    private String readLine(boolean firstOfAnswer) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int read;
        try {
            read = in.read();
        } catch (IOException e) {
            if (firstOfAnswer) {
                throw new StaleConnection();
            }
            throw e;
        }
        if (read < 0) {
            if (firstOfAnswer) {
                return null;
            }
            throw new EOFException("the Runtime API's answer ended early");
        }
        while (read != '\n') {
            if (read != '\r') {
                line.append((char) read);
            }
            read = in.read();
            if (read < 0) {
                throw new EOFException("the Runtime API's answer ended early");
            }
        }
        return line.toString();
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A kept-alive connection found closed before any byte of an answer. */
    private static final class StaleConnection extends IOException {
        StaleConnection() {
            super("the kept-alive connection was closed", null);
        }
    }

    private record Answer(int status, Map<String, String> headers, byte[] body, boolean closes) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One event handed out by {@code invocation/next}. */
    record Invocation(String requestId, long deadlineMs, String invokedFunctionArn, String traceId, byte[] event) {
        String eventText() {
            return new String(event, StandardCharsets.UTF_8);
        }
    }
}
