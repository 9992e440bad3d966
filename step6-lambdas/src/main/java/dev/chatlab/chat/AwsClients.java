package dev.chatlab.chat;

import java.net.URI;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SDK clients of the functions. Each handler builds them once, in its constructor, so that
 * only the first request of an instance (its cold start) pays for them.
 *
 * <p>They use the AWS CRT-based HTTP client, the one AWS recommends for Lambda: it starts about
 * as fast as the JDK's URLConnection client, and each call then costs a fraction of the time.
 * The URLConnection client checks a reused connection by waiting a millisecond for a read before
 * every POST, and every AWS call here is a POST.
 */
final class AwsClients {

    private AwsClients() {
    }

    /** DynamoDB in the function's region (AWS_REGION; locally AWS_ENDPOINT_URL too, both set by Lambda). */
    static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().httpClientBuilder(AwsCrtHttpClient.builder()).build();
    }

    /**
     * The management API lives at the WebSocket API's stage URL, with https instead of wss.
     *
     * @throws IllegalStateException when WEBSOCKET_CALLBACK_URL is not set
     */
    static ApiGatewayManagementApiClient connections(ChatConfig config) {
        return ApiGatewayManagementApiClient.builder()
                .httpClientBuilder(AwsCrtHttpClient.builder())
                .endpointOverride(URI.create(config.requireCallbackUrl()))
                .build();
    }
}
