package dev.chatlab.localcloud.services.apigateway.rest;

import static dev.chatlab.localcloud.core.Json.text;
import static dev.chatlab.localcloud.http.AwsResponse.json;
import static dev.chatlab.localcloud.services.apigateway.common.RestJson.body;
import static dev.chatlab.localcloud.services.apigateway.common.RestJson.read;
import static dev.chatlab.localcloud.services.apigateway.common.RestJson.region;
import static dev.chatlab.localcloud.services.apigateway.common.RestJson.stringMap;
import static dev.chatlab.localcloud.services.apigateway.common.RestJson.unsupported;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.constraints.InputValidator;
import dev.chatlab.localcloud.protocol.ErrorRenderer;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.protocol.sigv4.AuthDialect;
import dev.chatlab.localcloud.services.apigateway.common.ApiGatewayArns;
import dev.chatlab.localcloud.services.apigateway.common.ApiGatewayErrors;
import dev.chatlab.localcloud.services.apigateway.common.RestPath;
import dev.chatlab.localcloud.services.apigateway.rest.RestApiService.PatchOperation;
import dev.chatlab.localcloud.services.apigateway.rest.model.Method;
import dev.chatlab.localcloud.services.apigateway.rest.model.Method.Integration;
import dev.chatlab.localcloud.services.apigateway.rest.model.Method.IntegrationResponse;
import dev.chatlab.localcloud.services.apigateway.rest.model.Method.MethodResponse;
import dev.chatlab.localcloud.services.apigateway.rest.model.RestApi;
import dev.chatlab.localcloud.services.apigateway.rest.model.RestApiState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * API Gateway's control planes. The SDK signs both v1 ({@code ApiGatewayClient}) and v2
 * ({@code ApiGatewayV2Client}) calls with the signing name "apigateway", so the router hands
 * both to this one handler, which tells them apart by path: v2 lives under {@code /v2/},
 * v1 under {@code /restapis} and {@code /tags}. Both speak rest-json with the error code in
 * {@code X-Amzn-ErrorType}.
 */
public final class ApiGatewayHandler implements ServiceHandler {

    private final RestApiService restApis;
    private final ServiceHandler v2;

    public ApiGatewayHandler(RestApiService restApis, ServiceHandler v2) {
        this.restApis = restApis;
        this.v2 = v2;
    }

    @Override
    public Set<String> signingNames() {
        return Set.of("apigateway");
    }

    /** API Gateway (v1 and v2) refuses input that breaks its model's constraints with this error. */
    private static final InputValidator INPUT = InputValidator.of(ApiGatewayErrors::badRequest, "apigateway", "apigatewayv2");

    @Override
    public void checkInput(AwsRequest request) {
        INPUT.check(request);
    }

    /** An unsigned call to API Gateway's API (answered MissingAuthenticationToken), not an S3 bucket named "restapis". */
    @Override
    public boolean ownsEndpoint(AwsRequest request) {
        return request.rawPath().startsWith("/restapis") || request.rawPath().startsWith("/v2/");
    }

    @Override
    public AuthDialect authDialect() {
        return AuthDialect.REST_JSON;
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        if (request.rawPath().startsWith("/v2/")) {
            return v2.handle(request);
        }
        try {
            return dispatch(request, RestPath.of(request.rawPath()));
        } catch (AwsException e) {
            return renderError(e, request);
        }
    }

    @Override
    public AwsResponse renderError(AwsException e, AwsRequest request) {
        return ErrorRenderer.restJson(e, request.requestId());
    }

    private AwsResponse dispatch(AwsRequest request, RestPath path) {
        String verb = request.method();
        if (path.is("tags", "*")) {
            return tags(request, path.get(1));
        }
        if (path.is("restapis")) {
            if (verb.equals("POST")) {
                return json(201, restApiView(restApis.createRestApi(region(request), read(request, RestApi.class))));
            }
            if (verb.equals("GET")) {
                return json(200, items(restApis.getRestApis()));
            }
        }
        if (path.size() < 2 || !path.get(0).equals("restapis")) {
            throw unsupported(request);
        }
        String apiId = path.get(1);
        if (path.is("restapis", "*")) {
            if (verb.equals("GET")) {
                return json(200, restApiView(restApis.getRestApi(apiId)));
            }
            if (verb.equals("DELETE")) {
                restApis.deleteRestApi(apiId);
                return AwsResponse.status(202);
            }
        }
        if (path.is("restapis", "*", "resources") && verb.equals("GET")) {
            return json(200, items(restApis.getResources(apiId)));
        }
        if (path.size() >= 4 && path.get(2).equals("resources")) {
            return resources(request, path, apiId, path.get(3));
        }
        if (path.is("restapis", "*", "deployments")) {
            if (verb.equals("POST")) {
                JsonNode body = body(request);
                return json(201, restApis.createDeployment(apiId, text(body, "stageName"), text(body, "stageDescription"),
                        text(body, "description"), stringMap(body, "variables")));
            }
            if (verb.equals("GET")) {
                return json(200, items(restApis.getDeployments(apiId)));
            }
        }
        if (path.is("restapis", "*", "deployments", "*") && verb.equals("GET")) {
            return json(200, restApis.getDeployment(apiId, path.get(3)));
        }
        if (path.is("restapis", "*", "stages")) {
            if (verb.equals("POST")) {
                JsonNode body = body(request);
                return json(201, restApis.createStage(apiId, text(body, "stageName"), text(body, "deploymentId"), text(body, "description"),
                        stringMap(body, "variables"), stringMap(body, "tags")));
            }
            if (verb.equals("GET")) {
                ObjectNode answer = Json.object();
                answer.set("item", Json.MAPPER.valueToTree(restApis.getStages(apiId)));
                return json(200, answer);
            }
        }
        if (path.is("restapis", "*", "stages", "*")) {
            String stage = path.get(3);
            switch (verb) {
                case "GET" -> {
                    return json(200, restApis.getStage(apiId, stage));
                }
                case "PATCH" -> {
                    return json(200, restApis.updateStage(apiId, stage, patchOperations(body(request))));
                }
                case "DELETE" -> {
                    restApis.deleteStage(apiId, stage);
                    return AwsResponse.status(202);
                }
                default -> throw unsupported(request);
            }
        }
        throw unsupported(request);
    }

