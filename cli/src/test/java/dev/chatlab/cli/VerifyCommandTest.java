package dev.chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code lab verify} on sites that are no chat, or a broken one, served by a tiny HTTP server
 * in this test: each gets one line that says what is wrong, or a table that fails on the line
 * that names it, and exit code 1. (Against a working chat: {@code mistakes.VerifyMistakesTest}.)
 */
class VerifyCommandTest {

    private final Map<String, String> files = new ConcurrentHashMap<>();
    private HttpServer site;

    @BeforeEach
    void serve() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            String body = files.get(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "<h1>404 Not Found</h1>" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        site.start();
        files.put("/", "<!doctype html><title>chat</title><script src=\"/config.js\"></script>");
    }

    @AfterEach
    void stop() {
        site.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + site.getAddress().getPort() + "/";
    }

    @Test
    void notAWebsiteUrl_isAUsageError_inOneLine() {
        LabRun run = LabRun.of("verify", "ftp://example.com/", "--lang", "en");
        assertEquals(2, run.exit(), run.output());
        assertEquals(List.of("  ✘ ftp://example.com/ is not a website URL: give the chat's http:// or https:// address."), run.lines());
    }

    @Test
    void unreachableSite_failsInOneLine() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        LabRun run = LabRun.of("verify", "http://127.0.0.1:" + closed, "--lang", "en");
        assertOneLineError(run, "✘ Cannot reach http://127.0.0.1:" + closed + "/ (connection refused)");
    }

    @Test
    void siteWithoutConfigJs_failsInOneLine() {
        LabRun run = LabRun.of("verify", url(), "--lang", "en");
        assertOneLineError(run, "✘ " + url() + "config.js answered HTTP 404: the site has no config.js");
    }

    /** Step 2's placeholder shows the shape of both URLs in a comment: that must not count as setting them. */
    @Test
    void stepTwosPlaceholderConfigJs_failsInOneLine_sayingItSetsNoRestUrl() throws IOException {
        Path placeholder = Kit.locate(null).root().resolve("step2-static-hosting/site/config.js");
        files.put("/config.js", Files.readString(placeholder));
        LabRun run = LabRun.of("verify", url(), "--lang", "en");
        assertOneLineError(run, "✘ " + url() + "config.js sets no restUrl: it must say window.CHAT_CONFIG = { restUrl:");
    }

    @Test
    void webSocketUrlThatIsHttp_failsInOneLine_namingTheKey() {
        files.put("/config.js", "window.CHAT_CONFIG = { restUrl: 'https://a1.execute-api.ap-northeast-2.amazonaws.com/dev',"
                + " webSocketUrl: 'https://b2.execute-api.ap-northeast-2.amazonaws.com/dev' };");
        LabRun run = LabRun.of("verify", url(), "--lang", "en");
        assertOneLineError(run, "✘ config.js's webSocketUrl is https://b2.execute-api.ap-northeast-2.amazonaws.com/dev, not a wss:// (or ws://) URL");
    }

    /** The page names its config.js (here not beside it), and no WebSocket API answers at the URL config.js names. */
    @Test
    void webSocketUrlWhereNothingAnswers_failsOnTheJoin_andSkipsWhatNeedsIt() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        files.put("/", "<!doctype html><title>chat</title><script defer src='/assets/config.js?v=2'></script>");
        files.put("/assets/config.js", "window.CHAT_CONFIG = {\n  \"restUrl\": \"http://127.0.0.1:" + closed + "/dev/\",\n"
                + "  \"webSocketUrl\": \"ws://127.0.0.1:" + closed + "/dev\"\n};\n");
        LabRun run = LabRun.of("verify", url(), "--lang", "en");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("✔ config.js names a REST and a WebSocket URL (REST http://127.0.0.1:" + closed + "/dev, WebSocket ws://"),
                run.output());
        assertTrue(run.firstFailure().endsWith("✘ two clients join a fresh room"), run.output());
        assertTrue(run.output().contains("failed (connection refused). Is webSocketUrl the WebSocket API's stage URL"), run.output());
        assertTrue(run.output().contains("↷ the history (REST) returns it, with CORS — no client could join the room"), run.output());
        assertTrue(run.output().contains("1/7 checks passed · 1 failed · 5 skipped"), run.output());
    }

    private static void assertOneLineError(LabRun run, String expected) {
        assertEquals(1, run.exit(), run.output());
        List<String> lines = run.lines();
        assertEquals(2, lines.size(), "a heading and one line:\n" + run.output());
        assertTrue(lines.get(1).strip().startsWith(expected), "expected \"" + expected + "\":\n" + run.output());
    }
}
