package dev.chatlab.localcloud.services.apigateway.websocket;

import static dev.chatlab.localcloud.services.apigateway.common.ApiGatewayErrors.badRequest;
import static dev.chatlab.localcloud.services.apigateway.common.ApiGatewayErrors.conflict;
import static dev.chatlab.localcloud.services.apigateway.common.ApiGatewayErrors.notFound;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.apigateway.common.ApiGatewayIds;
import dev.chatlab.localcloud.services.apigateway.common.LambdaUris;
import dev.chatlab.localcloud.services.apigateway.websocket.model.Api;
import dev.chatlab.localcloud.services.apigateway.websocket.model.DeployedStage;
import dev.chatlab.localcloud.services.apigateway.websocket.model.Deployment;
import dev.chatlab.localcloud.services.apigateway.websocket.model.Integration;
import dev.chatlab.localcloud.services.apigateway.websocket.model.Route;
import dev.chatlab.localcloud.services.apigateway.websocket.model.RouteResponse;
import dev.chatlab.localcloud.services.apigateway.websocket.model.RouteTable;
import dev.chatlab.localcloud.services.apigateway.websocket.model.Stage;
import dev.chatlab.localcloud.services.apigateway.websocket.model.WebSocketApiState;
import dev.chatlab.localcloud.storage.Documents;
import dev.chatlab.localcloud.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * API Gateway v2 for WebSocket APIs: integrations, routes, route responses, stages and
 * deployments. One JSON document per API in {@code apigatewayv2.apis}; each deployment's
 * frozen route table in {@code apigatewayv2.deployments} under {@code <apiId>/<deploymentId>}.
 * A stage with autoDeploy gets a new deployment after every route or integration change. Both
 * are {@link Documents}: reads share the parsed document (never changed), a change edits a copy
 * ({@link #change}) and stores it whole.
 */
public final class WebSocketApiService {

    private static final Set<String> INTEGRATION_TYPES = Set.of("AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK");
    private static final Pattern SELECTION_EXPRESSION = Pattern.compile("\\$request\\.body\\.[A-Za-z0-9_.\\-]+|\\$\\{request\\.body\\.[A-Za-z0-9_.\\-]+}");
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_\\-$]{1,128}");
    private static final int MAX_TIMEOUT_MILLIS = 29_000;

    private final Storage storage;
    private final Clock clock;
    private final Function<String, String> endpointOfApi;
    private final Documents<WebSocketApiState> apis;
    /** Every handshake and message reads its stage's routes: through the documents' parse-once cache. */
    private final Documents<RouteTable> deployedTables;
    private final PendingDeployments pending;

    /**
     * @param endpointOfApi     the ApiEndpoint of an API id (depends on the port this cloud listens on, so it is never stored)
     * @param deploymentPending how long a new deployment stays PENDING, its stage still serving the one before
     */
    public WebSocketApiService(Storage storage, Clock clock, Duration deploymentPending, Function<String, String> endpointOfApi) {
        this.storage = storage;
        this.clock = clock;
        this.pending = new PendingDeployments(clock, deploymentPending);
        this.endpointOfApi = endpointOfApi;
        this.apis = storage.documents("apigatewayv2.apis", WebSocketApiState.class);
        this.deployedTables = storage.documents("apigatewayv2.deployments", RouteTable.class);
    }

    // APIs

    public synchronized Api createApi(String region, Api request) {
        if (request.name == null || request.name.isBlank()) {
            throw badRequest("Name is required and must be 1-128 characters.");
        }
        if (!"WEBSOCKET".equals(request.protocolType)) {
            throw badRequest("localcloud's API Gateway v2 provides WEBSOCKET APIs only (ProtocolType " + request.protocolType
                    + " is not supported; for HTTP endpoints use a REST API).");
        }
        checkSelectionExpression(request.routeSelectionExpression);
        WebSocketApiState state = new WebSocketApiState();
        Api api = new Api();
        api.apiId = ApiGatewayIds.unused(apis::contains, 10);
        api.name = request.name;
        api.description = request.description;
        api.protocolType = "WEBSOCKET";
        api.routeSelectionExpression = request.routeSelectionExpression;
        api.apiKeySelectionExpression = request.apiKeySelectionExpression == null ? "$request.header.x-api-key" : request.apiKeySelectionExpression;
        api.disableSchemaValidation = request.disableSchemaValidation;
        api.disableExecuteApiEndpoint = Boolean.TRUE.equals(request.disableExecuteApiEndpoint);
        api.version = request.version;
        api.tags = request.tags == null ? new LinkedHashMap<>() : request.tags;
        api.createdDate = now();
        state.api = api;
        state.region = region;
        save(state);
        return view(state);
    }

    public Api getApi(String apiId) {
        return view(state(apiId));
    }

    public List<Api> getApis() {
        return apis.values().map(this::view).toList();
    }

    public synchronized Api updateApi(String apiId, Api request) {
        return change(apiId, state -> {
            if (request.name != null) {
                state.api.name = request.name;
            }
            if (request.description != null) {
                state.api.description = request.description;
            }
            if (request.routeSelectionExpression != null) {
                checkSelectionExpression(request.routeSelectionExpression);
                state.api.routeSelectionExpression = request.routeSelectionExpression;
            }
            return view(state);
        });
    }

    public synchronized void deleteApi(String apiId) {
        WebSocketApiState state = state(apiId);
        storage.atomically(() -> {
            apis.remove(apiId);
            state.deployments.keySet().forEach(id -> deployedTables.remove(apiId + "/" + id));
        });
    }

    // Integrations

    public synchronized Integration createIntegration(String apiId, Integration request) {
        return change(apiId, state -> {
            Integration integration = new Integration();
            integration.integrationId = ApiGatewayIds.unused(id -> state.draft.integrations.containsKey(id), 7);
            integration.connectionType = "INTERNET";
            integration.payloadFormatVersion = "1.0";
            integration.passthroughBehavior = "WHEN_NO_MATCH";
            integration.timeoutInMillis = MAX_TIMEOUT_MILLIS;
            integration.apiGatewayManaged = null;
            applyIntegration(integration, request);
            state.draft.integrations.put(integration.integrationId, integration);
            autoDeploy(state);
            return integration;
        });
    }

    public synchronized Integration updateIntegration(String apiId, String integrationId, Integration request) {
        return change(apiId, state -> {
            Integration integration = integration(state, integrationId);
            Integration merged = Json.MAPPER.convertValue(integration, Integration.class);
            if (request.integrationType == null) {
                request.integrationType = integration.integrationType;
            }
            applyIntegration(merged, request);
            state.draft.integrations.put(integrationId, merged);
            autoDeploy(state);
            return merged;
        });
    }

    public Integration getIntegration(String apiId, String integrationId) {
        return integration(state(apiId), integrationId);
    }

    public List<Integration> getIntegrations(String apiId) {
        return new ArrayList<>(state(apiId).draft.integrations.values());
    }

    public synchronized void deleteIntegration(String apiId, String integrationId) {
        change(apiId, state -> {
            integration(state, integrationId);
            for (Route route : state.draft.routes.values()) {
                if (integrationId.equals(route.integrationId())) {
                    throw conflict("Unable to delete integration " + integrationId + " because it is the target of route " + route.routeId + ".");
                }
            }
            state.draft.integrations.remove(integrationId);
            autoDeploy(state);
            return null;
        });
    }

    // Routes and route responses

    public synchronized Route createRoute(String apiId, Route request) {
        return change(apiId, state -> {
            if (request.routeKey == null || request.routeKey.isBlank()) {
                throw badRequest("RouteKey is required.");
            }
            if (state.draft.route(request.routeKey) != null) {
                throw conflict("Route with key " + request.routeKey + " already exists for this API");
            }
            Route route = new Route();
            route.routeId = ApiGatewayIds.unused(id -> state.draft.routes.containsKey(id), 7);
            route.routeKey = request.routeKey;
            route.apiKeyRequired = Boolean.TRUE.equals(request.apiKeyRequired);
            route.authorizationType = request.authorizationType == null ? "NONE" : request.authorizationType;
            route.authorizerId = request.authorizerId;
            route.operationName = request.operationName;
            route.routeResponseSelectionExpression = request.routeResponseSelectionExpression;
            route.modelSelectionExpression = request.modelSelectionExpression;
            route.target = checkTarget(state, request.target);
            state.draft.routes.put(route.routeId, route);
            autoDeploy(state);
            return route;
        });
    }

    public synchronized Route updateRoute(String apiId, String routeId, Route request) {
        return change(apiId, state -> {
            Route route = route(state, routeId);
            if (request.routeKey != null && !request.routeKey.equals(route.routeKey)) {
                if (state.draft.route(request.routeKey) != null) {
                    throw conflict("Route with key " + request.routeKey + " already exists for this API");
                }
                route.routeKey = request.routeKey;
            }
            if (request.target != null) {
                route.target = checkTarget(state, request.target);
            }
            if (request.authorizationType != null) {
                route.authorizationType = request.authorizationType;
            }
            if (request.apiKeyRequired != null) {
                route.apiKeyRequired = request.apiKeyRequired;
            }
            if (request.operationName != null) {
                route.operationName = request.operationName;
            }
            if (request.routeResponseSelectionExpression != null) {
                route.routeResponseSelectionExpression = request.routeResponseSelectionExpression;
            }
            autoDeploy(state);
            return route;
        });
    }

    public Route getRoute(String apiId, String routeId) {
        return route(state(apiId), routeId);
    }

    public List<Route> getRoutes(String apiId) {
        return new ArrayList<>(state(apiId).draft.routes.values());
    }

    public synchronized void deleteRoute(String apiId, String routeId) {
        change(apiId, state -> {
            route(state, routeId);
            state.draft.routes.remove(routeId);
            state.draft.routeResponses.remove(routeId);
            autoDeploy(state);
            return null;
        });
    }

    /** WebSocket APIs know one route response key, {@code $default}: with it, a route is two-way. */
    public synchronized RouteResponse createRouteResponse(String apiId, String routeId, RouteResponse request) {
        return change(apiId, state -> {
            route(state, routeId);
            if (!"$default".equals(request.routeResponseKey)) {
                throw badRequest("Currently, only $default is supported as RouteResponseKey for WebSocket APIs.");
            }
            Map<String, RouteResponse> responses = state.draft.routeResponses.computeIfAbsent(routeId, id -> new LinkedHashMap<>());
            if (responses.values().stream().anyMatch(r -> r.routeResponseKey.equals(request.routeResponseKey))) {
                throw conflict("RouteResponse with key " + request.routeResponseKey + " already exists for this Route");
            }
            RouteResponse response = new RouteResponse();
            response.routeResponseId = ApiGatewayIds.unused(id -> responses.containsKey(id), 6);
            response.routeResponseKey = request.routeResponseKey;
            response.modelSelectionExpression = request.modelSelectionExpression;
            responses.put(response.routeResponseId, response);
            autoDeploy(state);
            return response;
        });
    }

    public List<RouteResponse> getRouteResponses(String apiId, String routeId) {
        WebSocketApiState state = state(apiId);
        route(state, routeId);
        return new ArrayList<>(state.draft.routeResponses.getOrDefault(routeId, Map.of()).values());
    }

    // Stages and deployments

    public synchronized Stage createStage(String apiId, Stage request) {
        return change(apiId, state -> {
            if (request.stageName == null || !STAGE_NAME.matcher(request.stageName).matches()) {
                throw badRequest("Stage name only allows a-zA-Z0-9_- and must be 1-128 characters.");
            }
            if (state.stages.containsKey(request.stageName)) {
                throw conflict("Stage " + request.stageName + " already exists");
            }
            if (request.deploymentId != null && !state.deployments.containsKey(request.deploymentId)) {
                throw notFound("Invalid deployment identifier specified: " + request.deploymentId);
            }
            Stage stage = new Stage();
            stage.stageName = request.stageName;
            stage.deploymentId = request.deploymentId;
            stage.description = request.description;
            stage.autoDeploy = Boolean.TRUE.equals(request.autoDeploy);
            stage.stageVariables = request.stageVariables;
            stage.defaultRouteSettings = request.defaultRouteSettings == null
                    ? new LinkedHashMap<>(Map.of("dataTraceEnabled", false, "detailedMetricsEnabled", false)) : request.defaultRouteSettings;
            stage.routeSettings = request.routeSettings == null ? new LinkedHashMap<>() : request.routeSettings;
            stage.tags = request.tags == null ? new LinkedHashMap<>() : request.tags;
            stage.createdDate = now();
            stage.lastUpdatedDate = stage.createdDate;
            state.stages.put(stage.stageName, stage);
            if (stage.autoDeploy && !state.draft.routes.isEmpty()) {
                deploy(state, stage.stageName, "Automatic deployment triggered by changes to the Api configuration", true);
            }
            return stage;
        });
    }

    public synchronized Stage updateStage(String apiId, String stageName, Stage request) {
        return change(apiId, state -> {
            Stage stage = stage(state, stageName);
            if (request.deploymentId != null) {
                if (!state.deployments.containsKey(request.deploymentId)) {
                    throw notFound("Invalid deployment identifier specified: " + request.deploymentId);
                }
                stage.deploymentId = request.deploymentId;
            }
            if (request.description != null) {
                stage.description = request.description;
            }
            if (request.autoDeploy != null) {
                stage.autoDeploy = request.autoDeploy;
            }
            if (request.stageVariables != null) {
                stage.stageVariables = request.stageVariables;
            }
            stage.lastUpdatedDate = now();
            return stage;
        });
    }

    public Stage getStage(String apiId, String stageName) {
        return stage(state(apiId), stageName);
    }

    public List<Stage> getStages(String apiId) {
        return new ArrayList<>(state(apiId).stages.values());
    }

    public synchronized void deleteStage(String apiId, String stageName) {
        change(apiId, state -> {
            stage(state, stageName);
            return state.stages.remove(stageName);
        });
    }

    public synchronized Deployment createDeployment(String apiId, String stageName, String description) {
        return change(apiId, state -> {
            if (stageName != null) {
                stage(state, stageName);
            }
            return shown(apiId, deploy(state, stageName, description, false));
        });
    }

    public List<Deployment> getDeployments(String apiId) {
        return state(apiId).deployments.values().stream().map(deployment -> shown(apiId, deployment)).toList();
    }

    public Deployment getDeployment(String apiId, String deploymentId) {
        Deployment deployment = state(apiId).deployments.get(deploymentId);
        if (deployment == null) {
            throw notFound("Invalid Deployment identifier specified " + deploymentId);
        }
        return shown(apiId, deployment);
    }

    /** A deployment as the control plane answers it: PENDING within the timing's window, DEPLOYED after. */
    private Deployment shown(String apiId, Deployment stored) {
        Deployment shown = new Deployment();
        shown.deploymentId = stored.deploymentId;
        shown.deploymentStatus = pending.status(apiId, stored.deploymentId);
        shown.description = stored.description;
        shown.autoDeployed = stored.autoDeployed;
        shown.createdDate = stored.createdDate;
        return shown;
    }

    /**
     * The deployed routes of a stage, for the data plane (every handshake and every message):
     * empty when the API, stage or its deployment is missing. While the stage's new deployment is
     * PENDING it serves the one before. Both documents come parsed once from the documents' cache.
     */
    public Optional<DeployedStage> deployedStage(String apiId, String stageName) {
        Optional<WebSocketApiState> api = apis.get(apiId);
        Stage stage = api.map(state -> state.stages.get(stageName)).orElse(null);
        if (stage == null) {
            return Optional.empty();
        }
        Optional<PendingDeployments.Switch> switching = pending.switching(apiId, stageName);
        String deploymentId = switching.isPresent() ? switching.get().previousDeploymentId() : stage.deploymentId;
        if (deploymentId == null) {
            return Optional.empty();
        }
        // the stored API, without its endpoint: the data plane needs its id and route selection only
        return deployedTables.get(apiId + "/" + deploymentId)
                .map(routes -> new DeployedStage(api.get().api, api.get().region, stage, routes));
    }

    // Tags

    public synchronized void tag(String apiId, String stageName, Map<String, String> tags) {
        change(apiId, state -> {
            tagsOf(state, stageName).putAll(tags);
            return null;
        });
    }

    public synchronized void untag(String apiId, String stageName, List<String> keys) {
        change(apiId, state -> {
            keys.forEach(tagsOf(state, stageName)::remove);
            return null;
        });
    }

    public Map<String, String> tags(String apiId, String stageName) {
        WebSocketApiState state = state(apiId);
        Map<String, String> tags = stageName == null ? state.api.tags : stage(state, stageName).tags;
        return tags == null ? new LinkedHashMap<>() : new LinkedHashMap<>(tags);
    }

    // Helpers

    private Deployment deploy(WebSocketApiState state, String stageName, String description, boolean automatic) {
        if (state.draft.routes.isEmpty()) {
            throw badRequest("At least one route is required before deploying the Api.");
        }
        for (Route route : state.draft.routes.values()) {
            String integrationId = route.integrationId();
            if (integrationId != null && !state.draft.integrations.containsKey(integrationId)) {
                throw badRequest("Route " + route.routeKey + " targets integration " + integrationId + ", which does not exist.");
            }
        }
        Deployment deployment = new Deployment();
        deployment.deploymentId = ApiGatewayIds.unused(id -> state.deployments.containsKey(id), 6);
        deployment.deploymentStatus = "DEPLOYED";
        deployment.description = description;
        deployment.autoDeployed = automatic;
        deployment.createdDate = now();
        state.deployments.put(deployment.deploymentId, deployment);
        deployedTables.put(state.api.apiId + "/" + deployment.deploymentId, state.draft);
        if (stageName == null) {
            pending.started(state.api.apiId, deployment.deploymentId, null, null);
        } else {
            Stage stage = state.stages.get(stageName);
            pending.started(state.api.apiId, deployment.deploymentId, stageName, stage.deploymentId);
            stage.deploymentId = deployment.deploymentId;
            stage.lastUpdatedDate = now();
            if (automatic) {
                stage.lastDeploymentStatusMessage = "Successfully deployed stage with deployment ID '" + deployment.deploymentId + "'";
            }
        }
        return deployment;
    }

    private void autoDeploy(WebSocketApiState state) {
        if (state.draft.routes.isEmpty()) {
            return;
        }
        for (Stage stage : state.stages.values()) {
            if (Boolean.TRUE.equals(stage.autoDeploy)) {
                deploy(state, stage.stageName, "Automatic deployment triggered by changes to the Api configuration", true);
            }
        }
    }

    private void applyIntegration(Integration integration, Integration request) {
        if (request.integrationType == null || !INTEGRATION_TYPES.contains(request.integrationType)) {
            throw badRequest("IntegrationType must be one of AWS, AWS_PROXY, HTTP, HTTP_PROXY or MOCK.");
        }
        integration.integrationType = request.integrationType;
        if (request.integrationUri != null) {
            integration.integrationUri = request.integrationUri;
        }
        if (integration.integrationType.equals("AWS_PROXY") && LambdaUris.functionArn(integration.integrationUri).isEmpty()) {
            throw badRequest("Invalid integration URI specified: AWS_PROXY integrations need a Lambda invocation URI"
                    + " (arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations).");
        }
        if (request.integrationMethod != null) {
            integration.integrationMethod = request.integrationMethod;
        } else if (integration.integrationMethod == null && !integration.integrationType.equals("MOCK")) {
            integration.integrationMethod = "POST";
        }
        if (request.timeoutInMillis != null) {
            if (request.timeoutInMillis < 50 || request.timeoutInMillis > MAX_TIMEOUT_MILLIS) {
                throw badRequest("TimeoutInMillis must be between 50 and 29000.");
            }
            integration.timeoutInMillis = request.timeoutInMillis;
        }
        if (request.description != null) {
            integration.description = request.description;
        }
        if (request.credentialsArn != null) {
            integration.credentialsArn = request.credentialsArn;
        }
        if (request.contentHandlingStrategy != null) {
            integration.contentHandlingStrategy = request.contentHandlingStrategy;
        }
        if (request.passthroughBehavior != null) {
            integration.passthroughBehavior = request.passthroughBehavior;
        }
        if (request.requestTemplates != null) {
            integration.requestTemplates = request.requestTemplates;
        }
        if (request.requestParameters != null) {
            integration.requestParameters = request.requestParameters;
        }
        if (request.templateSelectionExpression != null) {
            integration.templateSelectionExpression = request.templateSelectionExpression;
        }
    }

    private static String checkTarget(WebSocketApiState state, String target) {
        if (target == null) {
            return null;
        }
        String prefix = "integrations/";
        if (!target.startsWith(prefix) || !state.draft.integrations.containsKey(target.substring(prefix.length()))) {
            throw badRequest("Invalid target: " + target + " (expected integrations/<id of an integration of this API>).");
        }
        return target;
    }

    private static void checkSelectionExpression(String expression) {
        if (expression == null || !SELECTION_EXPRESSION.matcher(expression).matches()) {
            throw badRequest("Unable to parse route selection expression: " + expression
                    + " (WebSocket APIs select routes by a body field, e.g. $request.body.action).");
        }
    }

    /** The tags of the API or a stage of a copy being changed, created empty if it had none. */
    private Map<String, String> tagsOf(WebSocketApiState state, String stageName) {
        if (stageName == null) {
            if (state.api.tags == null) {
                state.api.tags = new LinkedHashMap<>();
            }
            return state.api.tags;
        }
        Stage stage = stage(state, stageName);
        if (stage.tags == null) {
            stage.tags = new LinkedHashMap<>();
        }
        return stage.tags;
    }

    /**
     * The API as the control plane answers it, with its endpoint, which depends on the port of this
     * run (so never stored, always computed): a copy, since the stored one is shared.
     */
    private Api view(WebSocketApiState state) {
        Api shown = Json.MAPPER.convertValue(state.api, Api.class);
        shown.apiEndpoint = endpointOfApi.apply(state.api.apiId);
        return shown;
    }

    /** The API as stored, shared with every reader: never changed (a change edits a copy). */
    private WebSocketApiState state(String apiId) {
        return apis.get(apiId).orElseThrow(() -> unknownApi(apiId));
    }

    /** Edits a copy of the API and stores it, with the deployments it made, in one atomic change. */
    private <T> T change(String apiId, Function<WebSocketApiState, T> edit) {
        WebSocketApiState state = apis.copy(apiId).orElseThrow(() -> unknownApi(apiId));
        return storage.atomically(() -> {
            T result = edit.apply(state);
            save(state);
            return result;
        });
    }

    private void save(WebSocketApiState state) {
        apis.put(state.api.apiId, state);
    }

    private static AwsException unknownApi(String apiId) {
        return notFound("Invalid API identifier specified " + apiId);
    }

    private static Integration integration(WebSocketApiState state, String integrationId) {
        Integration integration = state.draft.integrations.get(integrationId);
        if (integration == null) {
            throw notFound("Invalid Integration identifier specified " + integrationId);
        }
        return integration;
    }

    private static Route route(WebSocketApiState state, String routeId) {
        Route route = state.draft.routes.get(routeId);
        if (route == null) {
            throw notFound("Invalid Route identifier specified " + routeId);
        }
        return route;
    }

    private static Stage stage(WebSocketApiState state, String stageName) {
        Stage stage = state.stages.get(stageName);
        if (stage == null) {
            throw notFound("Invalid stage identifier specified " + stageName);
        }
        return stage;
    }


    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
