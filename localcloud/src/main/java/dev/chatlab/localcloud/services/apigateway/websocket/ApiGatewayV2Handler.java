package dev.chatlab.localcloud.services.apigateway.websocket;

import static dev.chatlab.localcloud.core.Json.text;
import static dev.chatlab.localcloud.http.AwsResponse.json;
import static dev.chatlab.localcloud.services.apigateway.common.RestJson.read;
import static dev.chatlab.localcloud.services.apigateway.common.RestJson.region;
import static dev.chatlab.localcloud.services.apigateway.common.RestJson.stringMap;
import static dev.chatlab.localcloud.services.apigateway.common.RestJson.unsupported;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.ErrorRenderer;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.services.apigateway.common.ApiGatewayArns;
import dev.chatlab.localcloud.services.apigateway.common.ApiGatewayErrors;
import dev.chatlab.localcloud.services.apigateway.common.RestJson;
import dev.chatlab.localcloud.services.apigateway.common.RestPath;
import dev.chatlab.localcloud.services.apigateway.websocket.model.Api;
import dev.chatlab.localcloud.services.apigateway.websocket.model.Integration;
import dev.chatlab.localcloud.services.apigateway.websocket.model.Route;
import dev.chatlab.localcloud.services.apigateway.websocket.model.RouteResponse;
import dev.chatlab.localcloud.services.apigateway.websocket.model.Stage;
import java.util.Collection;
import java.util.Set;

/**
 * API Gateway v2's rest-json control plane under {@code /v2/}. It has no signing name of its
 * own: the SDK signs v2 calls as "apigateway", so {@link ApiGatewayHandler} passes every
 * {@code /v2/} path here.
 */
public final class ApiGatewayV2Handler implements ServiceHandler {

    private final WebSocketApiService apis;

    public ApiGatewayV2Handler(WebSocketApiService apis) {
        this.apis = apis;
    }

    @Override
    public Set<String> signingNames() {
        return Set.of();
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        try {
            RestPath path = RestPath.of(request.rawPath());
            if (path.size() < 2 || !path.get(0).equals("v2")) {
                throw unsupported(request);
            }
            if (path.get(1).equals("tags") && path.size() == 3) {
                return tags(request, path.get(2));
            }
            if (!path.get(1).equals("apis")) {
                throw unsupported(request);
            }
            return path.size() == 2 ? apisCollection(request) : api(request, path);
        } catch (AwsException e) {
            return renderError(e, request);
        }
    }

    @Override
    public AwsResponse renderError(AwsException e, AwsRequest request) {
        return ErrorRenderer.restJson(e, request.requestId());
    }

    private AwsResponse apisCollection(AwsRequest request) {
        return switch (request.method()) {
            case "POST" -> json(201, apis.createApi(region(request), read(request, Api.class)));
            case "GET" -> json(200, items(apis.getApis()));
            default -> throw unsupported(request);
        };
    }

    /** {@code /v2/apis/{apiId}[/{collection}[/{id}[/routeresponses]]]}. */
    private AwsResponse api(AwsRequest request, RestPath path) {
        String verb = request.method();
        String apiId = path.get(2);
        if (path.size() == 3) {
            return switch (verb) {
                case "GET" -> json(200, apis.getApi(apiId));
                case "PATCH" -> json(200, apis.updateApi(apiId, read(request, Api.class)));
                case "DELETE" -> {
                    apis.deleteApi(apiId);
                    yield AwsResponse.noContent();
                }
                default -> throw unsupported(request);
            };
        }
        String collection = path.get(3);
        if (path.size() == 4) {
            return switch (collection + " " + verb) {
                case "integrations POST" -> json(201, apis.createIntegration(apiId, read(request, Integration.class)));
                case "integrations GET" -> json(200, items(apis.getIntegrations(apiId)));
                case "routes POST" -> json(201, apis.createRoute(apiId, read(request, Route.class)));
                case "routes GET" -> json(200, items(apis.getRoutes(apiId)));
                case "stages POST" -> json(201, apis.createStage(apiId, read(request, Stage.class)));
                case "stages GET" -> json(200, items(apis.getStages(apiId)));
                case "deployments POST" -> {
                    var body = RestJson.body(request);
                    yield json(201, apis.createDeployment(apiId, text(body, "stageName"), text(body, "description")));
                }
                case "deployments GET" -> json(200, items(apis.getDeployments(apiId)));
                default -> throw unsupported(request);
            };
        }
        String id = path.get(4);
        if (path.size() == 5) {
            return switch (collection + " " + verb) {
                case "integrations GET" -> json(200, apis.getIntegration(apiId, id));
                case "integrations PATCH" -> json(200, apis.updateIntegration(apiId, id, read(request, Integration.class)));
                case "integrations DELETE" -> {
                    apis.deleteIntegration(apiId, id);
                    yield AwsResponse.noContent();
                }
                case "routes GET" -> json(200, apis.getRoute(apiId, id));
                case "routes PATCH" -> json(200, apis.updateRoute(apiId, id, read(request, Route.class)));
                case "routes DELETE" -> {
                    apis.deleteRoute(apiId, id);
                    yield AwsResponse.noContent();
                }
                case "deployments GET" -> json(200, apis.getDeployment(apiId, id));
                case "stages GET" -> json(200, apis.getStage(apiId, id));
                case "stages PATCH" -> json(200, apis.updateStage(apiId, id, read(request, Stage.class)));
                case "stages DELETE" -> {
                    apis.deleteStage(apiId, id);
                    yield AwsResponse.noContent();
                }
                default -> throw unsupported(request);
            };
        }
        if (path.size() == 6 && collection.equals("routes") && path.get(5).equals("routeresponses")) {
            return switch (verb) {
                case "POST" -> json(201, apis.createRouteResponse(apiId, id, read(request, RouteResponse.class)));
                case "GET" -> json(200, items(apis.getRouteResponses(apiId, id)));
                default -> throw unsupported(request);
            };
        }
        throw unsupported(request);
    }

    /** {@code /v2/tags/{arn}}: POST adds (201), GET lists, DELETE removes the {@code tagKeys} of the query. */
    private AwsResponse tags(AwsRequest request, String arn) {
        ApiGatewayArns target = ApiGatewayArns.parse(arn)
                .filter(a -> a.collection().equals("apis"))
                .orElseThrow(() -> ApiGatewayErrors.badRequest("Invalid resource ARN: " + arn));
        return switch (request.method()) {
            case "POST" -> {
                apis.tag(target.apiId(), target.stageName(), stringMap(RestJson.body(request), "tags"));
                yield json(201, Json.object());
            }
            case "GET" -> {
                ObjectNode answer = Json.object();
                answer.set("tags", Json.MAPPER.valueToTree(apis.tags(target.apiId(), target.stageName())));
                yield json(200, answer);
            }
            case "DELETE" -> {
                apis.untag(target.apiId(), target.stageName(), request.queryParamValues("tagKeys"));
                yield AwsResponse.noContent();
            }
            default -> throw unsupported(request);
        };
    }

    private static ObjectNode items(Collection<?> items) {
        ObjectNode answer = Json.object();
        answer.set("items", Json.MAPPER.valueToTree(items));
        return answer;
    }
}