    /** {@code /restapis/{id}/resources/{resourceId}[/methods/{verb}[/responses/{code} | /integration[/responses/{code}]]]}. */
    private AwsResponse resources(AwsRequest request, RestPath path, String apiId, String resourceId) {
        String verb = request.method();
        if (path.size() == 4) {
            switch (verb) {
                case "GET" -> {
                    return json(200, restApis.getResource(apiId, resourceId));
                }
                case "POST" -> {
                    return json(201, restApis.createResource(apiId, resourceId, text(body(request), "pathPart")));
                }
                case "DELETE" -> {
                    restApis.deleteResource(apiId, resourceId);
                    return AwsResponse.status(202);
                }
                default -> throw unsupported(request);
            }
        }
        if (path.size() < 6 || !path.get(4).equals("methods")) {
            throw unsupported(request);
        }
        String httpMethod = path.get(5);
        if (path.size() == 6) {
            switch (verb) {
                case "PUT" -> {
                    return json(201, restApis.putMethod(apiId, resourceId, httpMethod, read(request, Method.class)));
                }
                case "GET" -> {
                    return json(200, restApis.getMethod(apiId, resourceId, httpMethod));
                }
                case "DELETE" -> {
                    restApis.deleteMethod(apiId, resourceId, httpMethod);
                    return AwsResponse.noContent();
                }
                default -> throw unsupported(request);
            }
        }
        if (path.size() == 8 && path.get(6).equals("responses") && verb.equals("PUT")) {
            return json(201, restApis.putMethodResponse(apiId, resourceId, httpMethod, path.get(7), read(request, MethodResponse.class)));
        }
        if (path.size() == 7 && path.get(6).equals("integration")) {
            if (verb.equals("PUT")) {
                return json(201, restApis.putIntegration(apiId, resourceId, httpMethod, read(request, Integration.class)));
            }
            if (verb.equals("GET")) {
                return json(200, restApis.getIntegration(apiId, resourceId, httpMethod));
            }
        }
        if (path.size() == 9 && path.get(6).equals("integration") && path.get(7).equals("responses") && verb.equals("PUT")) {
            return json(201, restApis.putIntegrationResponse(apiId, resourceId, httpMethod, path.get(8), read(request, IntegrationResponse.class)));
        }
        throw unsupported(request);
    }

    /** {@code /tags/{arn}}: PUT adds, GET lists, DELETE removes the {@code tagKeys} given in the query. */
    private AwsResponse tags(AwsRequest request, String arn) {
        ApiGatewayArns target = ApiGatewayArns.parse(arn)
                .filter(a -> a.collection().equals("restapis"))
                .orElseThrow(() -> ApiGatewayErrors.badRequest("Invalid resource ARN: " + arn));
        switch (request.method()) {
            case "PUT" -> {
                restApis.tag(target.apiId(), target.stageName(), stringMap(body(request), "tags"));
                return AwsResponse.noContent();
            }
            case "GET" -> {
                ObjectNode answer = Json.object();
                answer.set("tags", Json.MAPPER.valueToTree(restApis.tags(target.apiId(), target.stageName())));
                return json(200, answer);
            }
            case "DELETE" -> {
                restApis.untag(target.apiId(), target.stageName(), request.queryParamValues("tagKeys"));
                return AwsResponse.noContent();
            }
            default -> throw unsupported(request);
        }
    }

    // Rendering and reading

    private static JsonNode restApiView(RestApiState state) {
        return Json.MAPPER.valueToTree(state.api);
    }

    private static ObjectNode items(Collection<?> items) {
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("item");
        for (Object item : items) {
            list.add(item instanceof RestApiState state ? restApiView(state) : Json.MAPPER.valueToTree(item));
        }
        return answer;
    }

    static List<PatchOperation> patchOperations(JsonNode body) {
        List<PatchOperation> operations = new ArrayList<>();
        JsonNode list = body.get("patchOperations");
        if (list != null) {
            list.forEach(op -> operations.add(new PatchOperation(text(op, "op"), text(op, "path"), text(op, "value"))));
        }
        return operations;
    }
}
