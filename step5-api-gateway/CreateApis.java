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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.apigatewayv2.model.Stage;

/**
 * Step 5 of the seed: "API Gateway — Rest API 모듈 (Lambda를 HTTP로 호출), WebSocket 모듈
 * (WebSocket으로 붙을 때 ConnectionID를 부여)". Step 6 connects the routes to the functions.
 */
public class CreateApis implements LabStep {

    static final String MESSAGES_PATH = "/rooms/{roomId}/messages";
    static final List<String> ROUTE_KEYS = List.of("$connect", "$disconnect", "sendMessage", "$default");
    static final String ROUTE_SELECTION = "$request.body.action";
    /** What breaks without each route: the check's hint says it. */
    static final Map<String, Text> ROUTE_PURPOSE = Map.of(
            "$connect", Text.of("Without $connect no one joins a room: the connection is never stored in ChatUsers, "
                    + "so no message reaches it.",
                    "$connect가 없으면 아무도 방에 들어오지 못합니다: 연결이 ChatUsers에 저장되지 않아 어떤 메시지도 받지 못합니다."),
            "$disconnect", Text.of("Without $disconnect a closed connection stays in ChatUsers, and every message is "
                    + "sent to it until one fails with 410 (GoneException).",
                    "$disconnect가 없으면 닫힌 연결이 ChatUsers에 남아, 410(GoneException)으로 실패할 때까지 메시지가 계속 그 연결로 보내집니다."),
            "sendMessage", Text.of("Without sendMessage the frame {\"action\":\"sendMessage\"} goes to $default and "
                    + "no message is ever sent.",
                    "sendMessage가 없으면 {\"action\":\"sendMessage\"} 프레임이 $default로 가서 메시지가 전혀 보내지지 않습니다."),
            "$default", Text.of("Without $default a frame with an unknown action gets no error frame, only API "
                    + "Gateway's Forbidden.",
                    "$default가 없으면 알 수 없는 action의 프레임에 오류 프레임 대신 API Gateway의 Forbidden만 돌아갑니다."));

    public static void main(String[] args) {
        StepRunner.main(new CreateApis(), args);
    }

    @Override
    public int number() {
        return 5;
    }

    @Override
    public Text title() {
        return Text.of("API Gateway: a REST API and a WebSocket API", "API Gateway: REST API와 WebSocket API");
    }

