package dev.chatlab.localcloud.services.logs;

import static dev.chatlab.localcloud.core.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.protocol.json.AwsJsonServiceHandler;
import dev.chatlab.localcloud.protocol.constraints.InputValidator;
import dev.chatlab.localcloud.services.logs.model.EventPage;
import dev.chatlab.localcloud.services.logs.model.InputLogEvent;
import dev.chatlab.localcloud.services.logs.model.LogEvent;
import dev.chatlab.localcloud.services.logs.model.LogGroup;
import dev.chatlab.localcloud.services.logs.model.LogStream;
import dev.chatlab.localcloud.services.logs.model.Page;
import java.util.ArrayList;
import java.util.List;

/** CloudWatch Logs' JSON 1.1 protocol: {@code X-Amz-Target: Logs_20140328.<Operation>}. */
public final class LogsHandler extends AwsJsonServiceHandler {

    private static final Protocol PROTOCOL = new Protocol("logs", "Logs_20140328.", "1.1", null, "The request body is not valid JSON.");
    /** CloudWatch Logs refuses input that breaks its model's constraints with this error. */
    private static final InputValidator INPUT = InputValidator.of(message -> new AwsException("InvalidParameterException", 400, message), "logs");

    private final LogsService logs;

    public LogsHandler(LogsService logs) {
        super(PROTOCOL, INPUT);
        this.logs = logs;
    }

    @Override
    protected ObjectNode answer(String operation, JsonNode body, AwsRequest request) {
        return dispatch(operation, body, AccountAndRegion.regionOf(request));
    }

    private ObjectNode dispatch(String operation, JsonNode in, String region) {
        ObjectNode out = Json.object();
        switch (operation) {
            case "CreateLogGroup" -> logs.createLogGroup(text(in, "logGroupName"));
            case "DeleteLogGroup" -> logs.deleteLogGroup(required(in, "logGroupName"));
            case "PutRetentionPolicy" -> logs.putRetentionPolicy(required(in, "logGroupName"), in.path("retentionInDays").asInt());
            case "CreateLogStream" -> logs.createLogStream(required(in, "logGroupName"), text(in, "logStreamName"));
            case "DeleteLogStream" -> logs.deleteLogStream(required(in, "logGroupName"), required(in, "logStreamName"));
            case "DescribeLogGroups" -> {
                Page<LogGroup> page = logs.describeLogGroups(text(in, "logGroupNamePrefix"), integer(in, "limit"), text(in, "nextToken"));
                ArrayNode groups = out.putArray("logGroups");
                page.items().forEach(group -> groups.add(render(group, region)));
                putToken(out, "nextToken", page.nextToken());
            }
            case "DescribeLogStreams" -> {
                String group = groupName(in);
                Page<LogStream> page = logs.describeLogStreams(group, text(in, "logStreamNamePrefix"), text(in, "orderBy"),
                        in.path("descending").asBoolean(false), integer(in, "limit"), text(in, "nextToken"));
                ArrayNode streams = out.putArray("logStreams");
                page.items().forEach(stream -> streams.add(render(stream, group, region)));
                putToken(out, "nextToken", page.nextToken());
            }
            case "PutLogEvents" -> {
                List<InputLogEvent> events = new ArrayList<>();
                in.path("logEvents").forEach(event -> events.add(new InputLogEvent(event.path("timestamp").asLong(), event.path("message").asText(""))));
                out.put("nextSequenceToken", logs.putLogEvents(required(in, "logGroupName"), required(in, "logStreamName"), events));
            }
            case "GetLogEvents" -> {
                EventPage page = logs.getLogEvents(groupName(in), required(in, "logStreamName"), longValue(in, "startTime"),
                        longValue(in, "endTime"), text(in, "nextToken"), integer(in, "limit"), in.path("startFromHead").asBoolean(false));
                ArrayNode events = out.putArray("events");
                page.events().forEach(event -> events.add(Json.object()
                        .put("timestamp", event.timestamp())
                        .put("message", event.message())
                        .put("ingestionTime", event.ingestionTime())));
                out.put("nextForwardToken", page.nextForwardToken());
                out.put("nextBackwardToken", page.nextBackwardToken());
            }
            case "FilterLogEvents" -> {
                List<String> names = new ArrayList<>();
                in.path("logStreamNames").forEach(name -> names.add(name.asText()));
                Page<LogEvent> page = logs.filterLogEvents(groupName(in), names, text(in, "logStreamNamePrefix"),
                        longValue(in, "startTime"), longValue(in, "endTime"), text(in, "filterPattern"),
                        text(in, "nextToken"), integer(in, "limit"));
                ArrayNode events = out.putArray("events");
                page.items().forEach(event -> events.add(Json.object()
                        .put("logStreamName", event.logStreamName())
                        .put("timestamp", event.timestamp())
                        .put("message", event.message())
                        .put("ingestionTime", event.ingestionTime())
                        .put("eventId", event.eventId())));
                out.putArray("searchedLogStreams");
                putToken(out, "nextToken", page.nextToken());
            }
            default -> throw new AwsException("UnknownOperationException", 400,
                    "localcloud's CloudWatch Logs does not support " + operation + ".");
        }
        return out;
    }

    private static ObjectNode render(LogGroup group, String region) {
        String arn = "arn:aws:logs:" + region + ":" + AccountAndRegion.ACCOUNT_ID + ":log-group:" + group.logGroupName();
        ObjectNode node = Json.object()
                .put("logGroupName", group.logGroupName())
                .put("creationTime", group.creationTime())
                .put("metricFilterCount", 0)
                .put("arn", arn + ":*")
                .put("logGroupArn", arn)
                .put("storedBytes", 0)
                .put("logGroupClass", "STANDARD");
        if (group.retentionInDays() != null) {
            node.put("retentionInDays", group.retentionInDays());
        }
        return node;
    }

    private static ObjectNode render(LogStream stream, String group, String region) {
        ObjectNode node = Json.object()
                .put("logStreamName", stream.logStreamName())
                .put("creationTime", stream.creationTime())
                .put("arn", "arn:aws:logs:" + region + ":" + AccountAndRegion.ACCOUNT_ID + ":log-group:" + group
                        + ":log-stream:" + stream.logStreamName())
                .put("storedBytes", 0);
        if (stream.firstEventTimestamp() != null) {
            node.put("firstEventTimestamp", stream.firstEventTimestamp());
            node.put("lastEventTimestamp", stream.lastEventTimestamp());
            node.put("lastIngestionTime", stream.lastIngestionTime());
        }
        return node;
    }

    /** logGroupName, or the group's name or ARN in logGroupIdentifier. */
    private static String groupName(JsonNode in) {
        String name = text(in, "logGroupName");
        String identifier = text(in, "logGroupIdentifier");
        if (name != null && identifier != null) {
            throw new AwsException("InvalidParameterException", 400, "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (identifier != null) {
            int at = identifier.indexOf(":log-group:");
            name = at < 0 ? identifier : identifier.substring(at + ":log-group:".length()).replaceAll(":\\*$", "");
        }
        if (name == null) {
            throw new AwsException("InvalidParameterException", 400, "Either LogGroupName or LogGroupIdentifier must be provided.");
        }
        return name;
    }

    private static void putToken(ObjectNode out, String field, String token) {
        if (token != null) {
            out.put(field, token);
        }
    }


    private static String required(JsonNode in, String field) {
        String value = text(in, field);
        if (value == null) {
            throw new AwsException("InvalidParameterException", 400, "1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static Integer integer(JsonNode in, String field) {
        JsonNode value = in.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }

    private static Long longValue(JsonNode in, String field) {
        JsonNode value = in.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }
}
