package dev.chatlab.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code GET /rooms/{roomId}/messages?limit=50&before=<sortKey>} through the REST API: the
 * newest {@code limit} messages before {@code before}, oldest first, and {@code nextBefore}
 * to page further back.
 */
public class GetMessagesHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    static final Pattern SORT_KEY = Pattern.compile("\\d{13}#.{1,200}");

    private final DynamoDbClient dynamo;
    private final ChatConfig config;

    public GetMessagesHandler() {
        this(AwsClients.dynamoDb(), ChatConfig.fromEnvironment());
    }

    public GetMessagesHandler(DynamoDbClient dynamo, ChatConfig config) {
        this.dynamo = dynamo;
        this.config = config;
    }

    /** A page of history: the messages, newest first as queried, and whether older ones remain. */
    record Page(List<ChatMessage> newestFirst, boolean more) {
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String roomId = event.getPathParameters() == null ? null : event.getPathParameters().get("roomId");
        Map<String, String> query = Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of());
        Optional<String> problem = ChatRules.roomIdProblem(roomId);
        if (problem.isPresent()) {
            return Responses.badRequest(problem.get());
        }
        Optional<Integer> limit = parseLimit(query.get("limit"));
        if (limit.isEmpty()) {
            return Responses.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        String before = query.get("before");
        if (before != null && !SORT_KEY.matcher(before).matches()) {
            return Responses.badRequest("before must be a sortKey from an earlier answer's nextBefore");
        }
        Page page = newestBefore(roomId, before, limit.get());
        List<ChatMessage> oldestFirst = new ArrayList<>(page.newestFirst());
        Collections.reverse(oldestFirst);
        ObjectNode body = Frames.object().put("roomId", roomId);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : oldestFirst) {
            messages.addObject().put("messageId", message.messageId()).put("nickname", message.nickname())
                    .put("text", message.text()).put("sentAt", message.sentAt()).put("sortKey", message.sortKey());
        }
        if (page.more() && !oldestFirst.isEmpty()) {
            body.put("nextBefore", oldestFirst.get(0).sortKey());
        } else {
            body.putNull("nextBefore");
        }
        context.getLogger().log(Frames.log("history", "roomId", roomId, "count", String.valueOf(oldestFirst.size())));
        return Responses.json(200, Frames.write(body));
    }

    /**
     * The {@code limit} parameter: the default when it is absent, empty when it is not a whole
     * number from 1 to {@link #MAX_LIMIT} (which the caller answers with a 400).
     */
    static Optional<Integer> parseLimit(String value) {
        if (value == null) {
            return Optional.of(DEFAULT_LIMIT);
        }
        try {
            return Optional.of(Integer.parseInt(value)).filter(limit -> limit >= 1 && limit <= MAX_LIMIT);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Queries the room's newest {@code limit} messages older than {@code before} (all when it
     * is null), newest first; asks for one more to learn whether older ones remain.
     */
    Page newestBefore(String roomId, String before, int limit) {
        // TODO(step6): Query the messages table for the room: key condition "roomId = :r" (and
        //   "AND sortKey < :before" when `before` is not null), newest first (ScanIndexForward
        //   false), Limit limit + 1. Turn the items into ChatMessage (fromItem); when limit + 1
        //   came back there are more: drop the extra one and say so in the Page.
        // BEGIN SOLUTION
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":r", AttributeValue.fromS(roomId));
        String condition = "roomId = :r";
        if (before != null) {
            condition += " AND sortKey < :before";
            values.put(":before", AttributeValue.fromS(before));
        }
        String keyCondition = condition;
        List<ChatMessage> found = dynamo.query(b -> b.tableName(config.messagesTable())
                        .keyConditionExpression(keyCondition)
                        .expressionAttributeValues(values)
                        .scanIndexForward(false)
                        .limit(limit + 1))
                .items().stream().map(ChatMessage::fromItem).toList();
        boolean more = found.size() > limit;
        return new Page(more ? found.subList(0, limit) : found, more);
        // END SOLUTION
    }
}
