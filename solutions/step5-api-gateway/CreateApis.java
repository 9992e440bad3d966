///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:apigateway
//DEPS software.amazon.awssdk:apigatewayv2
//DEPS dev.chatlab:labkit:0.1.0
//DESCRIPTION Step 5: the chat's REST API (history) and WebSocket API (live messages), without integrations yet.

import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.Todo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * Step 5 of the seed: "API Gateway — Rest API 모듈 (Lambda를 HTTP로 호출), WebSocket 모듈
 * (WebSocket으로 붙을 때 ConnectionID를 부여)". Step 6 connects the routes to the functions.
 */
public class CreateApis implements LabStep {

    static final String MESSAGES_PATH = "/rooms/{roomId}/messages";
    static final List<String> ROUTE_KEYS = List.of("$connect", "$disconnect", "sendMessage", "$default");
    static final String ROUTE_SELECTION = "$request.body.action";

    public static void main(String[] args) {
        StepRunner.main(new CreateApis(), args);
    }

    @Override
    public int number() {
        return 5;
    }

    @Override
    public Text title() {
        return Text.of("API Gateway: a REST API and a WebSocket API", "API Gateway: REST API 와 WebSocket API");
    }

    @Override
    public void run(Lab lab) {
        Names names = lab.names();
        ApiGatewayClient rest = lab.client(ApiGatewayClient.builder());
        String restApiId = findRestApi(rest, names.restApi()).map(RestApi::id).orElseGet(() -> rest.createRestApi(b -> b.name(names.restApi())
                .description("Serverless Chat Lab: the room history")
                .endpointConfiguration(e -> e.types(EndpointType.REGIONAL))
                .tags(names.tags())).id());
        String messagesResourceId = ensurePath(rest, restApiId, MESSAGES_PATH);
        ensureGetMethod(rest, restApiId, messagesResourceId);
        ensureCorsPreflight(rest, restApiId, messagesResourceId);
        lab.done(Text.of("REST API %s (%s): GET and OPTIONS %s", "REST API %s (%s): GET·OPTIONS %s"), names.restApi(), restApiId, MESSAGES_PATH);

        ApiGatewayV2Client webSocket = lab.client(ApiGatewayV2Client.builder());
        Api api = findWebSocketApi(webSocket, names.webSocketApi()).orElseGet(() -> createWebSocketApi(webSocket, names.webSocketApi(), names.tags()));
        Set<String> existing = routeKeys(webSocket, api.apiId());
        for (String routeKey : ROUTE_KEYS) {
            if (!existing.contains(routeKey)) {
                webSocket.createRoute(b -> b.apiId(api.apiId()).routeKey(routeKey));
            }
        }
        if (webSocket.getStages(b -> b.apiId(api.apiId())).items().stream().noneMatch(s -> s.stageName().equals(names.stage()))) {
            webSocket.createStage(b -> b.apiId(api.apiId()).stageName(names.stage()).tags(names.tags()));
        }
        lab.done(Text.of("WebSocket API %s (%s): routes %s, stage %s", "WebSocket API %s (%s): 라우트 %s, 스테이지 %s"),
                names.webSocketApi(), api.apiId(), ROUTE_KEYS, names.stage());
        lab.say(Text.of("WebSocket URL (after step 6 deploys it): %s/%s", "WebSocket 주소 (6단계에서 배포한 뒤): %s/%s"), api.apiEndpoint(), names.stage());
        lab.say(Text.of("REST URL (after step 6 deploys it): %s", "REST 주소 (6단계에서 배포한 뒤): %s"), lab.restApiUrl(restApiId, names.stage()));
    }

