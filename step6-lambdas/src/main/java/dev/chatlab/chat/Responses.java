package dev.chatlab.chat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;

/** The answers functions give API Gateway. */
final class Responses {

    /** The history is fetched by the S3-hosted page, another origin: CORS lets the browser read it. */
    static final Map<String, String> JSON_HEADERS = Map.of(
            "Content-Type", "application/json; charset=utf-8",
            "Access-Control-Allow-Origin", "*");

    private Responses() {
    }

    static APIGatewayV2WebSocketResponse webSocket(int status, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        response.setBody(body);
        return response;
    }

    static APIGatewayProxyResponseEvent json(int status, String body) {
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(JSON_HEADERS).withBody(body);
    }

    static APIGatewayProxyResponseEvent badRequest(String reason) {
        return json(400, Frames.write(Frames.object().put("error", reason)));
    }
}
