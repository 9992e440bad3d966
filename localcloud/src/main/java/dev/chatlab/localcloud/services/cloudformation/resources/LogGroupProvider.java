package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.Json;
import java.util.Set;

/** AWS::Logs::LogGroup: CreateLogGroup with the stack's tags, then its RetentionInDays. Ref is the group's name. */
final class LogGroupProvider extends TypedProvider {

    LogGroupProvider() {
        super("AWS::Logs::LogGroup", Set.of("LogGroupName"), Set.of("Arn"));
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        String name = request.nameOr("LogGroupName", 512, false);
        call(request, "CreateLogGroup", Json.object().put("logGroupName", name).set("tags", ResourceRequest.tagMap(request.tags("Tags"))));
        retention(request, name);
        return Provisioned.of(name).with("Arn", "arn:aws:logs:" + request.region() + ":" + request.accountId() + ":log-group:" + name + ":*");
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current, JsonNode previousProperties) {
        retention(request, current.physicalId());
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        call(request, "DeleteLogGroup", Json.object().put("logGroupName", current.physicalId()));
    }

    private static void retention(ResourceRequest request, String name) {
        String days = request.text("RetentionInDays");
        if (days != null) {
            call(request, "PutRetentionPolicy", Json.object().put("logGroupName", name).put("retentionInDays", Integer.parseInt(days)));
        }
    }

    private static void call(ResourceRequest request, String operation, JsonNode input) {
        request.calls().json("logs", "CloudWatchLogs", "Logs_20140328." + operation, input);
    }
}
