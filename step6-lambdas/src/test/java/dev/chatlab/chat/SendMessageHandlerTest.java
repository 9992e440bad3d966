package dev.chatlab.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;

class SendMessageHandlerTest {

    static final String SENDER = "Lcon1abcAMcFnWA=";

    static LocalTables tables;
    RecordingConnections connections;
    SendMessageHandler handler;

    @BeforeAll
    static void start() {
        tables = new LocalTables();
    }

    @BeforeEach
    void emptyRoom() {
        tables.clear();
        connections = new RecordingConnections();
        handler = new SendMessageHandler(tables.dynamo, connections, LocalTables.CONFIG);
    }

    @AfterAll
    static void stop() {
        tables.close();
    }

    @ParameterizedTest
    @Event(value = "events/send-message.json", type = APIGatewayV2WebSocketEvent.class)
    void handleRequest_storesTheMessageAndPostsItToEveryMember_senderIncluded(APIGatewayV2WebSocketEvent event)
            throws JsonProcessingException {
        tables.join("general", SENDER, "alice");
        tables.join("general", "bob=", "bob");
        tables.join("elsewhere", "carol=", "carol");
        handler.handleRequest(event, new TestContext());
        JsonNode toBob = new ObjectMapper().readTree(connections.sentTo("bob=").get(0));
        assertEquals("message", toBob.path("type").asText());
        assertEquals("general", toBob.path("roomId").asText());
        assertEquals("alice", toBob.path("nickname").asText());
        assertEquals("hello <b>world</b>", toBob.path("text").asText(), "trimmed, and never rewritten");
        assertEquals(connections.sentTo("bob="), connections.sentTo(SENDER));
        assertTrue(connections.sentTo("carol=").isEmpty(), "another room gets nothing");
        var stored = tables.messages("general");
        assertEquals(1, stored.size());
        assertEquals(toBob.path("messageId").asText(), stored.get(0).get("messageId").s());
        assertTrue(stored.get(0).get("sortKey").s().matches("\\d{13}#" + toBob.path("messageId").asText()));
    }

    @ParameterizedTest
    @Event(value = "events/send-message.json", type = APIGatewayV2WebSocketEvent.class)
    void goneConnection_isDeletedFromChatUsers_andTheOthersStillGetTheMessage(APIGatewayV2WebSocketEvent event) {
        tables.join("general", SENDER, "alice");
        tables.join("general", "gone=", "ghost");
        tables.join("general", "bob=", "bob");
        connections.gone.add("gone=");
        handler.handleRequest(event, new TestContext());
        assertEquals(1, connections.sentTo("bob=").size());
        assertTrue(tables.members("general").stream().noneMatch(item -> item.get("connectionId").s().equals("gone=")));
        assertEquals(2, tables.members("general").size());
    }

    @ParameterizedTest
    @Event(value = "events/send-message.json", type = APIGatewayV2WebSocketEvent.class)
    void postFailingOtherwise_isLogged_andTheOthersStillGetTheMessage_andTheInvocationSucceeds(
            APIGatewayV2WebSocketEvent event) {
        tables.join("general", SENDER, "alice");
        tables.join("general", "throttled=", "carol");
        tables.join("general", "unreachable=", "dave");
        tables.join("general", "bob=", "bob");
        connections.failing.put("throttled=", LimitExceededException.builder().statusCode(429)
                .message("Rate exceeded").build());
        connections.failing.put("unreachable=", SdkClientException.create("Unable to execute HTTP request"));
        TestContext context = new TestContext();

        APIGatewayV2WebSocketResponse response = handler.handleRequest(event, context);

        assertEquals(200, response.getStatusCode());
        assertEquals(1, connections.sentTo("bob=").size());
        assertEquals(1, connections.sentTo(SENDER).size());
        assertEquals(1, tables.messages("general").size(), "stored once: nothing to retry");
        assertEquals(4, tables.members("general").size(), "only a gone connection is deleted");
        String log = String.join("\n", context.logLines);
        assertTrue(context.logLines.stream().anyMatch(line -> line.contains("\"event\":\"post_failed\"")
                && line.contains("\"connectionId\":\"throttled=\"") && line.contains("Rate exceeded")), log);
        assertTrue(context.logLines.stream().anyMatch(line -> line.contains("\"event\":\"post_failed\"")
                && line.contains("\"connectionId\":\"unreachable=\"")), log);
        assertTrue(context.logLines.stream().anyMatch(line -> line.contains("\"event\":\"message_sent\"")
                && line.contains("\"recipients\":\"2\"") && line.contains("\"failed\":\"2\"")), log);
    }

    @ParameterizedTest
    @Event(value = "events/send-message.json", type = APIGatewayV2WebSocketEvent.class)
    void frameThatIsNotAJsonObject_getsBadRequest(APIGatewayV2WebSocketEvent event) {
        tables.join("general", SENDER, "alice");
        event.setBody("[\"sendMessage\"]");
        handler.handleRequest(event, new TestContext());
        assertTrue(connections.sentTo(SENDER).get(0).contains("\"code\":\"bad_request\""));
        assertTrue(tables.messages("general").isEmpty());
    }

    @ParameterizedTest
    @Event(value = "events/send-message.json", type = APIGatewayV2WebSocketEvent.class)
    void senderNotInTheRoom_getsNotInRoom_andNothingIsStored(APIGatewayV2WebSocketEvent event) {
        tables.join("general", "bob=", "bob");
        handler.handleRequest(event, new TestContext());
        assertTrue(connections.sentTo(SENDER).get(0).contains("\"code\":\"not_in_room\""));
        assertTrue(connections.sentTo("bob=").isEmpty());
        assertTrue(tables.messages("general").isEmpty());
    }

    @ParameterizedTest
    @Event(value = "events/send-message-empty-text.json", type = APIGatewayV2WebSocketEvent.class)
    void handleRequest_rejectsBlankText_withBadRequest(APIGatewayV2WebSocketEvent event) {
        tables.join("general", SENDER, "alice");
        handler.handleRequest(event, new TestContext());
        assertTrue(connections.sentTo(SENDER).get(0).contains("\"code\":\"bad_request\""));
        assertTrue(tables.messages("general").isEmpty());
    }

    @ParameterizedTest
    @Event(value = "events/default-route.json", type = APIGatewayV2WebSocketEvent.class)
    void defaultRoute_answersTheSenderUnknownAction(APIGatewayV2WebSocketEvent event) {
        handler.handleRequest(event, new TestContext());
        assertTrue(connections.sentTo(SENDER).get(0).contains("\"code\":\"unknown_action\""));
    }
}
