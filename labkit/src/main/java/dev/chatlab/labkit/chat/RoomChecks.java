package dev.chatlab.labkit.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.Text;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * A chat tested end to end through its two APIs by two clients, alice and bob, in a fresh room:
 * they join, a message reaches both, the history returns it with CORS, a malformed frame gets
 * an error frame. Step 8's check and {@code lab verify} both run these; only the URLs differ
 * (the lab's APIs, or what a site's config.js names). When nobody could join, every later
 * check is skipped, saying so, so that the table fails on the join and nowhere else.
 */
public final class RoomChecks implements AutoCloseable {

    /** How long a frame or an answer may take: API Gateway allows an integration 29 s, a busy laptop needs some. */
    public static final Duration PATIENCE = Duration.ofSeconds(15);
    /** Why a check after a failed join is skipped. */
    static final Text NOT_JOINED = Text.of("no client could join the room", "방에 들어간 클라이언트가 없습니다");
    /** Why a check that needs messages delivered is skipped after the delivery check failed. */
    static final Text NOT_DELIVERED = Text.of("no message reached the clients above: fix that first", "위의 클라이언트에게 메시지가 오지 않았습니다: 그것부터 고치세요");
    /** How long to wait before asking the history again for a message it did not show yet. */
    private static final Duration RE_ASK = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Checks checks;
    private final ChatEndpoints endpoints;
    private final String room;
    private final String text;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private ChatConnection alice;
    private ChatConnection bob;
    private boolean delivered;

    private RoomChecks(Checks checks, ChatEndpoints endpoints, String room) {
        this.checks = checks;
        this.endpoints = endpoints;
        this.room = room;
        this.text = "hello from alice " + room;
    }

