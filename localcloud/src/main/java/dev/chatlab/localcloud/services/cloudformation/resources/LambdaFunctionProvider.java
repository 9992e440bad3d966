package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import java.util.Set;

/**
 * AWS::Lambda::Function through Lambda's REST API: CreateFunction with the template's
 * properties (they are CreateFunction's members), waiting until it is Active, as CloudFormation
 * does. An update changes the configuration, then the code when {@code Code} changed. Ref is
 * the function's name.
 */
final class LambdaFunctionProvider extends TypedProvider {

    static final String FUNCTIONS = "/2015-03-31/functions";
    private static final String[] CONFIGURATION = {"Handler", "Runtime", "Role", "MemorySize", "Timeout", "Environment",
            "Description", "Architectures", "EphemeralStorage", "Layers", "TracingConfig", "DeadLetterConfig", "LoggingConfig"};

    LambdaFunctionProvider() {
        super("AWS::Lambda::Function", Set.of("FunctionName", "PackageType"), Set.of("Arn"));
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        String name = request.nameOr("FunctionName", 64, false);
        ObjectNode input = configuration(request).put("FunctionName", name);
        input.set("Code", request.properties().path("Code"));
        input.set("Tags", ResourceRequest.tagMap(request.tags("Tags")));
        JsonNode created = createWhenRoleAssumable(request, input);
        waitUntilActive(request, name);
        return Provisioned.of(name).with("Arn", created.path("FunctionArn").asText());
    }

    /**
     * CreateFunction, again while Lambda cannot assume the role yet: a role made by the same
     * stack moments ago is still propagating through IAM, which CloudFormation waits out.
     */
    private static JsonNode createWhenRoleAssumable(ResourceRequest request, ObjectNode input) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call(request, "POST", FUNCTIONS, input);
            } catch (ResourceFailure e) {
                if (attempt >= 300 || !e.getMessage().contains("cannot be assumed by Lambda")) {
                    throw e;
                }
                Stabilize.pause();
            }
        }
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current, JsonNode previousProperties) {
        String path = FUNCTIONS + "/" + current.physicalId();
        call(request, "PUT", path + "/configuration", configuration(request));
        waitUntilActive(request, current.physicalId());
        JsonNode code = request.properties().path("Code");
        if (!code.equals(previousProperties.path("Code"))) {
            call(request, "PUT", path + "/code", code);
            waitUntilActive(request, current.physicalId());
        }
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        call(request, "DELETE", FUNCTIONS + "/" + current.physicalId(), null);
    }

    private static ObjectNode configuration(ResourceRequest request) {
        ObjectNode input = Json.object();
        for (String member : CONFIGURATION) {
            if (request.properties().has(member)) {
                input.set(member, request.properties().get(member));
            }
        }
        return input;
    }

    private static void waitUntilActive(ResourceRequest request, String name) {
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode configuration = call(request, "GET", FUNCTIONS + "/" + name + "/configuration", null);
            String state = configuration.path("State").asText("Active");
            String update = configuration.path("LastUpdateStatus").asText("Successful");
            if (state.equals("Failed") || update.equals("Failed")) {
                throw new ResourceFailure("Function " + name + " failed: " + configuration.path("StateReason").asText(configuration.path("LastUpdateStatusReason").asText()));
            }
            if (state.equals("Active") && !update.equals("InProgress")) {
                return;
            }
            Stabilize.pause();
        }
        throw new ResourceFailure("Function " + name + " did not become Active within 60 seconds");
    }

    static JsonNode call(ResourceRequest request, String method, String path, JsonNode body) {
        return request.calls().restJson("lambda", "Lambda", method, path, body);
    }
}
