package dev.chatlab.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;

class ConnectHandlerTest {

    static LocalTables tables;
    static ConnectHandler handler;

    @BeforeAll
    static void start() {
        tables = new LocalTables();
        handler = new ConnectHandler(tables.dynamo, LocalTables.CONFIG);
    }

    @AfterAll
    static void stop() {
        tables.close();
    }

    @ParameterizedTest
    @Event(value = "events/connect.json", type = APIGatewayV2WebSocketEvent.class)
    void handleRequest_putsTheConnectionIntoChatUsersWithTheTrimmedNickname(APIGatewayV2WebSocketEvent event) {
        assertEquals(200, handler.handleRequest(event, new TestContext()).getStatusCode());
        var member = tables.members("general").stream()
                .filter(item -> item.get("connectionId").s().equals("Lcon1abcAMcFnWA=")).findFirst().orElseThrow();
        assertEquals("alice", member.get("nickname").s());
        assertTrue(Long.parseLong(member.get("connectedAt").n()) > 0);
    }

    @ParameterizedTest
    @Event(value = "events/connect-empty-nickname.json", type = APIGatewayV2WebSocketEvent.class)
    void handleRequest_rejectsEmptyNickname(APIGatewayV2WebSocketEvent event) {
        assertEquals(400, handler.handleRequest(event, new TestContext()).getStatusCode());
        assertTrue(tables.members("general").stream()
                .noneMatch(item -> item.get("connectionId").s().equals("Lcon2abcAMcFnWA=")));
    }

    @ParameterizedTest
    @Event(value = "events/connect-bad-room.json", type = APIGatewayV2WebSocketEvent.class)
    void handleRequest_rejectsARoomIdOutsideTheProtocolsAlphabet(APIGatewayV2WebSocketEvent event) {
        var response = handler.handleRequest(event, new TestContext());
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("roomId"), response.getBody());
    }
}
