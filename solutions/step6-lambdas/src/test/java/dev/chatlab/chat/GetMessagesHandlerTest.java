package dev.chatlab.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GetMessagesHandlerTest {

    static LocalTables tables;
    static GetMessagesHandler handler;

    @BeforeAll
    static void start() {
        tables = new LocalTables();
        handler = new GetMessagesHandler(tables.dynamo, LocalTables.CONFIG);
        for (int i = 1; i <= 3; i++) {
            ChatMessage message = new ChatMessage("general", "m" + i, "alice", "message " + i, 1764000000000L + i);
            tables.dynamo.putItem(b -> b.tableName(LocalTables.CONFIG.messagesTable()).item(message.toItem()));
        }
    }

    @AfterAll
    static void stop() {
        tables.close();
    }

    @ParameterizedTest
    @Event(value = "events/get-messages.json", type = APIGatewayProxyRequestEvent.class)
    void handleRequest_answersTheNewestLimitOldestFirst_withNextBeforeAndCors(APIGatewayProxyRequestEvent event)
            throws JsonProcessingException {
        var response = handler.handleRequest(event, new TestContext());
        assertEquals(200, response.getStatusCode());
        assertEquals("*", response.getHeaders().get("Access-Control-Allow-Origin"));
        JsonNode body = new ObjectMapper().readTree(response.getBody());
        assertEquals("message 2", body.path("messages").get(0).path("text").asText());
        assertEquals("message 3", body.path("messages").get(1).path("text").asText());
        assertEquals(body.path("messages").get(0).path("sortKey").asText(), body.path("nextBefore").asText());

        Map<String, String> older = new HashMap<>(event.getQueryStringParameters());
        older.put("before", body.path("nextBefore").asText());
        var olderResponse = handler.handleRequest(event.withQueryStringParameters(older), new TestContext());
        JsonNode page2 = new ObjectMapper().readTree(olderResponse.getBody());
        assertEquals(1, page2.path("messages").size());
        assertEquals("message 1", page2.path("messages").get(0).path("text").asText());
        assertTrue(page2.path("nextBefore").isNull(), "nothing older than the first message");
    }

    @ParameterizedTest
    @Event(value = "events/get-messages-bad-limit.json", type = APIGatewayProxyRequestEvent.class)
    void handleRequest_rejectsALimitAbove100_with400AndCors(APIGatewayProxyRequestEvent event) {
        var response = handler.handleRequest(event, new TestContext());
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("\"error\""), response.getBody());
        assertEquals("*", response.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @ParameterizedTest
    @Event(value = "events/get-messages.json", type = APIGatewayProxyRequestEvent.class)
    void handleRequest_withoutLimit_answersUpToFifty(APIGatewayProxyRequestEvent event)
            throws JsonProcessingException {
        var response = handler.handleRequest(event.withQueryStringParameters(null), new TestContext());
        assertEquals(200, response.getStatusCode());
        JsonNode body = new ObjectMapper().readTree(response.getBody());
        assertEquals(3, body.path("messages").size());
        assertTrue(body.path("nextBefore").isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "ten", "2.5", ""})
    void handleRequest_rejectsALimitThatIsNotAWholeNumberFrom1To100_with400(String limit) {
        var event = new APIGatewayProxyRequestEvent().withPathParameters(Map.of("roomId", "general"))
                .withQueryStringParameters(Map.of("limit", limit));
        var response = handler.handleRequest(event, new TestContext());
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("limit must be a whole number from 1 to 100"), response.getBody());
    }

    @Test
    void parseLimit_answersTheDefaultWhenAbsent_theLimitWhenValid_andEmptyOtherwise() {
        assertEquals(Optional.of(50), GetMessagesHandler.parseLimit(null));
        assertEquals(Optional.of(1), GetMessagesHandler.parseLimit("1"));
        assertEquals(Optional.of(100), GetMessagesHandler.parseLimit("100"));
        assertEquals(Optional.empty(), GetMessagesHandler.parseLimit("101"));
        assertEquals(Optional.empty(), GetMessagesHandler.parseLimit("fifty"));
    }
}
