package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import java.util.Map;
import java.util.Set;

/**
 * AWS::DynamoDB::Table through DynamoDB's JSON API: CreateTable with the template's properties
 * (they are CreateTable's members), waiting until the table is ACTIVE as CloudFormation does,
 * then its TimeToLiveSpecification. Ref is the table's name.
 */
final class DynamoDbTableProvider extends TypedProvider {

    private static final String PREFIX = "DynamoDB_20120810.";
    private static final String[] CREATE_MEMBERS = {"AttributeDefinitions", "KeySchema", "BillingMode", "ProvisionedThroughput",
            "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "SSESpecification", "TableClass", "DeletionProtectionEnabled"};

    DynamoDbTableProvider() {
        super("AWS::DynamoDB::Table", Set.of("TableName", "KeySchema", "LocalSecondaryIndexes"), Set.of("Arn", "StreamArn"));
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        String table = request.nameOr("TableName", 255, false);
        ObjectNode input = Json.object().put("TableName", table);
        for (String member : CREATE_MEMBERS) {
            if (request.properties().has(member)) {
                input.set(member, request.properties().get(member));
            }
        }
        JsonNode stream = request.properties().get("StreamSpecification");
        if (stream != null) {
            input.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", stream.path("StreamViewType").asText());
        }
        input.set("Tags", ResourceRequest.tagList(request.tags("Tags"), "Key", "Value"));
        JsonNode created = call(request, "CreateTable", input).path("TableDescription");
        waitUntilActive(request, table);
        timeToLive(request, table, null);
        Provisioned provisioned = Provisioned.of(table).with("Arn", created.path("TableArn").asText());
        return created.has("LatestStreamArn") ? provisioned.with("StreamArn", created.get("LatestStreamArn").asText()) : provisioned;
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current, JsonNode previousProperties) {
        String table = current.physicalId();
        ObjectNode input = Json.object().put("TableName", table);
        for (String member : new String[]{"BillingMode", "ProvisionedThroughput", "AttributeDefinitions", "TableClass", "DeletionProtectionEnabled"}) {
            JsonNode value = request.properties().get(member);
            if (value != null && !value.equals(previousProperties.get(member))) {
                input.set(member, value);
            }
        }
        if (input.size() > 1) {
            call(request, "UpdateTable", input);
            waitUntilActive(request, table);
        }
        timeToLive(request, table, previousProperties.get("TimeToLiveSpecification"));
        Map<String, String> tags = request.tags("Tags");
        call(request, "TagResource", Json.object().put("ResourceArn", current.attribute("Arn"))
                .set("Tags", ResourceRequest.tagList(tags, "Key", "Value")));
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        call(request, "DeleteTable", Json.object().put("TableName", current.physicalId()));
        waitUntilGone(request, current.physicalId());
    }

    /** CloudFormation reports DELETE_COMPLETE only once the table has left DELETING (its name is free again). */
    private static void waitUntilGone(ResourceRequest request, String table) {
        for (int attempt = 0; attempt < 600; attempt++) {
            try {
                call(request, "DescribeTable", Json.object().put("TableName", table));
            } catch (ResourceFailure e) {
                if (e.notFound()) {
                    return;
                }
                throw e;
            }
            Stabilize.pause();
        }
        throw new ResourceFailure("Table " + table + " was still DELETING after 60 seconds");
    }

    private static void timeToLive(ResourceRequest request, String table, JsonNode before) {
        JsonNode ttl = request.properties().get("TimeToLiveSpecification");
        if (ttl != null && !ttl.equals(before)) {
            call(request, "UpdateTimeToLive", Json.object().put("TableName", table).set("TimeToLiveSpecification", Json.object()
                    .put("Enabled", ttl.path("Enabled").asBoolean()).put("AttributeName", ttl.path("AttributeName").asText())));
        }
    }

    /** CloudFormation reports CREATE_COMPLETE only once the table answers ACTIVE. */
    private static void waitUntilActive(ResourceRequest request, String table) {
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode description = call(request, "DescribeTable", Json.object().put("TableName", table)).path("Table");
            if ("ACTIVE".equals(description.path("TableStatus").asText())) {
                return;
            }
            Stabilize.pause();
        }
        throw new ResourceFailure("Table " + table + " did not become ACTIVE within 60 seconds");
    }

    private static JsonNode call(ResourceRequest request, String operation, JsonNode input) {
        return request.calls().json("dynamodb", "DynamoDb", PREFIX + operation, input);
    }
}
