package dev.chatlab.localcloud.services.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.config.CloudContext;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.protocol.json.AwsJsonServiceHandler;
import dev.chatlab.localcloud.services.iam.CallerAuthorization;

/**
 * DynamoDB's wire protocol, JSON 1.0: {@code POST /} with {@code X-Amz-Target:
 * DynamoDB_20120810.<Operation>} and a JSON body; errors carry
 * {@code __type: com.amazonaws.dynamodb.v20120810#<Code>}.
 */
public final class DynamoDbHandler extends AwsJsonServiceHandler implements AutoCloseable {

    static final Protocol PROTOCOL = new Protocol("dynamodb", "DynamoDB_20120810.", "1.0", "com.amazonaws.dynamodb.v20120810",
            "Start of structure or map found where not expected.");

    private final DynamoDbService service;
    private final CallerAuthorization authorization;
    private final String accountId;

    /** DynamoDB checks its own input (services/dynamodb/validation), in its own order and words. */
    public DynamoDbHandler(CloudContext context, CallerAuthorization authorization) {
        super(PROTOCOL, null);
        this.service = new DynamoDbService(context);
        this.authorization = authorization;
        this.accountId = context.accountId();
    }

    @Override
    protected ObjectNode answer(String operation, JsonNode body, AwsRequest request) {
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
        return service.call(operation, body, region);
    }

    /** DynamoDB's request ids have their own shape. */
    @Override
    protected String requestId(AwsRequest request) {
        return DynamoDbRequestIds.next();
    }

    /** Some of DynamoDB's errors carry fields beyond code and message (CancellationReasons, Item). */
    @Override
    protected AwsResponse render(AwsException e, String requestId) {
        AwsResponse response = super.render(e, requestId);
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
