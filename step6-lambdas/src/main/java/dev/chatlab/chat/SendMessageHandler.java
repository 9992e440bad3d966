package dev.chatlab.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code sendMessage} route (and {@code $default}): stores the message and posts it to
 * every connection of the room through API Gateway's management API ({@code POST
 * @connections/{connectionId}}). A connection API Gateway reports gone (410) is deleted; the
 * others still get the message.
 */
public class SendMessageHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    /** Posts run in parallel: a room of 50 should not wait for 50 round trips one after another. */
    private static final int POST_THREADS = 16;

    private final DynamoDbClient dynamo;
    private final ApiGatewayManagementApiClient connections;
    private final ChatConfig config;
    private final ExecutorService posters = Executors.newFixedThreadPool(POST_THREADS, runnable -> {
        Thread thread = new Thread(runnable, "post-to-connection");
        thread.setDaemon(true);
        return thread;
    });

    public SendMessageHandler() {
        this(AwsClients.dynamoDb(),
                AwsClients.connections(ChatConfig.fromEnvironment()), ChatConfig.fromEnvironment());
    }

    public SendMessageHandler(DynamoDbClient dynamo, ApiGatewayManagementApiClient connections, ChatConfig config) {
        this.dynamo = dynamo;
        this.connections = connections;
        this.config = config;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        String sender = event.getRequestContext().getConnectionId();
        if (!"sendMessage".equals(event.getRequestContext().getRouteKey())) {
            // The route key in the message tells a frame that reached $default from one whose route has no handler here.
            postTo(sender, Frames.error("unknown_action", "route " + event.getRequestContext().getRouteKey()
                    + ": use {\"action\":\"sendMessage\",\"roomId\":...,\"text\":...}"));
            return Responses.webSocket(200, "unknown action");
        }
        JsonNode frame = Frames.parseObject(event.getBody());
        String roomId = frame == null ? null : frame.path("roomId").asText(null);
        String text = frame == null ? null : frame.path("text").asText(null);
        Optional<String> problem = frame == null ? Optional.of("the frame must be a JSON object")
                : ChatRules.roomIdProblem(roomId).or(() -> ChatRules.textProblem(text));
        if (problem.isPresent()) {
            postTo(sender, Frames.error("bad_request", problem.get()));
            return Responses.webSocket(200, "refused");
        }
        // One read answers both questions: who gets the message, and whether the sender is one of them.
        Map<String, String> room = membersOf(roomId);
        String nickname = room.get(sender);
        if (nickname == null) {
            postTo(sender, Frames.error("not_in_room", "join the room " + roomId + " before sending to it"));
            return Responses.webSocket(200, "refused");
        }
        ChatMessage message = new ChatMessage(roomId, UUID.randomUUID().toString(), nickname, text.trim(), System.currentTimeMillis());
        // The condition makes a write that would overwrite an existing message fail instead.
        dynamo.putItem(b -> b.tableName(config.messagesTable()).item(message.toItem())
                .conditionExpression("attribute_not_exists(sortKey)"));
        int gone = fanOut(roomId, List.copyOf(room.keySet()), Frames.message(message));
        context.getLogger().log(Frames.log("message_sent", "roomId", roomId, "messageId", message.messageId(),
                "recipients", String.valueOf(room.size() - gone), "gone", String.valueOf(gone)));
        return Responses.webSocket(200, "sent");
    }

    /**
     * Every connection of the room with its nickname (a room can span several pages of results).
     * A strongly consistent read: a sender who has just joined is already in it.
     */
    Map<String, String> membersOf(String roomId) {
        Map<String, String> members = new LinkedHashMap<>();
        dynamo.queryPaginator(b -> b.tableName(config.usersTable()).keyConditionExpression("roomId = :r")
                        .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(roomId)))
                        .projectionExpression("connectionId, nickname")
                        .consistentRead(true))
                .items().forEach(item -> members.put(item.get("connectionId").s(),
                        item.containsKey("nickname") ? item.get("nickname").s() : ""));
        return members;
    }

    /**
     * Posts the frame to every connection, in parallel; deletes the connections that API
     * Gateway reports gone (GoneException, HTTP 410) from the users table. Answers how many
     * were gone.
     */
    int fanOut(String roomId, List<String> connectionIds, String frame) {
        // TODO(step6): For each connection id, post `frame` to it with the management API
        //   (connections.postToConnection, the frame as SdkBytes), in parallel on `posters`
        //   (CompletableFuture.supplyAsync). When a post throws GoneException the connection is
        //   gone: delete its item (roomId, connectionId) from the users table. Wait for all posts,
        //   then return how many were gone.
        throw new UnsupportedOperationException("TODO(step6): For each connection id, post `frame` to it with the management API (connections.postToConnection, the frame as SdkBytes), in parallel on `posters` (CompletableFuture.supplyAsync).");
    }

    /** Answers the sender alone; a sender that left meanwhile is no error. */
    void postTo(String connectionId, String frame) {
        try {
            connections.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(frame)));
        } catch (GoneException e) {
            // the sender closed its connection before the answer: nobody to tell
        }
    }
}
