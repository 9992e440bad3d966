package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import java.util.Set;

/**
 * AWS::ApiGateway::RestApi, Resource, Method, Deployment and Stage through API Gateway's REST API.
 * A method is put again on an update (PutMethod and PutIntegration overwrite); a stage is patched
 * to its new deployment; the others are replaced. Ref is the id (a stage's: its name).
 */
final class ApiGatewayProvider extends TypedProvider {

    private final String kind;

    private ApiGatewayProvider(String kind, Set<String> replacedOn, Set<String> attributes) {
        super("AWS::ApiGateway::" + kind, replacedOn, attributes);
        this.kind = kind;
    }

    static ApiGatewayProvider restApi() {
        return new ApiGatewayProvider("RestApi", Set.of(), Set.of("RestApiId", "RootResourceId"));
    }

    static ApiGatewayProvider resource() {
        return new ApiGatewayProvider("Resource", ALL_PROPERTIES, Set.of("ResourceId"));
    }

    static ApiGatewayProvider method() {
        return new ApiGatewayProvider("Method", Set.of("RestApiId", "ResourceId", "HttpMethod"), Set.of());
    }

    static ApiGatewayProvider deployment() {
        return new ApiGatewayProvider("Deployment", ALL_PROPERTIES, Set.of("DeploymentId"));
    }

    static ApiGatewayProvider stage() {
        return new ApiGatewayProvider("Stage", Set.of("RestApiId", "StageName"), Set.of());
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        String apis = "/restapis";
        switch (kind) {
            case "RestApi" -> {
                ObjectNode body = CamelCase.of(request.properties(), "Body", "BodyS3Location", "Parameters", "FailOnWarnings", "Mode");
                body.set("tags", ResourceRequest.tagMap(request.tags("Tags")));
                JsonNode made = call(request, "POST", apis, body);
                String id = made.path("id").asText();
                return Provisioned.of(id).with("RestApiId", id).with("RootResourceId", made.path("rootResourceId").asText());
            }
            case "Resource" -> {
                JsonNode made = call(request, "POST", apis + "/" + request.required("RestApiId") + "/resources/" + request.required("ParentId"),
                        Json.object().put("pathPart", request.required("PathPart")));
                return Provisioned.of(made.path("id").asText()).with("ResourceId", made.path("id").asText());
            }
            case "Method" -> {
                putMethod(request);
                return Provisioned.of(request.generatedName(64, false));
            }
            case "Deployment" -> {
                ObjectNode body = CamelCase.of(request.properties(), "RestApiId", "StageDescription", "DeploymentCanarySettings");
                JsonNode made = call(request, "POST", apis + "/" + request.required("RestApiId") + "/deployments", body);
                return Provisioned.of(made.path("id").asText()).with("DeploymentId", made.path("id").asText());
            }
            default -> {
                ObjectNode body = CamelCase.of(request.properties(), "RestApiId", "MethodSettings", "AccessLogSetting", "CanarySetting");
                body.set("tags", ResourceRequest.tagMap(request.tags("Tags")));
                call(request, "POST", apis + "/" + request.required("RestApiId") + "/stages", body);
                return Provisioned.of(request.required("StageName"));
            }
        }
    }

    private static void putMethod(ResourceRequest request) {
        String path = "/restapis/" + request.required("RestApiId") + "/resources/" + request.required("ResourceId") + "/methods/"
                + request.required("HttpMethod");
        call(request, "PUT", path, CamelCase.of(request.properties(), "RestApiId", "ResourceId", "HttpMethod", "Integration", "MethodResponses"));
        JsonNode integration = request.properties().get("Integration");
        if (integration != null) {
            ObjectNode body = CamelCase.of(integration, "IntegrationHttpMethod", "IntegrationResponses");
            if (integration.has("IntegrationHttpMethod")) {
                body.put("httpMethod", integration.get("IntegrationHttpMethod").asText());
            }
            call(request, "PUT", path + "/integration", body);
        }
        for (JsonNode response : request.properties().path("MethodResponses")) {
            call(request, "PUT", path + "/responses/" + response.path("StatusCode").asText(), CamelCase.of(response, "StatusCode"));
        }
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current, JsonNode previousProperties) {
        if (kind.equals("Method")) {
            putMethod(request);
        } else if (kind.equals("Stage")) {
            ArrayNode operations = Json.array();
            operations.addObject().put("op", "replace").put("path", "/deploymentId").put("value", request.required("DeploymentId"));
            if (request.text("Description") != null) {
                operations.addObject().put("op", "replace").put("path", "/description").put("value", request.text("Description"));
            }
            call(request, "PATCH", "/restapis/" + request.required("RestApiId") + "/stages/" + current.physicalId(),
                    Json.object().set("patchOperations", operations));
        }
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        String api = "/restapis/" + request.text("RestApiId");
        switch (kind) {
            case "RestApi" -> call(request, "DELETE", "/restapis/" + current.physicalId(), null);
            case "Resource" -> call(request, "DELETE", api + "/resources/" + current.physicalId(), null);
            case "Method" -> call(request, "DELETE", api + "/resources/" + request.required("ResourceId") + "/methods/" + request.required("HttpMethod"), null);
            case "Deployment" -> deleteDeployment(request, current, api);
            default -> call(request, "DELETE", api + "/stages/" + current.physicalId(), null);
        }
    }

    /** A stage the deployment made (StageName) goes with it, unless a newer deployment took it over. */
    private static void deleteDeployment(ResourceRequest request, Provisioned current, String api) {
        String stage = request.text("StageName");
        if (stage != null) {
            try {
                JsonNode found = call(request, "GET", api + "/stages/" + stage, null);
                if (current.physicalId().equals(found.path("deploymentId").asText())) {
                    call(request, "DELETE", api + "/stages/" + stage, null);
                }
            } catch (ResourceFailure e) {
                if (!e.notFound()) {
                    throw e;
                }
            }
        }
        call(request, "DELETE", api + "/deployments/" + current.physicalId(), null);
    }

    private static JsonNode call(ResourceRequest request, String method, String path, JsonNode body) {
        return request.calls().restJson("apigateway", "ApiGateway", method, path, body);
    }
}