    @Override
    public void run(Lab lab) {
        Names names = lab.names();
        ApiGatewayClient rest = lab.client(ApiGatewayClient.builder());
        String restApiId = findRestApi(rest, names.restApi()).map(RestApi::id)
                .orElseGet(() -> rest.createRestApi(b -> b.name(names.restApi())
                .description("Serverless Chat Lab: the room history")
                .endpointConfiguration(e -> e.types(EndpointType.REGIONAL))
                .tags(names.tags())).id());
        String messagesResourceId = ensurePath(rest, restApiId, MESSAGES_PATH);
        ensureGetMethod(rest, restApiId, messagesResourceId);
        ensureCorsPreflight(rest, restApiId, messagesResourceId);
        lab.done(Text.of("REST API %s (%s): %s with %s", "REST API %s (%s): %s, 메서드 %s"), names.restApi(), restApiId,
                MESSAGES_PATH,
                methodsInWords(rest, restApiId, messagesResourceId).in(lab.lang()));

        ApiGatewayV2Client webSocket = lab.client(ApiGatewayV2Client.builder());
        String apiId = findWebSocketApi(webSocket, names.webSocketApi()).map(Api::apiId)
                .orElseGet(() -> createWebSocketApi(webSocket, names.webSocketApi(), names.tags()));
        String selection = webSocket.getApi(b -> b.apiId(apiId)).routeSelectionExpression();
        if (!ROUTE_SELECTION.equals(selection)) {
            webSocket.updateApi(b -> b.apiId(apiId).routeSelectionExpression(ROUTE_SELECTION));
            lab.say(Text.of("WebSocket API %s selected routes by %s: changed to %s (UpdateApi).",
                    "WebSocket API %s: 라우트 선택 표현식 %s → %s (UpdateApi)."),
                    names.webSocketApi(), selection, ROUTE_SELECTION);
        }
        List<String> created = ensureRoutes(webSocket, apiId);
        if (!created.isEmpty()) {
            lab.say(Text.of("Added the routes %s (step 6 connects each to its function).",
                    "라우트 %s 추가 (6단계에서 각각 함수에 연결합니다)."), created);
        }
        for (Route stray : webSocket.getRoutes(b -> b.apiId(apiId).maxResults("500")).items()) {
            if (!ROUTE_KEYS.contains(stray.routeKey())) {
                lab.say(Text.of("Route %s is not one of the chat's (keys are case-sensitive): nothing sends it. "
                        + "Delete it: aws apigatewayv2 delete-route --api-id %s --route-id %s",
                        "라우트 %s: 채팅에 없는 라우트입니다 (라우트 키는 대소문자를 구분합니다). 지우세요: aws apigatewayv2 delete-route --api-id %s "
                                + "--route-id %s"),
                        stray.routeKey(), apiId, stray.routeId());
            }
        }
        if (stageNames(webSocket, apiId).noneMatch(names.stage()::equals)) {
            webSocket.createStage(b -> b.apiId(apiId).stageName(names.stage()).tags(names.tags()));
        }
        Api now = webSocket.getApis(b -> b.maxResults("500")).items().stream().filter(a -> a.apiId().equals(apiId))
                .findFirst().orElseThrow();
        lab.done(Text.of("WebSocket API %s (%s): routes selected by %s, routes %s, stages %s",
                "WebSocket API %s (%s): 라우트 선택 %s, 라우트 %s, 스테이지 %s"),
                now.name(), now.apiId(), now.routeSelectionExpression(), routeKeys(webSocket, now.apiId()),
                        stageNames(webSocket, now.apiId()).toList());
        lab.say(Text.of("WebSocket URL (after step 6 deploys it): %s/%s", "WebSocket 주소 (6단계에서 배포한 뒤): %s/%s"),
                now.apiEndpoint(), names.stage());
        lab.say(Text.of("REST URL (after step 6 deploys it): %s", "REST 주소 (6단계에서 배포한 뒤): %s"),
                lab.restApiUrl(restApiId, names.stage()));
    }

    /**
     * The routes of the WebSocket API, one per route key of ROUTE_KEYS. Answers the keys it
     * created (none when all were there: a second run changes nothing).
     */
    static List<String> ensureRoutes(ApiGatewayV2Client webSocket, String apiId) {
        // TODO(step5): Create each route of ROUTE_KEYS that the API does not have yet (routeKeys lists the
        //   ones it has): CreateRoute with the API id and the route key, no target (step 6 connects each
        //   route to its function). Answer the route keys you created.
        // TODO-ko: ROUTE_KEYS의 라우트 중 API에 아직 없는 것을 만드세요(있는 것은 routeKeys가 알려 줌):
        //   CreateRoute에 API ID와 라우트 키를 주고 target은 비워 두며(6단계가 라우트마다 함수에 연결),
        //   만든 라우트 키를 반환. 라우트 키는 대소문자를 구분합니다.
        throw Todo.missing("step5", "Create each route of ROUTE_KEYS that the API does not have yet (routeKeys lists the ones it has): CreateRoute with the API id and the route key, no target (step 6 connects each route to its function).", "ROUTE_KEYS의 라우트 중 API에 아직 없는 것을 만드세요(있는 것은 routeKeys가 알려 줌): CreateRoute에 API ID와 라우트 키를 주고 target은 비워 두며(6단계가 라우트마다 함수에 연결), 만든 라우트 키를 반환.");
    }

    static Stream<String> stageNames(ApiGatewayV2Client webSocket, String apiId) {
        return webSocket.getStages(b -> b.apiId(apiId)).items().stream().map(Stage::stageName);
    }

