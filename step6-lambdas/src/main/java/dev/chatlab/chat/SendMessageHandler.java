package dev.chatlab.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code sendMessage} route (and {@code $default}): stores the message and posts it to
 * every connection of the room through API Gateway's management API ({@code POST
 * @connections/{connectionId}}). A connection API Gateway reports gone (410) is deleted; a post
 * that fails otherwise is logged. Either way the others still get the message, and the
 * invocation succeeds: the message is stored, and a retry would store it twice.
 */
public class SendMessageHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

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
        this(ChatConfig.fromEnvironment());
    }

    private SendMessageHandler(ChatConfig config) {
        this(AwsClients.dynamoDb(), AwsClients.connections(config), config);
    }

    public SendMessageHandler(DynamoDbClient dynamo, ApiGatewayManagementApiClient connections, ChatConfig config) {
        this.dynamo = dynamo;
        this.connections = connections;
        this.config = config;
    }

    /**
     * What became of the post to one connection.
     *
     * @param error why it failed, for {@link Result#FAILED}; null otherwise
     */
    record Delivery(String connectionId, Result result, String error) {

        enum Result {
            /** API Gateway took the frame for the connection. */
            DELIVERED,
            /** API Gateway answered 410 GoneException: the connection is deleted from the users table. */
            GONE,
            /** Any other failure (throttled, forbidden, a network error): logged, the others carry on. */
            FAILED
        }

        static Delivery delivered(String connectionId) {
            return new Delivery(connectionId, Result.DELIVERED, null);
        }

        static Delivery gone(String connectionId) {
            return new Delivery(connectionId, Result.GONE, null);
        }

        static Delivery failed(String connectionId, Exception cause) {
            String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return new Delivery(connectionId, Result.FAILED, error);
        }
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        String sender = event.getRequestContext().getConnectionId();
        String routeKey = event.getRequestContext().getRouteKey();
        if (!"sendMessage".equals(routeKey)) {
            // The route key in the message tells a frame that reached $default from one whose route
            // has no handler here.
            postTo(sender, Frames.error("unknown_action", "route " + routeKey
                    + ": use {\"action\":\"sendMessage\",\"roomId\":...,\"text\":...}"));
            return Responses.webSocket(200, "unknown action");
        }
        Optional<JsonNode> frame = Frames.parseObject(event.getBody());
        String roomId = frame.map(f -> f.path("roomId").asText(null)).orElse(null);
        String text = frame.map(f -> f.path("text").asText(null)).orElse(null);
        Optional<String> problem = frame.isEmpty() ? Optional.of("the frame must be a JSON object")
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
        ChatMessage message = new ChatMessage(roomId, UUID.randomUUID().toString(), nickname, text.trim(),
                System.currentTimeMillis());
        // The condition makes a write that would overwrite an existing message fail instead.
        dynamo.putItem(b -> b.tableName(config.messagesTable()).item(message.toItem())
                .conditionExpression("attribute_not_exists(sortKey)"));
        List<Delivery> deliveries = fanOut(roomId, List.copyOf(room.keySet()), Frames.message(message));
        logDeliveries(context.getLogger(), message, deliveries);
        return Responses.webSocket(200, "sent");
    }

    /** One line per failed post (which connection, why), then one line for the message. */
    static void logDeliveries(LambdaLogger logger, ChatMessage message, List<Delivery> deliveries) {
        Map<Delivery.Result, Long> counts = new EnumMap<>(Delivery.Result.class);
        for (Delivery delivery : deliveries) {
            counts.merge(delivery.result(), 1L, Long::sum);
            if (delivery.result() == Delivery.Result.FAILED) {
                logger.log(Frames.log("post_failed", "roomId", message.roomId(), "messageId", message.messageId(),
                        "connectionId", delivery.connectionId(), "error", delivery.error()));
            }
        }
        logger.log(Frames.log("message_sent", "roomId", message.roomId(), "messageId", message.messageId(),
                "recipients", String.valueOf(counts.getOrDefault(Delivery.Result.DELIVERED, 0L)),
                "gone", String.valueOf(counts.getOrDefault(Delivery.Result.GONE, 0L)),
                "failed", String.valueOf(counts.getOrDefault(Delivery.Result.FAILED, 0L))));
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
     * Posts the frame to every connection, in parallel, and answers what became of each post.
     * A connection API Gateway reports gone (GoneException, HTTP 410) is deleted from the users
     * table. Any other failure of one post, or of that delete, is that connection's alone: it is
     * answered as FAILED and the other posts carry on.
     */
    List<Delivery> fanOut(String roomId, List<String> connectionIds, String frame) {
        // TODO(step6): For each connection id, post `frame` to it with the management API
        //   (connections.postToConnection, the frame as SdkBytes), in parallel on `posters`
        //   (CompletableFuture.supplyAsync), and answer a Delivery for each. When a post throws
        //   GoneException the connection is gone: delete its item (roomId, connectionId) from the
        //   users table (Delivery.gone). When a post or that delete throws another SdkException,
        //   answer Delivery.failed: it must not reach `join`, or one bad connection fails the
        //   whole invocation after the message was stored. Wait for all posts.
        throw new UnsupportedOperationException("TODO(step6): For each connection id, post `frame` to it with the management API (connections.postToConnection, the frame as SdkBytes), in parallel on `posters` (CompletableFuture.supplyAsync), and answer a Delivery for each.");
    }

    /** Answers the sender alone; a sender that left meanwhile is no error. */
    void postTo(String connectionId, String frame) {
        try {
            connections.postToConnection(b -> b.connectionId(connectionId)
                    .data(SdkBytes.fromUtf8String(frame)));
        } catch (GoneException e) {
            // the sender closed its connection before the answer: nobody to tell
        }
    }
}
