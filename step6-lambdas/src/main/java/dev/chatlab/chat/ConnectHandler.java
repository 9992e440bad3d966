package dev.chatlab.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code $connect} route: a browser opens {@code wss://...?roomId=general&nickname=alice};
 * API Gateway gives the connection its ConnectionID and asks this function whether to accept
 * it. A 200 accepts; anything else refuses the handshake with that status.
 */
public class ConnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final DynamoDbClient dynamo;
    private final ChatConfig config;

    /** Lambda's constructor: clients are built once per instance, not once per request (cold start). */
    public ConnectHandler() {
        this(AwsClients.dynamoDb(), ChatConfig.fromEnvironment());
    }

    /** For tests: the clients and configuration to use. */
    public ConnectHandler(DynamoDbClient dynamo, ChatConfig config) {
        this.dynamo = dynamo;
        this.config = config;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        Map<String, String> query = Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of());
        String roomId = query.get("roomId");
        String nickname = query.get("nickname");
        Optional<String> problem = ChatRules.roomIdProblem(roomId).or(() -> ChatRules.nicknameProblem(nickname));
        String connectionId = event.getRequestContext().getConnectionId();
        if (problem.isPresent()) {
            context.getLogger().log(Frames.log("connect_refused",
                    "connectionId", connectionId, "reason", problem.get()));
            return Responses.webSocket(400, problem.get());
        }
        saveConnection(roomId, connectionId, nickname.trim(), System.currentTimeMillis());
        context.getLogger().log(Frames.log("connected", "roomId", roomId, "connectionId", connectionId));
        return Responses.webSocket(200, "connected");
    }

    /** Puts the connection into ChatUsers, so that messages to the room reach it. */
    void saveConnection(String roomId, String connectionId, String nickname, long connectedAt) {
        // TODO(step6): Put one item into the users table (config.usersTable()) with the attributes
        //   roomId, connectionId, nickname (strings) and connectedAt (a number). Look up
        //   PutItemRequest and AttributeValue.fromS / fromN.
        throw new UnsupportedOperationException("TODO(step6): Put one item into the users table (config.usersTable()) with the attributes roomId, connectionId, nickname (strings) and connectedAt (a number).");
    }
}