    /**
     * "GET (authorization NONE, no integration yet), OPTIONS (authorization NONE, MOCK)": a
     * resource's methods, read back.
     */
    static Text methodsInWords(ApiGatewayClient rest, String apiId, String resourceId) {
        var resource = rest.getResource(b -> b.restApiId(apiId).resourceId(resourceId));
        if (!resource.hasResourceMethods() || resource.resourceMethods().isEmpty()) {
            return Text.of("no method", "메서드 없음");
        }
        List<String> en = new ArrayList<>();
        List<String> ko = new ArrayList<>();
        for (String method : new TreeSet<>(resource.resourceMethods().keySet())) {
            var found = rest.getMethod(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod(method));
            String integration = found.methodIntegration() == null ? null : found.methodIntegration().typeAsString();
            en.add(method + " (authorization " + found.authorizationType() + ", "
                    + (integration == null ? "no integration yet" : integration) + ")");
            ko.add(method + " (권한 부여 " + found.authorizationType() + ", "
                    + (integration == null ? "통합은 아직 없음" : integration) + ")");
        }
        return Text.of(String.join(", ", en), String.join(", ", ko));
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
    static String createWebSocketApi(ApiGatewayV2Client webSocket, String name, Map<String, String> tags) {
        // TODO(step5): Create the WebSocket API: CreateApi with the name, ProtocolType WEBSOCKET and
        //   the route selection expression ROUTE_SELECTION, tagged with `tags`. Answer the new API's
        //   id, from the CreateApiResponse.
        // TODO-ko: WebSocket API를 만드세요: CreateApi에 이름, ProtocolType WEBSOCKET, 라우트 선택 표현식
        //   ROUTE_SELECTION, 태그 `tags`를 줌. CreateApiResponse에서 새 API의 ID를 돌려주세요.
        throw Todo.missing("step5", "Create the WebSocket API: CreateApi with the name, ProtocolType WEBSOCKET and the route selection expression ROUTE_SELECTION, tagged with `tags`.", "WebSocket API를 만드세요: CreateApi에 이름, ProtocolType WEBSOCKET, 라우트 선택 표현식 ROUTE_SELECTION, 태그 `tags`를 줌.");
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
                    .orElseGet(() -> rest.createResource(b -> b.restApiId(apiId).parentId(parentId).pathPart(part))
                    .id());
        }
        return id;
    }

