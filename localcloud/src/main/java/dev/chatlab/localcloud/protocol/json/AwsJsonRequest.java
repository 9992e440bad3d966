package dev.chatlab.localcloud.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;

/**
 * A request of the awsJson protocols (DynamoDB's 1.0, CloudWatch Logs' 1.1): the operation
 * named by {@code X-Amz-Target: <Prefix>.<Operation>}, and the JSON body.
 *
 * @param operation the operation name, e.g. "PutItem"
 * @param body      the parsed body
 */
public record AwsJsonRequest(String operation, JsonNode body) {

    /**
     * Reads the target and the body, refusing them as the services do: an unknown target is an
     * UnknownOperationException, a body that is not JSON a SerializationException with the
     * service's own message.
     */
    public static AwsJsonRequest read(AwsRequest request, String targetPrefix, String malformedBodyMessage) {
        String target = request.header("x-amz-target").orElse("");
        if (!target.startsWith(targetPrefix)) {
            throw new AwsException("UnknownOperationException", 400, "Missing or unknown X-Amz-Target: " + target);
        }
        JsonNode body = Json.parse(request.body(), () -> new AwsException("SerializationException", 400, malformedBodyMessage));
        return new AwsJsonRequest(target.substring(targetPrefix.length()), body);
    }
}
