package dev.chatlab.localcloud.services.cloudformation.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The REST API SAM makes for the functions' Api events: {@code ServerlessRestApi},
 * {@code ServerlessRestApiDeployment<hash>} and {@code ServerlessRestApiProdStage} (stage "Prod").
 * SAM describes the routes in the RestApi's OpenAPI {@code Body}; localcloud's API Gateway has no
 * import, so the routes are explicit Resource and Method resources (AWS_PROXY to the function).
 */
final class ImplicitRestApi {

    static final String API = "ServerlessRestApi";

    private final Map<String, ObjectNode> pathResources = new LinkedHashMap<>();
    private final ObjectNode methods = Json.object();

    void add(String function, String event, JsonNode properties, ObjectNode resources) {
        String path = properties.path("Path").asText("/");
        String method = properties.path("Method").asText("ANY").toUpperCase(Locale.ROOT);
        ObjectNode definition = Json.object().put("Type", "AWS::ApiGateway::Method");
        ObjectNode out = definition.putObject("Properties");
        out.putObject("RestApiId").put("Ref", API);
        out.set("ResourceId", resourceFor(path));
        out.put("HttpMethod", method).put("AuthorizationType", "NONE");
        ObjectNode integration = out.putObject("Integration").put("Type", "AWS_PROXY").put("IntegrationHttpMethod", "POST");
        integration.putObject("Uri").put("Fn::Sub", "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${" + function + ".Arn}/invocations");
        methods.set(API + method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT) + logicalPart(path) + "Method", definition);

        ObjectNode permission = Json.object().put("Type", "AWS::Lambda::Permission");
        ObjectNode grant = permission.putObject("Properties").put("Action", "lambda:InvokeFunction").put("Principal", "apigateway.amazonaws.com");
        grant.putObject("FunctionName").put("Ref", function);
        String sourcePath = method.equals("ANY") ? "*" : method;
        ArrayNode sub = grant.putObject("SourceArn").putArray("Fn::Sub");
        sub.add("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/" + sourcePath + path);
        sub.addObject().put("__Stage__", "*").putObject("__ApiId__").put("Ref", API);
        resources.set(function + event + "PermissionProd", permission);
    }

    /** The Resource of each path segment, made once; the root is the API's RootResourceId. */
    private JsonNode resourceFor(String path) {
        JsonNode parent = Json.object().set("Fn::GetAtt", Json.array().add(API).add("RootResourceId"));
        StringBuilder sofar = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            sofar.append('/').append(part);
            String id = API + logicalPart(sofar.toString()) + "Resource";
            if (!pathResources.containsKey(id)) {
                ObjectNode resource = Json.object().put("Type", "AWS::ApiGateway::Resource");
                ObjectNode out = resource.putObject("Properties");
                out.putObject("RestApiId").put("Ref", API);
                out.set("ParentId", parent);
                out.put("PathPart", part);
                pathResources.put(id, resource);
            }
            parent = Json.object().put("Ref", id);
        }
        return parent;
    }

    private static String logicalPart(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.length() == 0 ? "Root" : Character.toUpperCase(out.charAt(0)) + out.substring(1);
    }

    void addTo(ObjectNode resources, JsonNode templateResources) {
        if (methods.isEmpty() || templateResources.has(API)) {
            return;
        }
        ObjectNode api = Json.object().put("Type", "AWS::ApiGateway::RestApi");
        api.putObject("Properties").putObject("Name").put("Ref", "AWS::StackName");
        resources.set(API, api);
        pathResources.forEach(resources::set);
        methods.fields().forEachRemaining(entry -> resources.set(entry.getKey(), entry.getValue()));

        String deployment = API + "Deployment" + hash(methods.toString());
        ObjectNode deploy = Json.object().put("Type", "AWS::ApiGateway::Deployment");
        deploy.putObject("Properties").put("Description", "RestApi deployment id: " + deployment.substring((API + "Deployment").length()))
                .putObject("RestApiId").put("Ref", API);
        ArrayNode dependsOn = deploy.putArray("DependsOn");
        methods.fieldNames().forEachRemaining(dependsOn::add);
        resources.set(deployment, deploy);

        ObjectNode stage = Json.object().put("Type", "AWS::ApiGateway::Stage");
        ObjectNode out = stage.putObject("Properties").put("StageName", "Prod");
        out.putObject("RestApiId").put("Ref", API);
        out.putObject("DeploymentId").put("Ref", deployment);
        resources.set(API + "ProdStage", stage);
    }

    /** SAM names the deployment by a hash of the API's definition, so a changed API gets a new deployment. */
    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