    static Optional<RestApi> findRestApi(ApiGatewayClient rest, String name) {
        return rest.getRestApis(b -> b.limit(500)).items().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    static Optional<Api> findWebSocketApi(ApiGatewayV2Client webSocket, String name) {
        return webSocket.getApis(b -> b.maxResults("500")).items().stream()
                .filter(a -> a.name().equals(name) && a.protocolType() == ProtocolType.WEBSOCKET).findFirst();
    }

    /**
     * The WebSocket API. API Gateway reads each incoming frame as JSON and picks the route by
     * the route selection expression: with "$request.body.action" the frame
     * {"action":"sendMessage", ...} goes to the route "sendMessage".
     */
    static Api createWebSocketApi(ApiGatewayV2Client webSocket, String name, Map<String, String> tags) {
        // TODO(step5): Create the WebSocket API: CreateApi with the name, ProtocolType WEBSOCKET and
        //   the route selection expression ROUTE_SELECTION, tagged with `tags`. CreateApi answers a
        //   CreateApiResponse: turn it into an Api (apiId, name, apiEndpoint, protocolType).
        // BEGIN SOLUTION
        var created = webSocket.createApi(b -> b.name(name)
                .protocolType(ProtocolType.WEBSOCKET)
                .routeSelectionExpression(ROUTE_SELECTION)
                .description("Serverless Chat Lab: live messages")
                .tags(tags));
        return Api.builder().apiId(created.apiId()).name(created.name()).apiEndpoint(created.apiEndpoint())
                .protocolType(created.protocolType()).routeSelectionExpression(created.routeSelectionExpression()).build();
        // END SOLUTION
    }

    static Set<String> routeKeys(ApiGatewayV2Client webSocket, String apiId) {
        return webSocket.getRoutes(b -> b.apiId(apiId).maxResults("500")).items().stream()
                .map(r -> r.routeKey()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Finds or creates each resource along the path (/rooms, /rooms/{roomId}, ...); answers the last one's id. */
    static String ensurePath(ApiGatewayClient rest, String apiId, String path) {
        List<Resource> resources = rest.getResources(b -> b.restApiId(apiId).limit(500)).items();
        String id = resources.stream().filter(r -> r.path().equals("/")).findFirst().orElseThrow().id();
        String soFar = "";
        for (String part : path.substring(1).split("/")) {
            soFar += "/" + part;
            String wanted = soFar;
            String parentId = id;
            id = resources.stream().filter(r -> r.path().equals(wanted)).map(Resource::id).findFirst()
                    .orElseGet(() -> rest.createResource(b -> b.restApiId(apiId).parentId(parentId).pathPart(part)).id());
        }
        return id;
    }

    static void ensureGetMethod(ApiGatewayClient rest, String apiId, String resourceId) {
        // TODO(step5): Add the GET method to the messages resource (when it has none yet): no
        //   authorization ("NONE"), and the path parameter roomId declared as required
        //   ("method.request.path.roomId" -> true). Look up PutMethodRequest.
        // BEGIN SOLUTION
        if (hasMethod(rest, apiId, resourceId, "GET")) {
            return;
        }
        rest.putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET")
                .authorizationType("NONE")
                .requestParameters(Map.of("method.request.path.roomId", true)));
        // END SOLUTION
    }

    /**
     * A browser asks OPTIONS before a cross-origin GET from the S3 site: a MOCK integration
     * answers it from API Gateway itself, no function involved.
     */
    static void ensureCorsPreflight(ApiGatewayClient rest, String apiId, String resourceId) {
        if (hasMethod(rest, apiId, resourceId, "OPTIONS")) {
            return;
        }
        rest.putMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("OPTIONS").authorizationType("NONE"));
        rest.putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("OPTIONS").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        Map<String, Boolean> declared = Map.of(
                "method.response.header.Access-Control-Allow-Origin", true,
                "method.response.header.Access-Control-Allow-Methods", true,
                "method.response.header.Access-Control-Allow-Headers", true);
        rest.putMethodResponse(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("OPTIONS").statusCode("200")
                .responseParameters(declared));
        rest.putIntegrationResponse(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("OPTIONS").statusCode("200")
                .responseParameters(Map.of(
                        "method.response.header.Access-Control-Allow-Origin", "'*'",
                        "method.response.header.Access-Control-Allow-Methods", "'GET,OPTIONS'",
                        "method.response.header.Access-Control-Allow-Headers", "'Content-Type'")));
    }

    static boolean hasMethod(ApiGatewayClient rest, String apiId, String resourceId, String method) {
        var resource = rest.getResource(b -> b.restApiId(apiId).resourceId(resourceId));
        return resource.hasResourceMethods() && resource.resourceMethods().containsKey(method);
    }

    @Override
    public void check(Lab lab, Checks checks) {
        Names names = lab.names();
        ApiGatewayClient rest = lab.client(ApiGatewayClient.builder());
        ApiGatewayV2Client webSocket = lab.client(ApiGatewayV2Client.builder());
        Optional<RestApi> restApi = findRestApi(rest, names.restApi());
        checks.check(Text.of("REST API %s exists", "REST API %s 이(가) 있음").with(names.restApi()), () -> Outcome.when(restApi.isPresent(),
                Text.of("Run ./lab step 5, or API Gateway → Create API → REST API → Build.", "./lab step 5 를 실행하거나 API Gateway → API 생성 → REST API → 구축.")));
        restApi.ifPresent(api -> checks.check(Text.of("%s has GET and OPTIONS", "%s 에 GET 과 OPTIONS 가 있음").with(MESSAGES_PATH), () -> {
            Optional<Resource> resource = rest.getResources(b -> b.restApiId(api.id()).limit(500)).items().stream()
                    .filter(r -> r.path().equals(MESSAGES_PATH)).findFirst();
            boolean ok = resource.isPresent() && resource.get().hasResourceMethods()
                    && resource.get().resourceMethods().keySet().containsAll(List.of("GET", "OPTIONS"));
            return Outcome.when(ok, Text.of("Create the resources rooms → {roomId} → messages, then the GET method (and OPTIONS for CORS).",
                    "리소스 rooms → {roomId} → messages 를 만들고 GET 메서드(그리고 CORS 용 OPTIONS)를 추가하세요."));
        }));
        Optional<Api> api = findWebSocketApi(webSocket, names.webSocketApi());
        checks.check(Text.of("WebSocket API %s selects routes by %s", "WebSocket API %s 이(가) %s 로 라우트를 고름").with(names.webSocketApi(), ROUTE_SELECTION),
                () -> Outcome.when(api.isPresent() && ROUTE_SELECTION.equals(api.get().routeSelectionExpression()), Text.of(
                        "Create a WebSocket API whose route selection expression is " + ROUTE_SELECTION + ".",
                        "라우트 선택 표현식이 " + ROUTE_SELECTION + " 인 WebSocket API 를 만드세요.")));
        api.ifPresent(a -> {
            checks.check(Text.of("routes %s exist", "라우트 %s 이(가) 있음").with(ROUTE_KEYS), () -> {
                Set<String> keys = routeKeys(webSocket, a.apiId());
                return Outcome.when(keys.containsAll(ROUTE_KEYS), Text.of("Routes found: " + keys + ". Add the missing ones (names are case-sensitive).",
                        "찾은 라우트: " + keys + ". 빠진 라우트를 추가하세요 (대소문자를 구분합니다)."));
            });
            checks.check(Text.of("stage %s exists", "스테이지 %s 이(가) 있음").with(names.stage()), () -> Outcome.when(
                    webSocket.getStages(b -> b.apiId(a.apiId())).items().stream().anyMatch(s -> s.stageName().equals(names.stage())),
                    Text.of("Create the stage " + names.stage() + " of the WebSocket API.", "WebSocket API 의 스테이지 " + names.stage() + " 를 만드세요.")));
        });
    }
}
