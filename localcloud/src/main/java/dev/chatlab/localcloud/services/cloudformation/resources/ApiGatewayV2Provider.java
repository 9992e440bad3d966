package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * AWS::ApiGatewayV2::Api, Route, Integration, Deployment and Stage through API Gateway's v2 REST
 * API: the template's properties are the create call's members in camel case; an update is a
 * PATCH of the same members. Ref is the id (a stage's: its name).
 */
final class ApiGatewayV2Provider extends TypedProvider {

    private final String collection;
    private final String idMember;

    private ApiGatewayV2Provider(String kind, String collection, String idMember, Set<String> replacedOn, Set<String> attributes) {
        super("AWS::ApiGatewayV2::" + kind, replacedOn, attributes);
        this.collection = collection;
        this.idMember = idMember;
    }

    static ApiGatewayV2Provider api() {
        return new ApiGatewayV2Provider("Api", null, "apiId", Set.of("ProtocolType"), Set.of("ApiEndpoint", "ApiId"));
    }

    static ApiGatewayV2Provider route() {
        return new ApiGatewayV2Provider("Route", "routes", "routeId", Set.of("ApiId"), Set.of("RouteId"));
    }

    static ApiGatewayV2Provider integration() {
        return new ApiGatewayV2Provider("Integration", "integrations", "integrationId", Set.of("ApiId"), Set.of("IntegrationId"));
    }

    static ApiGatewayV2Provider deployment() {
        return new ApiGatewayV2Provider("Deployment", "deployments", "deploymentId", ALL_PROPERTIES, Set.of("DeploymentId"));
    }

    static ApiGatewayV2Provider stage() {
        return new ApiGatewayV2Provider("Stage", "stages", "stageName", Set.of("ApiId", "StageName"), Set.of());
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        ObjectNode body = CamelCase.of(request.properties(), "ApiId");
        if (collection == null) {
            body.set("tags", ResourceRequest.tagMap(request.tags("Tags")));
        }
        JsonNode made = call(request, "POST", path(request, null), body);
        String id = made.path(idMember).asText();
        Provisioned provisioned = Provisioned.of(id);
        if (collection == null) {
            provisioned = provisioned.with("ApiId", id).with("ApiEndpoint", made.path("apiEndpoint").asText());
        } else if (!idMember.equals("stageName")) {
            provisioned = provisioned.with(Character.toUpperCase(idMember.charAt(0)) + idMember.substring(1), id);
        }
        if ("deployments".equals(collection)) {
            waitUntilDeployed(request, id);
        }
        return provisioned;
    }

    /** CloudFormation reports a deployment CREATE_COMPLETE once it is DEPLOYED (it is PENDING for a moment first). */
    private void waitUntilDeployed(ResourceRequest request, String deploymentId) {
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode deployment = call(request, "GET", path(request, deploymentId), null);
            String status = deployment.path("deploymentStatus").asText();
            if (status.equals("DEPLOYED")) {
                return;
            }
            if (status.equals("FAILED")) {
                throw new ResourceFailure("Deployment " + deploymentId + " failed: " + deployment.path("deploymentStatusMessage").asText());
            }
            Stabilize.pause();
        }
        throw new ResourceFailure("Deployment " + deploymentId + " was not DEPLOYED within 60 seconds");
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current, JsonNode previousProperties) {
        ObjectNode body = CamelCase.of(request.properties(), "ApiId", "Tags", "StageName");
        call(request, "PATCH", path(request, current.physicalId()), body);
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        call(request, "DELETE", path(request, current.physicalId()), null);
    }

    private String path(ResourceRequest request, String id) {
        String base = collection == null ? "/v2/apis" : "/v2/apis/" + request.required("ApiId") + "/" + collection;
        return id == null ? base : base + "/" + ServiceCalls.encode(id);
    }

    private static JsonNode call(ResourceRequest request, String method, String path, JsonNode body) {
        return request.calls().restJson("apigateway", "ApiGatewayV2", method, path, body);
    }
}
