package dev.chatlab.localcloud.services.dynamodb;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Requests the SDK would refuse to build (a number where DynamoDB wants a string, a string
 * where it wants a boolean): the SDK's own client sends them, signed as usual, with the body
 * and the target replaced just before signing. The answer is read as an error only.
 */
final class RawDynamoDbRequests implements ExecutionInterceptor {

    private static final ThreadLocal<String[]> NEXT = new ThreadLocal<>();

    private RawDynamoDbRequests() {
    }

    static DynamoDbClient client(TestCloud cloud) {
        return cloud.client(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new RawDynamoDbRequests()).retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    /** Sends {@code json} as the body of {@code operation} and returns the error it is answered with. */
    static DynamoDbException error(DynamoDbClient client, String operation, String json) {
        NEXT.set(new String[] {operation, json});
        try {
            return assertThrows(DynamoDbException.class, () -> client.listTables(b -> { }));
        } finally {
            NEXT.remove();
        }
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        String[] next = NEXT.get();
        if (next == null) {
            return context.httpRequest();
        }
        return context.httpRequest().toBuilder()
                .putHeader("X-Amz-Target", "DynamoDB_20120810." + next[0])
                .putHeader("Content-Length", String.valueOf(next[1].getBytes(StandardCharsets.UTF_8).length))
                .build();
    }

    @Override
    public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        String[] next = NEXT.get();
        return next == null ? context.requestBody() : Optional.of(RequestBody.fromString(next[1], StandardCharsets.UTF_8));
    }
}
