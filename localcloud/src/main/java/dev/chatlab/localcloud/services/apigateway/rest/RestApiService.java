package dev.chatlab.localcloud.services.apigateway.rest;

import static dev.chatlab.localcloud.services.apigateway.common.ApiGatewayErrors.badRequest;
import static dev.chatlab.localcloud.services.apigateway.common.ApiGatewayErrors.conflict;
import static dev.chatlab.localcloud.services.apigateway.common.ApiGatewayErrors.notFound;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.services.apigateway.common.ApiGatewayIds;
import dev.chatlab.localcloud.services.apigateway.common.LambdaUris;
import dev.chatlab.localcloud.services.apigateway.rest.model.DeployedStage;
import dev.chatlab.localcloud.services.apigateway.rest.model.Deployment;
import dev.chatlab.localcloud.services.apigateway.rest.model.Method;
import dev.chatlab.localcloud.services.apigateway.rest.model.Method.Integration;
import dev.chatlab.localcloud.services.apigateway.rest.model.Method.IntegrationResponse;
import dev.chatlab.localcloud.services.apigateway.rest.model.Method.MethodResponse;
import dev.chatlab.localcloud.services.apigateway.rest.model.Resource;
import dev.chatlab.localcloud.services.apigateway.rest.model.RestApi;
import dev.chatlab.localcloud.services.apigateway.rest.model.RestApiState;
import dev.chatlab.localcloud.services.apigateway.rest.model.Stage;
import dev.chatlab.localcloud.storage.Documents;
import dev.chatlab.localcloud.storage.Storage;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * API Gateway v1 (REST APIs): the resource tree, methods, integrations, deployments and
 * stages. Each API is one JSON document in {@code apigateway.restapis}; a deployment's
 * frozen copy of the tree is kept in {@code apigateway.deployments} under
 * {@code <apiId>/<deploymentId>}, because a stage serves what was deployed, not what was
 * edited since (as on AWS, where an edit needs a new deployment to take effect). Both are
 * {@link Documents}: reads share the parsed document (never changed), a change edits a copy
 * ({@link #change}) and stores it whole.
 */
public final class RestApiService {

    static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY");
    private static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS");
    private static final Set<String> INTEGRATION_TYPES = Set.of("HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY");
    private static final Pattern PATH_PART = Pattern.compile("[A-Za-z0-9._~:@&=+$,;'!*()-]+|\\{[A-Za-z0-9._-]+\\+?}");
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern STATUS_CODE = Pattern.compile("[1-5]\\d\\d");
    private static final TypeReference<Map<String, Resource>> TREE = new TypeReference<>() {
    };
    /** API Gateway's maximum and default integration timeout for REST APIs. */
    public static final int MAX_TIMEOUT_MILLIS = 29_000;

    private final Storage storage;
    private final Clock clock;
    private final Documents<RestApiState> apis;
    /** The data plane reads a stage's tree on every call: through the documents' parse-once cache. */
    private final Documents<Map<String, Resource>> deployedTrees;

    public RestApiService(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
        this.apis = storage.documents("apigateway.restapis", RestApiState.class);
        this.deployedTrees = storage.documents("apigateway.deployments", RestApiService::readTree, Json::write);
    }

    // REST APIs

    public synchronized RestApiState createRestApi(String region, RestApi request) {
        if (request.name == null || request.name.isBlank()) {
            throw badRequest("Invalid REST API name specified: name must be non-empty");
        }
        RestApiState state = new RestApiState();
        RestApi api = new RestApi();
        api.id = ApiGatewayIds.unused(apis::contains, 10);
        api.name = request.name;
        api.description = request.description;
        api.version = request.version;
        api.createdDate = now();
        api.binaryMediaTypes = request.binaryMediaTypes;
        api.policy = request.policy;
        api.tags = request.tags;
        api.disableExecuteApiEndpoint = Boolean.TRUE.equals(request.disableExecuteApiEndpoint);
        api.endpointConfiguration = request.endpointConfiguration != null ? request.endpointConfiguration : edge();
        state.region = region;
        Resource root = new Resource();
        root.id = ApiGatewayIds.random(10);
        root.path = "/";
        api.rootResourceId = root.id;
        state.api = api;
        state.resources.put(root.id, root);
        save(state);
        return state;
    }

    /** The API as stored, shared with every reader: never changed (a change edits a {@link #copyOf}). */
    public RestApiState getRestApi(String apiId) {
        return apis.get(apiId).orElseThrow(() -> unknownApi(apiId));
    }

    public List<RestApi> getRestApis() {
        return apis.values().map(state -> state.api).toList();
    }

    public synchronized void deleteRestApi(String apiId) {
        RestApiState state = getRestApi(apiId);
        storage.atomically(() -> {
            apis.remove(apiId);
            state.deployments.keySet().forEach(id -> deployedTrees.remove(apiId + "/" + id));
        });
    }

    // Resources

    public synchronized Resource createResource(String apiId, String parentId, String pathPart) {
        RestApiState state = copyOf(apiId);
        Resource parent = resource(state, parentId);
        if (pathPart == null || !PATH_PART.matcher(pathPart).matches()) {
            throw badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.");
        }
        if (parent.isGreedy()) {
            throw badRequest("Cannot create a child of a resource with a greedy path variable: " + parent.path);
        }
        for (Resource sibling : children(state, parentId)) {
            if (sibling.pathPart.equals(pathPart)) {
                throw conflict("Another resource with the same parent already has this name: " + pathPart);
            }
            if (sibling.isVariable() && pathPart.startsWith("{")) {
                throw badRequest("A sibling (" + sibling.pathPart + ") of this resource already has a variable path part -- only one is allowed");
            }
        }
        Resource resource = new Resource();
        resource.id = ApiGatewayIds.unused(id -> state.resources.containsKey(id), 6);
        resource.parentId = parentId;
        resource.pathPart = pathPart;
        resource.path = (parent.path.equals("/") ? "" : parent.path) + "/" + pathPart;
        state.resources.put(resource.id, resource);
        save(state);
        return resource;
    }

    public Resource getResource(String apiId, String resourceId) {
        return resource(getRestApi(apiId), resourceId);
    }

    public List<Resource> getResources(String apiId) {
        return new ArrayList<>(getRestApi(apiId).resources.values());
    }

    public synchronized void deleteResource(String apiId, String resourceId) {
        RestApiState state = copyOf(apiId);
        Resource resource = resource(state, resourceId);
        if (resource.parentId == null) {
            throw badRequest("Cannot delete the root resource of a REST API.");
        }
        Deque<String> toDelete = new ArrayDeque<>(List.of(resourceId));
        while (!toDelete.isEmpty()) {
            String id = toDelete.pop();
            children(state, id).forEach(child -> toDelete.push(child.id));
            state.resources.remove(id);
        }
        save(state);
    }

    // Methods, integrations and their responses

    public synchronized Method putMethod(String apiId, String resourceId, String httpMethod, Method request) {
        RestApiState state = copyOf(apiId);
        Resource resource = resource(state, resourceId);
        String verb = httpMethod(httpMethod);
        if (resource.resourceMethods.containsKey(verb)) {
            throw conflict("Method already exists for this resource");
        }
        if (request.authorizationType == null || !AUTHORIZATION_TYPES.contains(request.authorizationType)) {
            throw badRequest("Invalid authorization type specified. Valid values are NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS.");
        }
        Method method = new Method();
        method.httpMethod = verb;
        method.authorizationType = request.authorizationType;
        method.authorizerId = request.authorizerId;
        method.apiKeyRequired = Boolean.TRUE.equals(request.apiKeyRequired);
        method.operationName = request.operationName;
        method.requestParameters = request.requestParameters;
        method.requestModels = request.requestModels;
        resource.resourceMethods.put(verb, method);
        save(state);
        return method;
    }

    public Method getMethod(String apiId, String resourceId, String httpMethod) {
        return method(getRestApi(apiId), resourceId, httpMethod);
    }

    public synchronized void deleteMethod(String apiId, String resourceId, String httpMethod) {
        RestApiState state = copyOf(apiId);
        method(state, resourceId, httpMethod);
        resource(state, resourceId).resourceMethods.remove(httpMethod);
        save(state);
    }

    public synchronized Integration putIntegration(String apiId, String resourceId, String httpMethod, Integration request) {
        return change(apiId, state -> {
            Method method = method(state, resourceId, httpMethod);
            if (request.type == null || !INTEGRATION_TYPES.contains(request.type)) {
                throw badRequest("Invalid integration type specified. Valid values are HTTP, AWS, MOCK, HTTP_PROXY and AWS_PROXY.");
            }
            boolean needsBackend = !request.type.equals("MOCK");
            if (needsBackend && (request.httpMethod == null || request.httpMethod.isBlank())) {
                throw badRequest("Enumeration value for HttpMethod must be non-empty");
            }
            if (needsBackend && (request.uri == null || request.uri.isBlank())) {
                throw badRequest("Invalid integration URI specified");
            }
            if (request.type.equals("AWS_PROXY") && LambdaUris.functionArn(request.uri).isEmpty()) {
                throw badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."
                        + " localcloud expects arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations");
            }
            int timeout = request.timeoutInMillis == null ? MAX_TIMEOUT_MILLIS : request.timeoutInMillis;
            if (timeout < 50 || timeout > MAX_TIMEOUT_MILLIS) {
                throw badRequest("Timeout should be between 50 ms and 29000 ms");
            }
            Integration integration = new Integration();
            integration.type = request.type;
            integration.httpMethod = request.httpMethod;
            integration.uri = request.uri;
            integration.credentials = request.credentials;
            integration.requestParameters = request.requestParameters;
            integration.requestTemplates = request.requestTemplates;
            integration.passthroughBehavior = request.passthroughBehavior == null ? "WHEN_NO_MATCH" : request.passthroughBehavior;
            integration.contentHandling = request.contentHandling;
            integration.timeoutInMillis = timeout;
            integration.cacheNamespace = resourceId;
            integration.cacheKeyParameters = request.cacheKeyParameters == null ? List.of() : request.cacheKeyParameters;
            method.methodIntegration = integration;
            return integration;
        });
    }

    public Integration getIntegration(String apiId, String resourceId, String httpMethod) {
        return integration(getRestApi(apiId), resourceId, httpMethod);
    }

    public synchronized MethodResponse putMethodResponse(String apiId, String resourceId, String httpMethod, String statusCode, MethodResponse request) {
        return change(apiId, state -> {
            Method method = method(state, resourceId, httpMethod);
            MethodResponse response = new MethodResponse();
            response.statusCode = statusCode(statusCode);
            response.responseParameters = request.responseParameters;
            response.responseModels = request.responseModels;
            if (method.methodResponses == null) {
                method.methodResponses = new LinkedHashMap<>();
            }
            method.methodResponses.put(statusCode, response);
            return response;
        });
    }

    public synchronized IntegrationResponse putIntegrationResponse(String apiId, String resourceId, String httpMethod, String statusCode,
                                                                   IntegrationResponse request) {
        return change(apiId, state -> {
            Integration integration = integration(state, resourceId, httpMethod);
            IntegrationResponse response = new IntegrationResponse();
            response.statusCode = statusCode(statusCode);
            response.selectionPattern = request.selectionPattern;
            response.responseParameters = request.responseParameters;
            response.responseTemplates = request.responseTemplates;
            response.contentHandling = request.contentHandling;
            if (integration.integrationResponses == null) {
                integration.integrationResponses = new LinkedHashMap<>();
            }
            integration.integrationResponses.put(statusCode, response);
            return response;
        });
    }

    // Deployments and stages

    /** Freezes the current tree; with a stage name, that stage (created if missing) serves it. */
    public synchronized Deployment createDeployment(String apiId, String stageName, String stageDescription, String description,
                                                    Map<String, String> variables) {
        RestApiState state = copyOf(apiId);
        checkDeployable(state);
        Deployment deployment = new Deployment();
        deployment.id = ApiGatewayIds.unused(id -> state.deployments.containsKey(id), 6);
        deployment.description = description;
        deployment.createdDate = now();
        state.deployments.put(deployment.id, deployment);
        if (stageName != null && !stageName.isEmpty()) {
            Stage stage = state.stages.get(stageName);
            if (stage == null) {
                stage = newStage(stageName(stageName), stageDescription, variables, null);
                state.stages.put(stageName, stage);
            } else if (variables != null) {
                stage.variables = variables;
            }
            stage.deploymentId = deployment.id;
            stage.lastUpdatedDate = now();
        }
        storage.atomically(() -> {
            deployedTrees.put(apiId + "/" + deployment.id, state.resources);
            save(state);
        });
        return deployment;
    }

    public List<Deployment> getDeployments(String apiId) {
        return new ArrayList<>(getRestApi(apiId).deployments.values());
    }

    public Deployment getDeployment(String apiId, String deploymentId) {
        Deployment deployment = getRestApi(apiId).deployments.get(deploymentId);
        if (deployment == null) {
            throw notFound("Invalid Deployment identifier specified");
        }
        return deployment;
    }

    public synchronized Stage createStage(String apiId, String stageName, String deploymentId, String description,
                                          Map<String, String> variables, Map<String, String> tags) {
        return change(apiId, state -> {
            stageName(stageName);
            if (deploymentId == null || !state.deployments.containsKey(deploymentId)) {
                throw notFound("Invalid Deployment identifier specified");
            }
            if (state.stages.containsKey(stageName)) {
                throw conflict("Stage already exists");
            }
            Stage stage = newStage(stageName, description, variables, tags);
            stage.deploymentId = deploymentId;
            state.stages.put(stageName, stage);
            return stage;
        });
    }

    public Stage getStage(String apiId, String stageName) {
        return stage(getRestApi(apiId), stageName);
    }

    public List<Stage> getStages(String apiId) {
        return new ArrayList<>(getRestApi(apiId).stages.values());
    }

    /** Applies JSON-Patch-like operations to the paths API Gateway allows on a stage. */
    public synchronized Stage updateStage(String apiId, String stageName, List<PatchOperation> operations) {
        return change(apiId, state -> {
            Stage stage = stage(state, stageName);
            for (PatchOperation op : operations) {
                applyToStage(state, stage, op);
            }
            stage.lastUpdatedDate = now();
            return stage;
        });
    }

    public synchronized void deleteStage(String apiId, String stageName) {
        change(apiId, state -> {
            stage(state, stageName);
            return state.stages.remove(stageName);
        });
    }

    /**
     * The stage's deployed tree, for the data plane (every call): empty when the API, stage or
     * deployment is unknown. Both documents come parsed once from the documents' cache.
     */
    public Optional<DeployedStage> deployedStage(String apiId, String stageName) {
        Optional<RestApiState> api = apis.get(apiId);
        Stage stage = api.map(state -> state.stages.get(stageName)).orElse(null);
        if (stage == null) {
            return Optional.empty();
        }
        return deployedTrees.get(apiId + "/" + stage.deploymentId)
                .map(tree -> new DeployedStage(api.get().api, api.get().region, stage, tree));
    }

    // Tags (on APIs and stages)

    public synchronized void tag(String apiId, String stageName, Map<String, String> tags) {
        change(apiId, state -> {
            Map<String, String> current = tagsOf(state, stageName);
            current.putAll(tags);
            return current;
        });
    }

    public synchronized void untag(String apiId, String stageName, List<String> keys) {
        change(apiId, state -> {
            Map<String, String> current = tagsOf(state, stageName);
            keys.forEach(current::remove);
            return current;
        });
    }

    public Map<String, String> tags(String apiId, String stageName) {
        RestApiState state = getRestApi(apiId);
        Map<String, String> tags = stageName == null ? state.api.tags : stage(state, stageName).tags;
        return tags == null ? new LinkedHashMap<>() : new LinkedHashMap<>(tags);
    }

    /** One JSON-Patch operation of an Update* call. */
    public record PatchOperation(String op, String path, String value) {
    }

    // Helpers

    /** The tags of the API or a stage of a copy being changed, created empty if it had none. */
    private Map<String, String> tagsOf(RestApiState state, String stageName) {
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

    private void applyToStage(RestApiState state, Stage stage, PatchOperation op) {
        String path = op.path() == null ? "" : op.path();
        boolean remove = "remove".equals(op.op());
        if (!remove && !"replace".equals(op.op()) && !"add".equals(op.op())) {
            throw badRequest("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
        }
        if (path.equals("/description")) {
            stage.description = remove ? null : op.value();
        } else if (path.equals("/deploymentId")) {
            if (!state.deployments.containsKey(op.value())) {
                throw badRequest("Invalid deployment id specified: " + op.value());
            }
            stage.deploymentId = op.value();
        } else if (path.equals("/tracingEnabled")) {
            stage.tracingEnabled = Boolean.parseBoolean(op.value());
        } else if (path.equals("/cacheClusterEnabled")) {
            stage.cacheClusterEnabled = Boolean.parseBoolean(op.value());
        } else if (path.startsWith("/variables/")) {
            if (stage.variables == null) {
                stage.variables = new LinkedHashMap<>();
            }
            String name = path.substring("/variables/".length());
            if (remove) {
                stage.variables.remove(name);
            } else {
                stage.variables.put(name, op.value());
            }
        } else if (path.matches("/[^/]+/[^/]+/(logging/loglevel|logging/dataTrace|metrics/enabled|throttling/burstLimit|throttling/rateLimit)")) {
            // Method settings are kept and shown (localcloud does not log or throttle by them).
            String[] parts = path.substring(1).split("/");
            String key = parts[0].replace("~1", "/") + "/" + parts[1];
            stage.methodSettings.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(parts[2] + "/" + parts[3], op.value());
        } else {
            throw badRequest("Invalid patch path '" + path + "' specified for op '" + op.op() + "'.");
        }
    }

    private void checkDeployable(RestApiState state) {
        boolean anyMethod = false;
        for (Resource resource : state.resources.values()) {
            for (Method method : resource.resourceMethods.values()) {
                anyMethod = true;
                if (method.methodIntegration == null) {
                    throw badRequest("No integration defined for method");
                }
            }
        }
        if (!anyMethod) {
            throw badRequest("The REST API doesn't contain any methods");
        }
    }

    private Stage newStage(String name, String description, Map<String, String> variables, Map<String, String> tags) {
        Stage stage = new Stage();
        stage.stageName = name;
        stage.description = description;
        stage.variables = variables;
        stage.tags = tags;
        stage.createdDate = now();
        stage.lastUpdatedDate = stage.createdDate;
        return stage;
    }

    /** Edits a copy of the API and stores it; nothing is stored when {@code edit} refuses. */
    private <T> T change(String apiId, Function<RestApiState, T> edit) {
        RestApiState state = copyOf(apiId);
        T result = edit.apply(state);
        save(state);
        return result;
    }

    /** The API's own copy, for a change. */
    private RestApiState copyOf(String apiId) {
        return apis.copy(apiId).orElseThrow(() -> unknownApi(apiId));
    }

    private void save(RestApiState state) {
        apis.put(state.api.id, state);
    }

    private static AwsException unknownApi(String apiId) {
        return notFound("Invalid API identifier specified " + AccountAndRegion.ACCOUNT_ID + ":" + apiId);
    }

    private static Map<String, Resource> readTree(String json) {
        try {
            return Json.MAPPER.readValue(json, TREE);
        } catch (IOException e) {
            throw new IllegalStateException("stored deployment is unreadable", e);
        }
    }

    private static Resource resource(RestApiState state, String resourceId) {
        Resource resource = state.resources.get(resourceId);
        if (resource == null) {
            throw notFound("Invalid Resource identifier specified");
        }
        return resource;
    }

    private static List<Resource> children(RestApiState state, String parentId) {
        return state.resources.values().stream().filter(r -> parentId.equals(r.parentId)).toList();
    }

    private static Method method(RestApiState state, String resourceId, String httpMethod) {
        Method method = resource(state, resourceId).resourceMethods.get(httpMethod);
        if (method == null) {
            throw notFound("Invalid Method identifier specified");
        }
        return method;
    }

    private static Integration integration(RestApiState state, String resourceId, String httpMethod) {
        Integration integration = method(state, resourceId, httpMethod).methodIntegration;
        if (integration == null) {
            throw notFound("Invalid Integration identifier specified");
        }
        return integration;
    }

    private static Stage stage(RestApiState state, String stageName) {
        Stage stage = state.stages.get(stageName);
        if (stage == null) {
            throw notFound("Invalid Stage identifier specified");
        }
        return stage;
    }

    private static String httpMethod(String verb) {
        if (verb == null || !HTTP_METHODS.contains(verb)) {
            throw badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
        }
        return verb;
    }

    private static String statusCode(String code) {
        if (code == null || !STATUS_CODE.matcher(code).matches()) {
            throw badRequest("Invalid status code specified: " + code);
        }
        return code;
    }

    private static String stageName(String name) {
        if (name == null || !STAGE_NAME.matcher(name).matches()) {
            throw badRequest("Stage name only allows a-zA-Z0-9_-");
        }
        return name;
    }

    private static RestApi.EndpointConfiguration edge() {
        RestApi.EndpointConfiguration configuration = new RestApi.EndpointConfiguration();
        configuration.types = List.of("EDGE");
        return configuration;
    }


    private long now() {
        return clock.instant().getEpochSecond();
    }
}
