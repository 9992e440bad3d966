package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;

/**
 * A DynamoDB error whose body carries structured fields besides the message: the old item of
 * a ConditionalCheckFailedException (ReturnValuesOnConditionCheckFailure=ALL_OLD), the
 * CancellationReasons of a TransactionCanceledException.
 */
public final class DynamoDbError extends AwsException {

    private final ObjectNode fields = Json.object();

    public DynamoDbError(String code, String message) {
        super(code, 400, message);
    }

    public static DynamoDbError conditionalCheckFailed() {
        return new DynamoDbError("ConditionalCheckFailedException", "The conditional request failed");
    }

    public DynamoDbError withField(String name, JsonNode value) {
        fields.set(name, value);
        return this;
    }

    public ObjectNode fields() {
        return fields;
    }
}
