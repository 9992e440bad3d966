package dev.chatlab.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code $disconnect} route: the connection is gone (either side closed it). The event
 * carries only the ConnectionID, not the room: the GSI connectionId-index finds the item.
 */
public class DisconnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    static final String CONNECTION_INDEX = "connectionId-index";

    private final DynamoDbClient dynamo;
    private final ChatConfig config;

    public DisconnectHandler() {
        this(AwsClients.dynamoDb(), ChatConfig.fromEnvironment());
    }

    public DisconnectHandler(DynamoDbClient dynamo, ChatConfig config) {
        this.dynamo = dynamo;
        this.config = config;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        String connectionId = event.getRequestContext().getConnectionId();
        var items = dynamo.query(b -> b.tableName(config.usersTable()).indexName(CONNECTION_INDEX)
                .keyConditionExpression("connectionId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(connectionId)))).items();
        for (Map<String, AttributeValue> item : items) {
            dynamo.deleteItem(b -> b.tableName(config.usersTable()).key(Map.of(
                    "roomId", item.get("roomId"), "connectionId", item.get("connectionId"))));
            context.getLogger().log(Frames.log("disconnected",
                    "roomId", item.get("roomId").s(), "connectionId", connectionId));
        }
        return Responses.webSocket(200, "disconnected");
    }
}
