package dev.chatlab.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionResponse;

/**
 * API Gateway's management API as the tests need it: it records what each connection was
 * sent, and answers 410 GoneException for the connections named gone, as API Gateway does
 * for a client that vanished without a close, and the given failure for those named failing.
 */
final class RecordingConnections implements ApiGatewayManagementApiClient {

    final Map<String, List<String>> sent = new ConcurrentHashMap<>();
    final Set<String> gone = ConcurrentHashMap.newKeySet();
    /** Connections whose posts fail otherwise (throttled, forbidden, the network), with the failure. */
    final Map<String, RuntimeException> failing = new ConcurrentHashMap<>();

    @Override
    public PostToConnectionResponse postToConnection(Consumer<PostToConnectionRequest.Builder> request) {
        PostToConnectionRequest post = PostToConnectionRequest.builder().applyMutation(request).build();
        if (gone.contains(post.connectionId())) {
            throw GoneException.builder().statusCode(410).message("Connection is gone").build();
        }
        if (failing.containsKey(post.connectionId())) {
            throw failing.get(post.connectionId());
        }
        sent.computeIfAbsent(post.connectionId(), id -> new ArrayList<>()).add(post.data().asUtf8String());
        return PostToConnectionResponse.builder().build();
    }

    List<String> sentTo(String connectionId) {
        return sent.getOrDefault(connectionId, List.of());
    }

    @Override
    public String serviceName() {
        return "execute-api";
    }

    @Override
    public void close() {
    }
}
