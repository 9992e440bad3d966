package dev.chatlab.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;

class DisconnectHandlerTest {

    static LocalTables tables;

    @BeforeAll
    static void start() {
        tables = new LocalTables();
    }

    @AfterAll
    static void stop() {
        tables.close();
    }

    @ParameterizedTest
    @Event(value = "events/disconnect.json", type = APIGatewayV2WebSocketEvent.class)
    void handleRequest_deletesTheConnectionFoundThroughTheIndex_andNoOther(APIGatewayV2WebSocketEvent event) {
        tables.join("general", "Lcon1abcAMcFnWA=", "alice");
        tables.join("general", "other=", "bob");
        var handler = new DisconnectHandler(tables.dynamo, LocalTables.CONFIG);
        var response = handler.handleRequest(event, new TestContext());
        assertEquals(200, response.getStatusCode());
        var left = tables.members("general");
        assertEquals(1, left.size());
        assertEquals("other=", left.get(0).get("connectionId").s());
    }
}