    static void ensureGetMethod(ApiGatewayClient rest, String apiId, String resourceId) {
        // TODO(step5): Add the GET method to the messages resource (when it has none yet): no
        //   authorization ("NONE"), and the path parameter roomId declared as required
        //   ("method.request.path.roomId" -> true). Look up PutMethodRequest.
        // TODO-ko: messages 리소스에 GET 메서드를 추가하세요(아직 없을 때만): 권한 부여는 없음("NONE"),
        //   경로 파라미터 roomId는 필수로 선언("method.request.path.roomId" -> true).
        //   PutMethodRequest를 찾아보세요.
        throw Todo.missing("step5", "Add the GET method to the messages resource (when it has none yet): no authorization (\"NONE\"), and the path parameter roomId declared as required (\"method.request.path.roomId\" -> true).", "messages 리소스에 GET 메서드를 추가하세요(아직 없을 때만): 권한 부여는 없음(\"NONE\"), 경로 파라미터 roomId는 필수로 선언(\"method.request.path.roomId\" -> true).");
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
        rest.putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("OPTIONS")
                .type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        Map<String, Boolean> declared = Map.of(
                "method.response.header.Access-Control-Allow-Origin", true,
                "method.response.header.Access-Control-Allow-Methods", true,
                "method.response.header.Access-Control-Allow-Headers", true);
        rest.putMethodResponse(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("OPTIONS").statusCode("200")
                .responseParameters(declared));
        rest.putIntegrationResponse(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("OPTIONS")
                .statusCode("200")
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
        checks.check(Texts.REST_API.with(names.restApi()),
                () -> Outcome.when(restApi.isPresent(), Texts.createRestApi(names.restApi())));
        restApi.ifPresent(api -> checkRestApi(checks, rest, api));
        Optional<Api> webSocketApi = findWebSocketApi(webSocket, names.webSocketApi());
        checks.check(Texts.WEBSOCKET_API.with(names.webSocketApi()),
                () -> Outcome.when(webSocketApi.isPresent(), Texts.createWebSocketApi(names.webSocketApi())));
        webSocketApi.ifPresent(api -> checkWebSocketApi(checks, webSocket, api, names.stage()));
    }

    /** The history's resource and its methods. */
    static void checkRestApi(Checks checks, ApiGatewayClient rest, RestApi api) {
        List<Resource> resources = rest.getResources(b -> b.restApiId(api.id()).limit(500)).items();
        Optional<Resource> messages = resources.stream().filter(r -> r.path().equals(MESSAGES_PATH)).findFirst();
        checks.check(Texts.RESOURCE.with(MESSAGES_PATH), () -> Outcome.when(messages.isPresent(),
                Texts.pathsFound(resources.stream().map(Resource::path).sorted().collect(Collectors.joining(", ")))));
        messages.ifPresent(resource -> checks.check(Texts.METHODS.with(MESSAGES_PATH),
                () -> methodsOutcome(rest, api, resource)));
    }

    /** GET without authorization (a browser signs nothing), and OPTIONS for CORS. */
    static Outcome methodsOutcome(ApiGatewayClient rest, RestApi api, Resource resource) {
        Set<String> methods = resource.hasResourceMethods()
                ? new TreeSet<>(resource.resourceMethods().keySet()) : Set.of();
        if (!methods.contains("GET")) {
            return Outcome.fail(Texts.noGet(methods));
        }
        String authorization = rest.getMethod(b -> b.restApiId(api.id()).resourceId(resource.id())
                .httpMethod("GET")).authorizationType();
        if (!"NONE".equals(authorization)) {
            return Outcome.fail(Texts.getAuthorized(authorization));
        }
        return Outcome.when(methods.contains("OPTIONS"), Texts.noOptions(methods));
    }

    /** The route selection expression, the routes and the stage. */
    static void checkWebSocketApi(Checks checks, ApiGatewayV2Client webSocket, Api api, String stage) {
        checks.check(Texts.SELECTS_BY.with(ROUTE_SELECTION), () -> Outcome.when(
                ROUTE_SELECTION.equals(api.routeSelectionExpression()),
                Texts.selectsBy(api.routeSelectionExpression(), api.apiId())));
        checks.check(Texts.ROUTES.with(ROUTE_KEYS), () -> routesOutcome(webSocket, api.apiId()));
        checks.check(Texts.STAGE.with(stage), () -> {
            List<String> stages = stageNames(webSocket, api.apiId()).toList();
            return Outcome.when(stages.contains(stage), Texts.stagesFound(stages, stage, api.apiId()));
        });
    }

    static Outcome routesOutcome(ApiGatewayV2Client webSocket, String apiId) {
        Set<String> keys = routeKeys(webSocket, apiId);
        List<String> missing = ROUTE_KEYS.stream().filter(k -> !keys.contains(k)).toList();
        return missing.isEmpty() ? Outcome.pass() : Outcome.fail(Texts.missingRoutes(missing, keys, apiId));
    }

    /** What the checks say, in English and Korean: each check's name, then what it answers. */
    static final class Texts {

        static final Text REST_API = Text.of("REST API %s exists", "REST API %s 있음");
        static final Text RESOURCE = Text.of("resource %s exists", "리소스 %s 있음");
        static final Text METHODS = Text.of("%s has GET (no authorization) and OPTIONS",
                "%s: GET (권한 부여 없음)과 OPTIONS");
        static final Text WEBSOCKET_API = Text.of("WebSocket API %s exists", "WebSocket API %s 있음");
        static final Text SELECTS_BY = Text.of("it selects routes by %s", "라우트 선택 표현식 %s");
        static final Text ROUTES = Text.of("routes %s exist", "라우트 %s 있음");
        static final Text STAGE = Text.of("stage %s exists", "스테이지 %s 있음");

        private Texts() {
        }

        static Text createRestApi(String name) {
            return Text.of("Run ./lab step 5, or API Gateway → Create API → REST API → Build, named " + name + ".",
                    "./lab step 5를 실행하거나 API Gateway → API 생성 → REST API → 구축, 이름은 " + name + ".");
        }

        static Text pathsFound(String paths) {
            return Text.of("Paths found: " + paths + ". Create rooms under /, {roomId} under /rooms (braces: a path"
                            + " parameter, spelled roomId), messages under it; ./lab step 5 builds what is missing."
                            + " Delete a misspelled resource (Resources → select → Delete).",
                    "찾은 경로: " + paths + ". / 아래에 rooms, /rooms 아래에 {roomId}(중괄호: 경로 파라미터, 철자는 roomId), 그 아래에 "
                            + "messages를 만드세요."
                            + " ./lab step 5가 빠진 것을 만듭니다. 철자가 틀린 리소스는 지우세요 (리소스 → 선택 → 삭제).");
        }

        static Text noGet(Set<String> methods) {
            return Text.of("Methods found: " + methods + ". Add GET (Create method → GET), authorization NONE: it is"
                            + " how the page reads a room's history. ./lab step 5 adds it; step 6 then connects it to"
                            + " the get-messages function.",
                    "찾은 메서드: " + methods + ". GET을 추가하세요 (메서드 생성 → GET), 권한 부여 NONE: 페이지가 방의 기록을 읽는 방법입니다."
                            + " ./lab step 5가 추가하고, 6단계에서 get-messages 함수에 연결합니다.");
        }

        static Text getAuthorized(String authorization) {
            return Text.of("GET asks for authorization " + authorization
                            + ": a browser sends no AWS signature, so the page would get 403."
                            + " Method request → Edit → Authorization: NONE.",
                    "GET의 권한 부여: " + authorization
                            + ". 브라우저는 AWS 서명을 보내지 않으니 페이지는 403을 받습니다. 메서드 요청 → 편집 → 권한 부여: NONE.");
        }

        static Text noOptions(Set<String> methods) {
            return Text.of("Methods found: " + methods + ". Add OPTIONS, the CORS preflight a browser sends before"
                            + " its GET: select the resource → Enable CORS, or run ./lab step 5.",
                    "찾은 메서드: " + methods
                            + ". 브라우저가 GET 전에 보내는 CORS 사전 요청용 OPTIONS를 추가하세요:"
                            + " 리소스 선택 → CORS 활성화, 또는 ./lab step 5 실행.");
        }

        static Text createWebSocketApi(String name) {
            return Text.of("Run ./lab step 5, or API Gateway → Create API → WebSocket API → Build, named " + name
                            + ".",
                    "./lab step 5를 실행하거나 API Gateway → API 생성 → WebSocket API → 구축, 이름은 " + name + ".");
        }

        static Text selectsBy(String expression, String apiId) {
            return Text.of("It selects by " + expression + ": the page sends {\"action\":\"sendMessage\", ...},"
                            + " so every message would land in $default. Run ./lab step 5 again (it corrects it with"
                            + " UpdateApi), or API settings → Edit → Route selection expression;"
                            + " CLI: aws apigatewayv2 update-api --api-id " + apiId
                            + " --route-selection-expression '" + ROUTE_SELECTION
                            + "' (single quotes: the shell eats $).",
                    "지금 표현식: " + expression
                            + ". 페이지는 {\"action\":\"sendMessage\", ...}를 보내니 모든 메시지가 $default로 갑니다."
                            + " ./lab step 5를 다시 실행하거나 (UpdateApi로 고침) API 설정 → 편집 → 라우트 선택 표현식;"
                            + " CLI: aws apigatewayv2 update-api --api-id " + apiId
                            + " --route-selection-expression '" + ROUTE_SELECTION
                            + "' (작은따옴표: 셸이 $를 먹습니다).");
        }

        static Text missingRoutes(List<String> missing, Set<String> found, String apiId) {
            String what = missing.stream().map(k -> ROUTE_PURPOSE.get(k).en()).collect(Collectors.joining(" "));
            String whatKo = missing.stream().map(k -> ROUTE_PURPOSE.get(k).ko()).collect(Collectors.joining(" "));
            String create = "aws apigatewayv2 create-route --api-id " + apiId + " --route-key '" + missing.get(0)
                    + "'";
            return Text.of("Missing " + missing + " (found " + found + "). " + what
                            + " Run ./lab step 5 again (it adds them; then step 6 connects them), or Routes → "
                            + "Create (keys are case-sensitive); CLI: " + create + ".",
                    "빠진 라우트: " + missing + " (찾은 라우트: " + found + "). " + whatKo
                            + " ./lab step 5를 다시 실행하거나 (추가한 뒤 6단계에서 연결) 라우트 → 생성 (대소문자를 구분합니다); CLI: "
                            + create + ".");
        }

        static Text stagesFound(List<String> stages, String stage, String apiId) {
            String create = "aws apigatewayv2 create-stage --api-id " + apiId + " --stage-name " + stage + ".";
            return Text.of("Stages found: " + stages + ". The chat's URLs end in /" + stage
                            + ": run ./lab step 5 again, or Stages → Create → " + stage + "; CLI: " + create,
                    "찾은 스테이지: " + stages + ". 채팅 주소는 /" + stage
                            + "로 끝납니다: ./lab step 5를 다시 실행하거나 스테이지 → 생성 → " + stage + "; CLI: " + create);
        }
    }
}
