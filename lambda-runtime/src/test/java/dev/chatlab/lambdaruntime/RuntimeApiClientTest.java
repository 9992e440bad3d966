package dev.chatlab.lambdaruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bootstrap's side of the Runtime API against a server that answers what each test sets. */
class RuntimeApiClientTest {

    /** What the server received: method, path, the error-type header, the body. */
    record Received(String method, String path, String errorType, String contentType, String body) {
    }

    /** What the server answers next: status, headers, body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    HttpServer server;
    RuntimeApiClient client;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile Answer answer = new Answer(202, Map.of(), "");

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
        client = new RuntimeApiClient("127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        Headers request = exchange.getRequestHeaders();
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                request.getFirst("Lambda-Runtime-Function-Error-Type"), request.getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Answer now = answer;
        now.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = now.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(now.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void next_readsTheEventAndItsHeaders() throws IOException {
        answer = new Answer(200, Map.of("Lambda-Runtime-Aws-Request-Id", "req-1",
                "Lambda-Runtime-Deadline-Ms", "1764000003000",
                "Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:ap-northeast-2:000000000000:function:f",
                "Lambda-Runtime-Trace-Id", "Root=1-abc"), "{\"name\":\"ada\"}");

        RuntimeApiClient.Invocation invocation = client.next().orElseThrow();

        assertEquals("req-1", invocation.requestId());
        assertEquals(1764000003000L, invocation.deadlineMs());
        assertEquals("arn:aws:lambda:ap-northeast-2:000000000000:function:f", invocation.invokedFunctionArn());
        assertEquals("Root=1-abc", invocation.traceId());
        assertEquals("{\"name\":\"ada\"}", invocation.eventText());
        assertEquals(new Received("GET", "/2018-06-01/runtime/invocation/next", null, null, ""), received.get(0));
    }

    @Test
    void next_withoutADeadlineItCanRead_answersDeadlineZero() throws IOException {
        answer = new Answer(200,
                Map.of("Lambda-Runtime-Aws-Request-Id", "req-2", "Lambda-Runtime-Deadline-Ms", "soon"), "{}");
        assertEquals(0, client.next().orElseThrow().deadlineMs());
    }

    @Test
    void next_204_isNoEventYet_soTheCallerAsksAgain() throws IOException {
        answer = new Answer(204, Map.of(), "");
        assertEquals(Optional.empty(), client.next());
    }

    @Test
    void next_anyOtherStatus_failsNamingItAndThePath() {
        answer = new Answer(500, Map.of(), "{\"errorMessage\":\"boom\"}");
        IOException error = assertThrows(IOException.class, () -> client.next());
        assertEquals("the Runtime API answered 500 to invocation/next", error.getMessage());
    }

    @Test
    void respond_postsTheAnswerToTheInvocation() throws IOException {
        client.respond("req-1", "\"hello\"".getBytes(StandardCharsets.UTF_8));
        assertEquals(new Received("POST", "/2018-06-01/runtime/invocation/req-1/response", null,
                received.get(0).contentType(), "\"hello\""), received.get(0));
    }

    @Test
    void respond_refused_failsNamingStatusAndPath() {
        answer = new Answer(413, Map.of(), "{\"errorMessage\":\"Exceeded maximum allowed payload size\"}");
        IOException error = assertThrows(IOException.class,
                () -> client.respond("req-1", new byte[] {'{', '}'}));
        assertEquals("the Runtime API answered 413 to /invocation/req-1/response", error.getMessage());
    }

    @Test
    void error_postsTheErrorDocumentWithItsTypeInTheHeader() throws IOException {
        client.error("req-1", "java.lang.IllegalStateException",
                ErrorJson.of("java.lang.IllegalStateException", "bad"));
        Received post = received.get(0);
        assertEquals("/2018-06-01/runtime/invocation/req-1/error", post.path());
        assertEquals("java.lang.IllegalStateException", post.errorType());
        assertEquals("application/json", post.contentType());
        assertEquals("{\"errorMessage\":\"bad\",\"errorType\":\"java.lang.IllegalStateException\"}", post.body());
    }

    @Test
    void initError_postsToInitError_andAFailureThereIsReported() {
        answer = new Answer(400, Map.of(), "");
        IOException error = assertThrows(IOException.class,
                () -> client.initError("java.lang.ClassNotFoundException",
                        ErrorJson.of("java.lang.ClassNotFoundException", "x")));
        assertEquals("the Runtime API answered 400 to /init/error", error.getMessage());
        assertEquals("/2018-06-01/runtime/init/error", received.get(0).path());
        assertEquals("java.lang.ClassNotFoundException", received.get(0).errorType());
    }

    @Test
    void noRuntimeApiListening_isAnIOException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RuntimeApiClient nowhere = new RuntimeApiClient("127.0.0.1:" + closedPort);
        assertThrows(IOException.class, nowhere::next);
        assertTrue(received.isEmpty());
    }
}
