package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.CloudContext;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.protocol.AwsJsonRequest;
import dev.chatlab.localcloud.protocol.ErrorRenderer;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.services.iam.CallerAuthorization;
import java.util.Set;

/**
 * DynamoDB's wire protocol, JSON 1.0: {@code POST /} with {@code X-Amz-Target:
 * DynamoDB_20120810.<Operation>} and a JSON body; errors carry
 * {@code __type: com.amazonaws.dynamodb.v20120810#<Code>}.
 */
public final class DynamoDbHandler implements ServiceHandler, AutoCloseable {

    static final String TARGET_PREFIX = "DynamoDB_20120810.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    static final String ERROR_TYPE_PREFIX = "com.amazonaws.dynamodb.v20120810";

    private final DynamoDbService service;
    private final CallerAuthorization authorization;
    private final String accountId;

    public DynamoDbHandler(CloudContext context, CallerAuthorization authorization) {
        this.service = new DynamoDbService(context);
        this.authorization = authorization;
        this.accountId = context.accountId();
    }

    @Override
    public Set<String> signingNames() {
        return Set.of("dynamodb");
    }

    @Override
    public Set<String> targetPrefixes() {
        return Set.of(TARGET_PREFIX);
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String requestId = DynamoDbRequestIds.next();
        try {
            AwsJsonRequest call = AwsJsonRequest.read(request, TARGET_PREFIX, "Start of structure or map found where not expected.");
            String operation = call.operation();
            JsonNode body = call.body();
            if (authorization.appliesTo(request)) {
                // A function's role credentials or an IAM user's key: IAM decides, per table (and index) touched.
                String scopeRegion = AccountAndRegion.regionOf(request);
                for (String arn : RequestResources.of(operation, body, scopeRegion, accountId)) {
                    authorization.check(request, "dynamodb:" + operation, arn, null);
                }
            }
            // only a new table's ARN needs the region: spare the other calls the header parsing
            String region = operation.equals("CreateTable")
                    ? AccountAndRegion.regionOf(request) : AccountAndRegion.DEFAULT_REGION;
            ObjectNode answer = service.call(operation, body, region);
            return AwsResponse.status(200).contentType(CONTENT_TYPE).body(Json.writeBytes(answer))
                    .header("x-amzn-RequestId", requestId);
        } catch (AwsException e) {
            return render(e, requestId);
        }
    }

    @Override
    public AwsResponse renderError(AwsException e, AwsRequest request) {
        return render(e, DynamoDbRequestIds.next());
    }

    private static AwsResponse render(AwsException e, String requestId) {
        AwsResponse response = ErrorRenderer.awsJson(e, requestId, ERROR_TYPE_PREFIX, CONTENT_TYPE);
        if (e instanceof DynamoDbError error && error.fields().size() > 0) {
            ObjectNode body = (ObjectNode) Json.parse(response.body(), () -> e);
            body.setAll(error.fields());
            response.body(Json.writeBytes(body));
        }
        return response;
    }

    @Override
    public void close() {
        service.close();
    }
}