    /** alice and bob join the room {@code <roomPrefix>-<random>}: the first check. */
    public static RoomChecks join(Checks checks, ChatEndpoints endpoints, String roomPrefix) {
        RoomChecks members = new RoomChecks(checks, endpoints, roomPrefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        checks.check(Text.of("two clients join a fresh room", "두 클라이언트가 새 방에 들어감"), members::open);
        return members;
    }

    private Outcome open() {
        try {
            alice = ChatConnection.open(http, endpoints.webSocketUrl(), room, "alice");
            bob = ChatConnection.open(http, endpoints.webSocketUrl(), room, "bob");
            return Outcome.pass(Text.of("room " + room, "방 " + room));
        } catch (ChatConnection.Refused refused) {
            close();
            alice = null;
            return Outcome.fail(Text.of("The WebSocket handshake to " + refused.url() + " failed (" + refused.reason()
                            + "). Is webSocketUrl the WebSocket API's stage URL (wss://<api-id>.execute-api.<region>.amazonaws.com/<stage>), deployed,"
                            + " with $connect connected to the connect function? A 400 is $connect refusing the query: read its log (in the lab: ./lab logs connect;"
                            + " CloudWatch Logs /aws/lambda/<prefix>-connect).",
                    refused.url() + "로의 WebSocket 연결(핸드셰이크)이 실패했습니다(" + refused.reason()
                            + "). webSocketUrl이 배포된 WebSocket API의 스테이지 주소(wss://<api-id>.execute-api.<region>.amazonaws.com/<stage>)이고"
                            + " $connect가 연결 함수에 연결되어 있나요? 400이면 $connect가 쿼리를 거절한 것입니다. 로그를 보세요(실습에서는 ./lab logs connect,"
                            + " CloudWatch Logs /aws/lambda/<prefix>-connect)."));
        }
    }

    /** Whether both clients joined (the first check passed). */
    public boolean joined() {
        return alice != null;
    }

    /** Whether the delivery check ran and both clients got alice's message. */
    public boolean delivered() {
        return delivered;
    }

    public String room() {
        return room;
    }

    public void checkDelivery() {
        checkJoined(Text.of("a message reaches both members of the room", "메시지가 방의 두 사람 모두에게 도착함"), () -> {
            alice.send(room, text);
            // One patience for both: a message that reaches neither must not cost it twice.
            Deadline deadline = Deadline.in(PATIENCE);
            boolean toAlice = alice.await(f -> text.equals(f.json().path("text").asText()), deadline.left()) != null;
            boolean toBob = bob.await(f -> text.equals(f.json().path("text").asText()), deadline.left()) != null;
            delivered = toAlice && toBob;
            return Outcome.when(delivered, Text.of("alice got it: " + toAlice + ", bob got it: " + toBob
                            + ". Read the send function's log (in the lab: ./lab logs send-message; CloudWatch Logs /aws/lambda/<prefix>-send-message).",
                    "alice 수신: " + toAlice + ", bob 수신: " + toBob
                            + ". 전송 함수의 로그를 보세요(실습에서는 ./lab logs send-message, CloudWatch Logs /aws/lambda/<prefix>-send-message)."));
        });
    }

    /**
     * The history, asked as the page at {@code site} asks it: with that page's Origin, which the
     * answer must allow. Asked again while it answers 200 without the message, within the
     * patience: the history function reads eventually consistent (a plain Query), so on AWS, and
     * in localcloud's aws timing, a message written a moment ago may not be in it yet.
     */
    public void checkHistory(URI site) {
        String origin = site.getScheme() + "://" + site.getRawAuthority();
        checkJoined(Text.of("the history (REST) returns it, with CORS", "기록(REST)이 메시지를 돌려주고 CORS 헤더가 있음"), () -> {
            Deadline deadline = Deadline.in(PATIENCE);
            HttpResponse<String> history;
            boolean found;
            do {
                history = http.send(HttpRequest.newBuilder(endpoints.historyUrl(room, 50)).header("Origin", origin)
                        .timeout(PATIENCE).GET().build(), HttpResponse.BodyHandlers.ofString());
                found = history.statusCode() == 200 && json(history.body()).path("messages").findValuesAsText("text").contains(text);
            } while (!found && history.statusCode() == 200 && deadline.pause(RE_ASK));
            String allowed = history.headers().firstValue("Access-Control-Allow-Origin").orElse("none");
            boolean cors = allowed.equals("*") || allowed.equals(origin);
            return Outcome.when(found && cors, Text.of("HTTP " + history.statusCode() + ", message found: " + found
                            + ", Access-Control-Allow-Origin: " + allowed + " (the page at " + origin + " needs * or its own origin)",
                    "HTTP " + history.statusCode() + ", 메시지 찾음: " + found + ", Access-Control-Allow-Origin: " + allowed
                            + " (" + origin + "의 페이지에는 * 또는 그 출처가 필요합니다)"));
        });
    }

    public void checkMalformedFrame() {
        checkJoined(Text.of("a malformed frame gets an error frame (bad_request)", "잘못된 프레임에는 오류 프레임(bad_request)이 옴"), () -> {
            bob.sendRaw("{\"action\":\"sendMessage\",\"roomId\":\"" + room + "\"}");
            var error = bob.await(f -> f.type().equals("error"), PATIENCE);
            return Outcome.when(error != null && "bad_request".equals(error.json().path("code").asText()), Text.of(
                    "Expected {\"type\":\"error\",\"code\":\"bad_request\"}, got " + (error == null ? "nothing" : error.json()),
                    "{\"type\":\"error\",\"code\":\"bad_request\"}를 기대했지만 받은 것: " + (error == null ? "없음" : error.json())));
        });
    }

    /** Runs {@code body} as a check when both clients joined; skips it, saying why, when they did not. */
    public void checkJoined(Text name, Checks.Body body) {
        if (!joined()) {
            checks.skip(name, NOT_JOINED);
        } else {
            checks.check(name, body);
        }
    }

    /** bob leaves the room (closes his connection); alice stays. */
    public void closeSecond() {
        if (bob != null) {
            bob.close();
        }
    }

    @Override
    public void close() {
        if (alice != null) {
            alice.close();
        }
        closeSecond();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
