///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:lambda
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:apigateway
//DEPS software.amazon.awssdk:apigatewayv2
//DEPS software.amazon.awssdk:dynamodb
//DEPS dev.chatlab:labkit:0.1.0
//DESCRIPTION Step 6: build the chat's four Java handlers into one jar, create the functions, connect them to the API routes, deploy the stages.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.ErrorHints;
import dev.chatlab.labkit.FunctionsJar;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.Todo;
import dev.chatlab.labkit.chat.ChatConnection;
import dev.chatlab.labkit.chat.ChatEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.DeploymentStatus;
import software.amazon.awssdk.services.apigatewayv2.model.GetDeploymentResponse;
import software.amazon.awssdk.services.apigatewayv2.model.Integration;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Step 6 of the seed: "Lambda — 총 4개: 웹소켓 연결, 웹소켓 해제, 채팅 입력, 채팅 가져오기".
 * The handlers are in src/main/java; this script builds them, deploys them and wires the APIs.
 */
public class DeployFunctions implements LabStep {

    /** Lambda's managed Java runtime (java17 can no longer be created on AWS); the code is Java 17 bytecode. */
    static final Runtime RUNTIME = Runtime.JAVA21;
    /** The Java runtimes AWS still accepts for a new function; java8, java8.al2, java11 and java17 are deprecated. */
    static final Set<String> CURRENT_JAVA_RUNTIMES = Set.of("java21", "java25");
    /** Below these a Java function's cold start (JVM, classes, SDK clients) is slow or times out. */
    static final int MIN_MEMORY_MB = 512;
    static final int MIN_TIMEOUT_SECONDS = 10;
    static final String USERS_TABLE = "USERS_TABLE";
    static final String MESSAGES_TABLE = "MESSAGES_TABLE";
    static final String WEBSOCKET_CALLBACK_URL = "WEBSOCKET_CALLBACK_URL";
    static final ObjectMapper JSON = new ObjectMapper();
    /** How long a frame may take: API Gateway's integration timeout, which a cold start on a busy machine may need. */
    static final Duration PATIENCE = Duration.ofSeconds(29);

    /**
     * A function of PROTOCOL.md: its name, its handler, the routes that call it, the environment
     * variables its handler reads, and one route it serves (for the permission's SourceArn).
     */
    record Function(String name, String handler, List<String> webSocketRoutes, boolean restHistory,
            List<String> variables,
                    String sampleRoute) {
    }

    /** How much memory (MB) and how long (seconds) each function gets. */
    record Sizing(int memoryMb, int timeoutSeconds) {
    }

    public static void main(String[] args) {
        StepRunner.main(new DeployFunctions(), args);
    }

    @Override
    public int number() {
        return 6;
    }

    @Override
    public Text title() {
        return Text.of("The four Lambda functions, wired to the APIs", "Lambda 함수 네 개를 만들고 API에 연결하기");
    }

    static List<Function> functions(Names names) {
        return List.of(
                new Function(names.connectFunction(), "dev.chatlab.chat.ConnectHandler::handleRequest",
                        List.of("$connect"), false,
                        List.of(USERS_TABLE), "$connect"),
                new Function(names.disconnectFunction(), "dev.chatlab.chat.DisconnectHandler::handleRequest",
                        List.of("$disconnect"), false,
                        List.of(USERS_TABLE), "$disconnect"),
                new Function(names.sendMessageFunction(), "dev.chatlab.chat.SendMessageHandler::handleRequest",
                        List.of("sendMessage", "$default"), false,
                        List.of(USERS_TABLE, MESSAGES_TABLE, WEBSOCKET_CALLBACK_URL), "sendMessage"),
                new Function(names.getMessagesFunction(), "dev.chatlab.chat.GetMessagesHandler::handleRequest",
                        List.of(), true,
                        List.of(MESSAGES_TABLE), "GET/rooms/general/messages"));
    }

    @Override
    public void run(Lab lab) throws IOException, InterruptedException {
        Names names = lab.names();
        Path module = lab.stepFolder("step6-lambdas");
        Path jar = FunctionsJar.build(lab, module);
        LambdaClient lambda = lab.client(LambdaClient.builder());
        ApiGatewayV2Client webSocket = lab.client(ApiGatewayV2Client.builder());
        ApiGatewayClient rest = lab.client(ApiGatewayClient.builder());
        String account = lab.accountId();
        String region = lab.region().id();
        String roleArn = lab.client(IamClient.builder()).getRole(b -> b.roleName(names.lambdaRole())).role().arn();
        Api wsApi = webSocketApi(webSocket, names)
                .orElseThrow(() -> new IllegalStateException("WebSocket API " + names.webSocketApi()
                + " not found: run step 5 first"));
        String restApiId = restApiId(rest, names)
                .orElseThrow(() -> new IllegalStateException("REST API " + names.restApi()
                + " not found: run step 5 first"));
        Sizing sizing = sizing();
        Map<String, String> environment = environment(names, callbackUrl(wsApi.apiEndpoint(), names.stage()));
        byte[] code = Files.readAllBytes(jar);
        for (Function function : functions(names)) {
            String arn = createOrUpdate(lab, lambda, function, roleArn, environment, sizing, code);
            GetFunctionConfigurationResponse config =
                    lambda.getFunctionConfiguration(b -> b.functionName(function.name()));
            lab.done(Text.of("%s: %s, %s, %d MB, %d s, %s", "%s: %s, %s, %d MB, %d초, %s"), config.functionName(),
                    config.runtimeAsString(),
                    config.handler(), config.memorySize(), config.timeout(), variablesOf(config));
            String apiId = function.restHistory() ? restApiId : wsApi.apiId();
            String sourceArn = ensureInvokePermission(lab, lambda, function, region, account, apiId);
            lab.done(Text.of("%s: API Gateway may invoke it from %s", "%s: API Gateway가 %s에서 호출할 수 있습니다"),
                    function.name(), sourceArn);
            String invocationUri = "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + arn
                    + "/invocations";
            for (String routeKey : function.webSocketRoutes()) {
                connectRoute(webSocket, wsApi.apiId(), routeKey, invocationUri);
            }
            if (function.restHistory()) {
                connectHistory(rest, restApiId, invocationUri);
            }
        }
        deploy(webSocket, rest, wsApi.apiId(), restApiId, names.stage());
        String wsDeployment = webSocket.getStage(b -> b.apiId(wsApi.apiId()).stageName(names.stage())).deploymentId();
        waitUntilDeployed(lab, webSocket, wsApi.apiId(), wsDeployment);
        String restDeployment = rest.getStage(b -> b.restApiId(restApiId).stageName(names.stage())).deploymentId();
        lab.done(Text.of("Stage %s serves deployment %s of %s and %s of %s", "스테이지 %s: %s의 배포 %s, %s의 배포 %s"),
                names.stage(), wsDeployment, names.webSocketApi(), restDeployment, names.restApi());
        lab.say(Text.of("WebSocket: %s/%s", "WebSocket: %s/%s"), wsApi.apiEndpoint(), names.stage());
        lab.say(Text.of("History:   %s/rooms/general/messages", "기록:      %s/rooms/general/messages"),
                lab.restApiUrl(restApiId, names.stage()));
    }

    /**
     * What each function gets. Lambda's defaults, 128 MB and 3 s, are made for small scripts: a
     * Java function's first call starts a JVM, loads the SDK and builds its clients.
     */
    static Sizing sizing() {
        // TODO(step6): Return the memory (MB) and timeout (seconds) of the functions. Lambda's
        //   defaults (128 MB, 3 s) are too small for Java: a cold start loads a JVM and the SDK,
        //   and Lambda gives CPU in proportion to memory. The guide says which values and why.
        // TODO-ko: 함수의 메모리(MB)와 제한 시간(초)을 돌려주세요. Lambda의 기본값(128 MB, 3초)은
        //   Java에는 너무 작습니다. 콜드 스타트는 JVM과 SDK를 읽어 들이고, Lambda는 메모리에 비례해
        //   CPU를 줍니다. 어떤 값인지, 왜 그런지는 가이드에 있습니다.
        throw Todo.missing("step6", "Return the memory (MB) and timeout (seconds) of the functions.", "함수의 메모리(MB)와 제한 시간(초)을 돌려주세요.");
    }

    /** The environment variables the handlers read (ChatConfig): the two tables and where to post frames. */
    static Map<String, String> environment(Names names, String callbackUrl) {
        // TODO(step6): Return the environment of the functions: USERS_TABLE and MESSAGES_TABLE
        //   (the tables' names, from `names`) and WEBSOCKET_CALLBACK_URL (`callbackUrl`), as
        //   ChatConfig reads them.
        // TODO-ko: 함수의 환경 변수를 돌려주세요. USERS_TABLE과 MESSAGES_TABLE(`names`의 테이블 이름),
        //   WEBSOCKET_CALLBACK_URL(`callbackUrl`)을 ChatConfig가 읽는 이름 그대로 넣습니다.
        throw Todo.missing("step6", "Return the environment of the functions: USERS_TABLE and MESSAGES_TABLE (the tables' names, from `names`) and WEBSOCKET_CALLBACK_URL (`callbackUrl`), as ChatConfig reads them.", "함수의 환경 변수를 돌려주세요.");
    }

    /**
     * The resource policy statement that lets API Gateway invoke the function, from calls of the
     * API {@code apiId} only: SourceArn arn:aws:execute-api:{region}:{account}:{apiId}/*.
     */
    static void allowApiGateway(LambdaClient lambda, String function, String region, String account, String apiId) {
        // TODO(step6): Let API Gateway invoke `function` (lambda.addPermission): action
        //   lambda:InvokeFunction, principal apigateway.amazonaws.com, a statement id of your
        //   choice, and a SourceArn that covers every call of this API (and no other API):
        //   arn:aws:execute-api:<region>:<account>:<apiId>/*
        // TODO-ko: API Gateway가 `function`을 호출하도록 허용하세요(lambda.addPermission). 액션은
        //   lambda:InvokeFunction, 주체는 apigateway.amazonaws.com, 문 ID는 원하는 대로, SourceArn은
        //   이 API의 모든 호출을 덮고 다른 API는 덮지 않는 arn:aws:execute-api:<리전>:<계정>:<apiId>/*입니다.
        throw Todo.missing("step6", "Let API Gateway invoke `function` (lambda.addPermission): action lambda:InvokeFunction, principal apigateway.amazonaws.com, a statement id of your choice, and a SourceArn that covers every call of this API (and no other API): arn:aws:execute-api:<region>:<account>:<apiId>/*", "API Gateway가 `function`을 호출하도록 허용하세요(lambda.addPermission).");
    }

    /** Routes and integrations reach clients only through a deployment to the stage. */
    static void deploy(ApiGatewayV2Client webSocket, ApiGatewayClient rest, String webSocketApiId, String restApiId,
            String stage) {
        // TODO(step6): Deploy both APIs to `stage`: webSocket.createDeployment (apiId, stageName)
        //   and rest.createDeployment (restApiId, stageName; for REST this also creates the stage).
        // TODO-ko: 두 API를 `stage`에 배포하세요. webSocket.createDeployment(apiId, stageName)와
        //   rest.createDeployment(restApiId, stageName; REST는 이것으로 스테이지도 만듭니다).
        throw Todo.missing("step6", "Deploy both APIs to `stage`: webSocket.createDeployment (apiId, stageName) and rest.createDeployment (restApiId, stageName; for REST this also creates the stage).", "두 API를 `stage`에 배포하세요.");
    }

    /**
     * A WebSocket deployment is PENDING for a moment, and the stage serves it only once it is
     * DEPLOYED. The SDK has no waiter for it, so this is one built from the SDK's own parts.
     */
    static void waitUntilDeployed(Lab lab, ApiGatewayV2Client webSocket, String apiId, String deploymentId) {
        Waiter<GetDeploymentResponse> deployed = Waiter.builder(GetDeploymentResponse.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(
                        r -> r.deploymentStatus() == DeploymentStatus.DEPLOYED))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(
                        r -> r.deploymentStatus() == DeploymentStatus.PENDING))
                .overrideConfiguration(WaiterOverrideConfiguration.builder().applyMutation(lab.polling()).build())
                .build();
        lab.waitFor(Text.of("deployment " + deploymentId + " to be DEPLOYED", "배포 " + deploymentId + " DEPLOYED 상태"),
                () -> deployed.run(() -> webSocket.getDeployment(b -> b.apiId(apiId).deploymentId(deploymentId))));
    }

    /** wss://abc.execute-api.../dev → https://abc.execute-api.../dev: where the functions post to connections. */
    static String callbackUrl(String webSocketEndpoint, String stage) {
        return webSocketEndpoint.replaceFirst("^wss://", "https://").replaceFirst("^ws://", "http://") + "/" + stage;
    }

    static Optional<Api> webSocketApi(ApiGatewayV2Client webSocket, Names names) {
        return webSocket.getApis(b -> b.maxResults("500")).items().stream()
                .filter(a -> a.name().equals(names.webSocketApi())).findFirst();
    }

    static Optional<String> restApiId(ApiGatewayClient rest, Names names) {
        return rest.getRestApis(b -> b.limit(500)).items().stream().filter(a -> a.name().equals(names.restApi()))
                .findFirst()
                .map(a -> a.id());
    }

    /**
     * Creates the function, or brings an existing one to what this step builds: new code when the
     * jar changed, and handler, runtime, role, memory, timeout and environment when any differs
     * (a console edit, an earlier mistake), saying what it repaired.
     */
    static String createOrUpdate(Lab lab, LambdaClient lambda, Function function, String roleArn,
            Map<String, String> environment,
                                 Sizing sizing, byte[] code) throws InterruptedException {
        Optional<GetFunctionConfigurationResponse> existing = configuration(lambda, function.name());
        if (existing.isEmpty()) {
            String arn = createWithRetry(lab, lambda, function, roleArn, environment, sizing, code);
            lab.waitFor(Text.of(function.name() + " to be Active", function.name() + " Active 상태"),
                    () -> lambda.waiter()
                            .waitUntilFunctionActiveV2(b -> b.functionName(function.name()), lab.polling()));
            return arn;
        }
        GetFunctionConfigurationResponse current = existing.get();
        if (!current.codeSha256().equals(sha256(code))) {
            lambda.updateFunctionCode(b -> b.functionName(function.name()).zipFile(SdkBytes.fromByteArray(code)));
            waitUntilUpdated(lab, lambda, function.name());
        }
        List<String> differences = new ArrayList<>();
        differ(differences, "handler", current.handler(), function.handler());
        differ(differences, "runtime", current.runtimeAsString(), RUNTIME.toString());
        differ(differences, "role", current.role(), roleArn);
        differ(differences, "memory", current.memorySize(), sizing.memoryMb());
        differ(differences, "timeout", current.timeout(), sizing.timeoutSeconds());
        differ(differences, "environment", current.environment() == null ? Map.of() : current.environment()
                .variables(), environment);
        if (!differences.isEmpty()) {
            lambda.updateFunctionConfiguration(b -> b.functionName(function.name()).role(roleArn)
                    .handler(function.handler())
                    .runtime(RUNTIME).memorySize(sizing.memoryMb()).timeout(sizing.timeoutSeconds())
                    .environment(e -> e.variables(environment)));
            waitUntilUpdated(lab, lambda, function.name());
            lab.say(Text.of("%s: repaired %s", "%s: 고친 설정: %s"), function.name(), String.join("; ", differences));
        }
        return current.functionArn();
    }

    /** An update is InProgress for a moment, and Lambda refuses the next change to the function until it is done. */
    static void waitUntilUpdated(Lab lab, LambdaClient lambda, String function) {
        lab.waitFor(Text.of(function + " to be updated", function + " 변경 완료 대기"),
                () -> lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(function), lab.polling()));
    }

    private static void differ(List<String> differences, String what, Object current, Object wanted) {
        if (!wanted.equals(current)) {
            differences.add(what + " " + current + " → " + wanted);
        }
    }

    /**
     * On AWS a role created seconds ago may not be assumable by Lambda yet: Lambda answers
     * "The role defined for the function cannot be assumed by Lambda". Retry with backoff.
     */
    static String createWithRetry(Lab lab, LambdaClient lambda, Function function, String roleArn,
            Map<String, String> environment,
                                  Sizing sizing, byte[] code) throws InterruptedException {
        Duration wait = Duration.ofSeconds(2);
        for (int attempt = 1; ; attempt++) {
            try {
                return lambda.createFunction(b -> b.functionName(function.name()).runtime(RUNTIME).role(roleArn)
                        .handler(function.handler()).code(c -> c.zipFile(SdkBytes.fromByteArray(code)))
                        .memorySize(sizing.memoryMb()).timeout(sizing.timeoutSeconds())
                        .environment(e -> e.variables(environment))
                        .description("Serverless Chat Lab: " + function.handler())
                        .tags(lab.names().tags())).functionArn();
            } catch (InvalidParameterValueException e) {
                if (attempt >= 6 || !e.getMessage().contains("cannot be assumed")) {
                    throw e;
                }
                lab.say(Text.of("The new role is not assumable yet (IAM propagates): retrying in %d s",
                        "새 역할이 아직 전파되지 않았습니다: %d초 뒤 다시 시도"), wait.toSeconds());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
        }
    }

    static Optional<GetFunctionConfigurationResponse> configuration(LambdaClient lambda, String name) {
        try {
            return Optional.of(lambda.getFunctionConfiguration(b -> b.functionName(name)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    static String variablesOf(GetFunctionConfigurationResponse config) {
        Map<String, String> variables = config.environment() == null || config.environment().variables() == null
                ? Map.of() : config.environment().variables();
        return variables.isEmpty() ? "no environment" : new TreeMap<>(variables).toString();
    }

    static String sha256(byte[] code) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(code));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Makes sure API Gateway may invoke the function from the API {@code apiId}: statements for
     * API Gateway that cover another API only (an earlier mistake) are removed, then the
     * student's {@link #allowApiGateway} adds one. Answers the SourceArn read back from the policy.
     */
    static String ensureInvokePermission(Lab lab, LambdaClient lambda, Function function, String region,
            String account, String apiId)
            throws IOException {
        String sample = sampleSourceArn(region, account, apiId, lab.names().stage(), function.sampleRoute());
        List<JsonNode> statements = apiGatewayStatements(policyOf(lambda, function.name()));
        if (statements.stream().noneMatch(s -> covers(s, sample))) {
            for (JsonNode wrong : statements) {
                lambda.removePermission(b -> b.functionName(function.name()).statementId(wrong.path("Sid").asText()));
                lab.say(Text.of("%s: removed the permission %s, which does not cover this API (%s)",
                        "%s: 이 API(%s)를 허용하지 않는 권한 삭제: %s"),
                        function.name(), wrong.path("Sid").asText(), sourceArnOf(wrong));
            }
            allowApiGateway(lambda, function.name(), region, account, apiId);
        }
        return apiGatewayStatements(policyOf(lambda, function.name())).stream().filter(s -> covers(s, sample))
                .findFirst()
                .map(DeployFunctions::sourceArnOf)
                .orElseThrow(() -> new IllegalStateException(function.name()
                + "'s resource policy still lets no call of API " + apiId
                        + " in: its SourceArn must cover arn:aws:execute-api:" + region + ":" + account + ":" + apiId
                        + "/*"));
    }

    /** An ARN of one call of the API, as API Gateway names itself when it invokes: {apiId}/{stage}/{route}. */
    static String sampleSourceArn(String region, String account, String apiId, String stage, String route) {
        return "arn:aws:execute-api:" + region + ":" + account + ":" + apiId + "/" + stage + "/" + route;
    }

    static String policyOf(LambdaClient lambda, String function) {
        try {
            return lambda.getPolicy(b -> b.functionName(function)).policy();
        } catch (ResourceNotFoundException noPolicyAtAll) {
            return null;
        }
    }

    /** The statements of a resource policy that allow apigateway.amazonaws.com to invoke the function. */
    static List<JsonNode> apiGatewayStatements(String policy) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        if (policy == null) {
            return found;
        }
        JsonNode statements = JSON.readTree(policy).path("Statement");
        for (JsonNode statement : statements.isArray() ? statements : JSON.createArrayNode().add(statements)) {
            boolean allow = "Allow".equals(statement.path("Effect").asText());
            boolean apiGateway = anyText(statement.path("Principal").path("Service"), "apigateway.amazonaws.com");
            JsonNode action = statement.path("Action");
            boolean invoke = anyText(action, "lambda:InvokeFunction") || anyText(action, "lambda:*")
                    || anyText(action, "*");
            if (allow && apiGateway && invoke) {
                found.add(statement);
            }
        }
        return found;
    }

    private static boolean anyText(JsonNode node, String wanted) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.asText().equals(wanted)) {
                    return true;
                }
            }
            return false;
        }
        return node.asText().equals(wanted);
    }

    /** The statement's AWS:SourceArn condition (any operator, any key case), or "*" without one. */
    static String sourceArnOf(JsonNode statement) {
        for (JsonNode operator : statement.path("Condition")) {
            for (Map.Entry<String, JsonNode> field : operator.properties()) {
                if (field.getKey().equalsIgnoreCase("AWS:SourceArn")) {
                    return field.getValue().isArray() ? field.getValue().get(0).asText() : field.getValue().asText();
                }
            }
        }
        return "*";
    }

    /** Whether the statement's SourceArn (a pattern with * and ?) matches {@code arn}. */
    static boolean covers(JsonNode statement, String arn) {
        StringBuilder regex = new StringBuilder();
        for (char c : sourceArnOf(statement).toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return arn.matches(regex.toString());
    }

    static void connectRoute(ApiGatewayV2Client webSocket, String apiId, String routeKey, String invocationUri) {
        String integrationId = webSocket.getIntegrations(b -> b.apiId(apiId).maxResults("500")).items().stream()
                .filter(i -> invocationUri.equals(i.integrationUri())).map(Integration::integrationId).findFirst()
                .orElseGet(() -> webSocket.createIntegration(b -> b.apiId(apiId).integrationType("AWS_PROXY")
                        .integrationUri(invocationUri).integrationMethod("POST")).integrationId());
        Route route = webSocket.getRoutes(b -> b.apiId(apiId).maxResults("500")).items().stream()
                .filter(r -> r.routeKey().equals(routeKey)).findFirst()
                .orElseThrow(() -> new IllegalStateException("route " + routeKey + " not found: run step 5 first"));
        webSocket.updateRoute(b -> b.apiId(apiId).routeId(route.routeId()).target("integrations/" + integrationId));
    }

    static void connectHistory(ApiGatewayClient rest, String apiId, String invocationUri) {
        String resourceId = rest.getResources(b -> b.restApiId(apiId).limit(500)).items().stream()
                .filter(r -> r.path().equals("/rooms/{roomId}/messages")).findFirst()
                .orElseThrow(() -> new IllegalStateException("/rooms/{roomId}/messages not found: run step 5 first"))
                .id();
        // Lambda proxy integrations are always called with POST, whatever the client's method.
        rest.putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET")
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri(invocationUri));
    }

    @Override
    public void check(Lab lab, Checks checks) throws IOException, InterruptedException {
        Names names = lab.names();
        LambdaClient lambda = lab.client(LambdaClient.builder());
        ApiGatewayV2Client webSocket = lab.client(ApiGatewayV2Client.builder());
        ApiGatewayClient rest = lab.client(ApiGatewayClient.builder());
        DynamoDbClient dynamo = lab.client(DynamoDbClient.builder());
        Optional<Api> wsApi = webSocketApi(webSocket, names);
        Optional<String> restApiId = restApiId(rest, names);
        Map<String, GetFunctionConfigurationResponse> configs = new LinkedHashMap<>();
        List<CheckResult> sendMessageWorks = new ArrayList<>();
        for (Function function : functions(names)) {
            CheckResult active = checks.check(Text.of("%s is Active with handler %s", "%s: Active, 핸들러 %s")
                    .with(function.name(), function.handler()), () -> {
                Optional<GetFunctionConfigurationResponse> config = configuration(lambda, function.name());
                if (config.isEmpty()) {
                    return Outcome.fail(Text.of(
                            "Run ./lab step 6, or Lambda → Create function → Java 21, upload the jar.",
                            "./lab step 6을 실행하거나 Lambda → 함수 생성 → Java 21, jar 업로드."));
                }
                configs.put(function.name(), config.get());
                if (!function.handler().equals(config.get().handler())) {
                    return Outcome.fail(Text.of(
                            "The handler is " + config.get().handler() + ": it must be " + function.handler()
                                    + " (Runtime settings → Handler; a wrong one fails every call with Class not "
                                    + "found).",
                            "핸들러가 " + config.get().handler() + "입니다. 올바른 핸들러: " + function.handler()
                                    + " (런타임 설정 → 핸들러. 틀리면 모든 호출이 Class not found로 실패합니다)."));
                }
                return Outcome.when(config.get().state() == State.ACTIVE, Text.of(
                        "State " + config.get().stateAsString() + " (" + config.get().stateReason()
                                + "): wait, or run ./lab step 6 again.",
                        "상태 " + config.get().stateAsString() + "(" + config.get().stateReason()
                                + "): 기다리거나 ./lab step 6을 다시 실행하세요."));
            });
            if (function.name().equals(names.sendMessageFunction())) {
                sendMessageWorks.add(active);
            }
        }
        checks.check(Text.of("the functions run on a Java runtime AWS accepts (java21 or java25)",
                "함수의 런타임이 AWS가 받아 주는 Java(java21, java25)임"), () -> {
            for (GetFunctionConfigurationResponse config : configs.values()) {
                if (!CURRENT_JAVA_RUNTIMES.contains(config.runtimeAsString())) {
                    return Outcome.fail(Text.of(config.functionName() + " runs on " + config.runtimeAsString()
                                    + ", which AWS no longer accepts for new or updated functions (java8, java11 and "
                                    + "java17 are deprecated): choose java21 (or java25). The code is Java 17 "
                                    + "bytecode and runs on both.",
                            config.functionName() + "의 런타임(" + config.runtimeAsString()
                                    + ")은 AWS가 더는 새로 만들거나 고치게 해 주지 않습니다(java8, java11, java17은 지원 종료). java21(또는 "
                                    + "java25)을 고르세요. 코드는 Java 17 바이트코드라 둘 다에서 돕니다."));
                }
            }
            return Outcome.pass();
        });
        checks.check(Text.of("each function has at least %d MB and a %d s timeout", "함수마다 메모리 %d MB, 제한 시간 %d초 이상")
                .with(MIN_MEMORY_MB, MIN_TIMEOUT_SECONDS), () -> {
            for (GetFunctionConfigurationResponse config : configs.values()) {
                if (config.timeout() < MIN_TIMEOUT_SECONDS) {
                    return Outcome.fail(Text.of(config.functionName() + "'s timeout is " + config.timeout()
                                    + " s: a Java cold start (start the JVM, load the SDK, build the clients) alone "
                                    + "can take several seconds, and a call that times out is lost. Set at least "
                                    + MIN_TIMEOUT_SECONDS + " s (the lab uses 15 s).",
                            config.functionName() + "의 제한 시간이 " + config.timeout()
                                    + "초입니다. Java의 콜드 스타트(JVM 시작, SDK 로드, 클라이언트 생성)만으로 몇 초가 걸리고, 시간을 넘긴 호출은 사라집니다. "
                                    + MIN_TIMEOUT_SECONDS + "초 이상으로 하세요(이 실습은 15초)."));
                }
                if (config.memorySize() < MIN_MEMORY_MB) {
                    return Outcome.fail(Text.of(config.functionName() + " has " + config.memorySize()
                                    + " MB: Lambda gives CPU in proportion to memory, and a Java cold start needs "
                                    + "both (the JVM and the SDK take most of 128 MB and start slowly on its sliver "
                                    + "of CPU). Set at least "
                                    + MIN_MEMORY_MB + " MB.",
                            config.functionName() + "의 메모리가 " + config.memorySize()
                                    + " MB입니다. Lambda는 메모리에 비례해 CPU를 주고, Java의 콜드 스타트에는 둘 다 필요합니다(JVM과 SDK가 128 MB "
                                    + "대부분을 쓰고, 적은 CPU로 느리게 시작합니다). "
                                    + MIN_MEMORY_MB + " MB 이상으로 하세요."));
                }
            }
            return Outcome.pass();
        });
        CheckResult environment = checks.check(Text.of("the environment names the tables and the WebSocket API's "
                + "callback URL",
                "환경 변수가 테이블과 WebSocket API의 콜백 주소를 가리킴"), () -> {
            for (Function function : functions(names)) {
                GetFunctionConfigurationResponse config = configs.get(function.name());
                if (config == null) {
                    continue;
                }
                Map<String, String> variables = config.environment() == null || config.environment()
                        .variables() == null
                        ? Map.of() : config.environment().variables();
                for (String variable : function.variables()) {
                    Optional<Text> problem = variableProblem(lab, dynamo, webSocket, rest, wsApi, restApiId, variable,
                            variables.get(variable));
                    if (problem.isPresent()) {
                        return Outcome.fail(Text.of(function.name() + ": " + problem.get().en(), function.name()
                                + ": " + problem.get().ko()));
                    }
                }
            }
            return Outcome.pass();
        });
        sendMessageWorks.add(environment);
        checks.check(Text.of("API Gateway may invoke each function, from its own API (SourceArn)",
                "API Gateway가 각 함수를 자기 API에서 호출할 수 있음(SourceArn)"), () -> {
            String account = lab.accountId();
            for (Function function : functions(names)) {
                Optional<String> apiId = function.restHistory() ? restApiId : wsApi.map(Api::apiId);
                if (apiId.isEmpty()) {
                    return Outcome.fail(Text.of("The APIs of step 5 are missing: ./lab check 5.",
                            "5단계의 API가 없습니다: ./lab check 5."));
                }
                String wanted = "arn:aws:execute-api:" + lab.region().id() + ":" + account + ":" + apiId.get() + "/*";
                List<JsonNode> statements = apiGatewayStatements(policyOf(lambda, function.name()));
                if (statements.isEmpty()) {
                    return Outcome.fail(Text.of(function.name()
                            + " has no permission for apigateway.amazonaws.com: API Gateway is refused and answers "
                            + "500 Internal server error. AddPermission (lambda:InvokeFunction, principal "
                            + "apigateway.amazonaws.com, SourceArn " + wanted + ").",
                            function.name() + "에 apigateway.amazonaws.com 권한이 없습니다. API Gateway가 거절당해 500 Internal "
                                    + "server error로 답합니다. "
                                    + "AddPermission(lambda:InvokeFunction, 주체 apigateway.amazonaws.com, SourceArn "
                                    + wanted + ")을 하세요."));
                }
                String sample = sampleSourceArn(lab.region().id(), account, apiId.get(), names.stage(),
                        function.sampleRoute());
                if (statements.stream().noneMatch(s -> covers(s, sample))) {
                    String seen = statements.stream().map(DeployFunctions::sourceArnOf).toList().toString();
                    return Outcome.fail(Text.of(function.name() + "'s permission for API Gateway has SourceArn " + seen
                                    + ", which does not cover this API's calls (" + sample
                                    + "): API Gateway answers 500. The SourceArn must be " + wanted + ".",
                            function.name() + "의 API Gateway 권한(SourceArn " + seen + ")은 이 API의 호출(" + sample
                                    + ")을 허용하지 않습니다. API Gateway가 500으로 답합니다. 올바른 SourceArn: " + wanted));
                }
            }
            return Outcome.pass();
        });
        checks.check(Text.of("stage %s of both APIs serves the current routes and integrations",
                "두 API의 스테이지(%s)가 지금의 라우트와 통합을 제공함")
                .with(names.stage()), () -> stageServesCurrentWiring(lab, webSocket, rest, dynamo, wsApi, restApiId));
        checks.check(Text.of("%s refuses a connection without a room (400)", "%s가 방 없는 연결을 거절함(400)")
                .with(names.connectFunction()), () -> {
            String answer = invoke(lambda, names.connectFunction(),
                    """
                    {"requestContext":{"routeKey":"$connect","eventType":"CONNECT","connectionId":"check="},\
                    "queryStringParameters":{"nickname":"x"}}""");
            return Outcome.when(answer.contains("\"statusCode\":400"), Text.of("Answered " + answer, "응답: " + answer));
        });
        checks.check(Text.of("%s answers 400 for a bad room id", "%s가 잘못된 방 ID에 400으로 응답함")
                .with(names.getMessagesFunction()), () -> {
            String answer = invoke(lambda, names.getMessagesFunction(),
                    """
                    {"httpMethod":"GET","path":"/rooms/bad room/messages","pathParameters":{"roomId":"bad room"}}""");
            return Outcome.when(answer.contains("\"statusCode\":400")
                    && answer.contains("Access-Control-Allow-Origin"),
                    Text.of("Answered " + answer + " (expected statusCode 400 with CORS headers)", "응답: " + answer
                            + " (CORS 헤더와 statusCode 400이어야 함)"));
        });
        checks.check(Text.of("%s answers a room's history (200)", "%s가 방의 기록에 응답함(200)")
                .with(names.getMessagesFunction()), () -> {
            String answer = invoke(lambda, names.getMessagesFunction(),
                    """
                    {"httpMethod":"GET","path":"/rooms/general/messages","pathParameters":{"roomId":"general"}}""");
            if (answer.contains("TODO(step6)")) {
                return Outcome.fail(Text.of("Your handler still stops at a TODO(step6): complete it, then run ./lab "
                        + "step 6 again (and ./mvnw -f step6-lambdas/pom.xml test).",
                        "핸들러가 아직 TODO(step6)에서 멈춥니다. 완성한 뒤 ./lab step 6을 다시 실행하세요(./mvnw -f step6-lambdas/pom.xml "
                                + "test도)."));
            }
            if (answer.contains("ResourceNotFoundException")) {
                return Outcome.skip(Text.of("the tables come in step 7", "테이블은 7단계에서 만듭니다"));
            }
            return Outcome.when(answer.contains("\"statusCode\":200"), Text.of("Answered " + answer, "응답: " + answer));
        });
        Text gone = Text.of("%s deletes a gone connection (410) and still serves the room",
                "%s가 끊긴 연결(410)을 지우고 방의 나머지에게 계속 보냄").with(names.sendMessageFunction());
        if (sendMessageWorks.stream().anyMatch(CheckResult::failed)) {
            // A wrong handler, table or callback URL delivers no message: the check would only wait its patience out
            // to say so.
            checks.skip(gone, Text.of("fix the failures above first: until then no message is delivered",
                    "위의 실패를 먼저 고치세요: 그전에는 메시지가 전달되지 않습니다"));
        } else {
            checks.check(gone, () -> goneConnectionCheck(lab, dynamo, wsApi));
        }
    }

    /** What is wrong with one environment variable's value, if anything. */
    static Optional<Text> variableProblem(Lab lab, DynamoDbClient dynamo, ApiGatewayV2Client webSocket,
            ApiGatewayClient rest,
                                          Optional<Api> wsApi, Optional<String> restApiId, String variable,
                                                  String value) {
        Names names = lab.names();
        String table = variable.equals(USERS_TABLE) ? names.usersTable() : variable.equals(MESSAGES_TABLE)
                ? names.messagesTable() : null;
        String expectedUrl = wsApi.map(api -> callbackUrl(api.apiEndpoint(), names.stage())).orElse(null);
        String wanted = table != null ? table : expectedUrl;
        if (value == null || value.isBlank()) {
            return Optional.of(Text.of(variable + " is not set: set it to " + wanted
                    + " (Configuration → Environment variables).",
                    "환경 변수 " + variable + " 없음. 구성 → 환경 변수에서 설정하세요. 값: " + wanted));
        }
        if (table != null) {
            if (value.equals(table)) {
                return Optional.empty();
            }
            if (tableExists(dynamo, value)) {
                return Optional.of(Text.of(variable + " is " + value
                        + ", a table that is not this lab's (in a shared account perhaps another student's):"
                                + " the role of step 4 may use only " + table + ", so it must be " + table + ".",
                        variable + " 값 " + value + ": 이 실습의 테이블이 아닙니다 (공유 계정이라면 다른 학생의 것일 수도 있습니다)."
                                + " 4단계의 역할은 " + table + "만 쓸 수 있습니다. 올바른 값: " + table));
            }
            return Optional.of(Text.of(variable + " is " + value + ", a table that does not exist: it must be "
                    + table + ".",
                    variable + " 값 " + value + ": 그런 테이블이 없습니다. 올바른 값: " + table));
        }
        if (expectedUrl == null || value.equals(expectedUrl)) {
            return Optional.empty();
        }
        URI url;
        try {
            url = URI.create(value);
        } catch (IllegalArgumentException e) {
            url = URI.create("invalid:" + value.replaceAll("[^A-Za-z0-9]", ""));
        }
        URI expected = URI.create(expectedUrl);
        if (!expected.getScheme().equals(url.getScheme())) {
            return Optional.of(Text.of(variable + " starts with " + url.getScheme()
                    + "://: the management API (@connections) is HTTP, so it must be "
                            + expectedUrl + " (" + expected.getScheme() + "://, not wss://).",
                    variable + " 값이 " + url.getScheme() + "://로 시작합니다. 관리 API(@connections)는 HTTP입니다(wss:// 대신 "
                            + expected.getScheme() + "://). 올바른 값: " + expectedUrl));
        }
        String apiId = ChatEndpoints.apiIdOf(value).orElse(null);
        if (apiId != null && !apiId.equals(wsApi.get().apiId())) {
            boolean isRest = restApiId.isPresent() && restApiId.get().equals(apiId);
            boolean exists = isRest || webSocket.getApis(b -> b.maxResults("500")).items().stream()
                    .anyMatch(a -> a.apiId().equals(apiId));
            String what = isRest ? "the REST API" : exists ? "another API" : "an API that does not exist";
            String whatKo = isRest ? "REST API" : exists ? "다른 API" : "없는 API";
            return Optional.of(Text.of(variable + " names " + what + " (" + apiId
                    + "): frames go through the WebSocket API "
                            + wsApi.get().apiId() + ", so it must be " + expectedUrl + ".",
                    variable + " 값이 가리키는 것: " + whatKo + "(" + apiId + "). 프레임은 WebSocket API(" + wsApi.get().apiId()
                            + ")를 거쳐 갑니다. 올바른 값: " + expectedUrl));
        }
        if (!ChatEndpoints.stageOf(value).orElse("").equals(names.stage())) {
            return Optional.of(Text.of(variable + " lacks the stage: the connections live in stage " + names.stage()
                    + ", so it must be " + expectedUrl + ".",
                    variable + "에 스테이지가 빠졌습니다. 연결은 스테이지 " + names.stage() + "에 있습니다. 올바른 값: " + expectedUrl));
        }
        return Optional.of(Text.of(variable + " is " + value + ": it must be " + expectedUrl + ".",
                variable + " 값: " + value + ". 올바른 값: " + expectedUrl));
    }

    static boolean tableExists(DynamoDbClient dynamo, String table) {
        try {
            dynamo.describeTable(b -> b.tableName(table));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
            return false;
        }
    }

    /**
     * What the stage serves is the deployment it points at, a copy of the routes and integrations
     * as they were then. Seen from outside: the REST route answers through the function, the
     * WebSocket handshake without a room is refused by the connect function, and (once the tables exist)
     * every route key of the API reaches its own route, not $default.
     */
    static Outcome stageServesCurrentWiring(Lab lab, ApiGatewayV2Client webSocket, ApiGatewayClient rest,
            DynamoDbClient dynamo,
                                            Optional<Api> wsApi, Optional<String> restApiId)
            throws IOException, InterruptedException {
        Names names = lab.names();
        String stage = names.stage();
        if (wsApi.isEmpty() || restApiId.isEmpty()) {
            return Outcome.fail(Text.of("The APIs of step 5 are missing: ./lab check 5.",
                    "5단계의 API가 없습니다: ./lab check 5."));
        }
        Text deployHint = Text.of(" Deploy both APIs after wiring (CreateDeployment, stage " + stage
                + "; console: Deploy API).",
                " 연결한 뒤 두 API를 배포하세요(CreateDeployment, 스테이지 " + stage + ", 콘솔: API 배포).");
        String restDeployment;
        try {
            restDeployment = rest.getStage(b -> b.restApiId(restApiId.get()).stageName(stage)).deploymentId();
        } catch (software.amazon.awssdk.services.apigateway.model.NotFoundException e) {
            restDeployment = null;
        }
        if (restDeployment == null) {
            return Outcome.fail(Text.of("The REST API has no stage " + stage + " yet." + deployHint.en(),
                    "REST API에 아직 스테이지(" + stage + ")가 없습니다." + deployHint.ko()));
        }
        String wsDeployment;
        try {
            wsDeployment = webSocket.getStage(b -> b.apiId(wsApi.get().apiId()).stageName(stage)).deploymentId();
        } catch (software.amazon.awssdk.services.apigatewayv2.model.NotFoundException e) {
            wsDeployment = null;
        }
        if (wsDeployment == null) {
            return Outcome.fail(Text.of("Stage " + stage + " of the WebSocket API serves no deployment."
                    + deployHint.en(),
                    "WebSocket API의 스테이지(" + stage + ")가 아무 배포도 제공하지 않습니다." + deployHint.ko()));
        }
        HttpClient http = HttpClient.newHttpClient();
        URI history = URI.create(lab.restApiUrl(restApiId.get(), stage) + "/rooms/bad.room/messages");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(history).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 400 || answer.headers().firstValue("Access-Control-Allow-Origin").isEmpty()) {
            Text why = ErrorHints.hintForHttp(answer.statusCode(), answer.body()).orElse(Text.of(
                    "The stage serves an older deployment of GET /rooms/{roomId}/messages." + deployHint.en(),
                    "스테이지가 GET /rooms/{roomId}/messages의 예전 배포를 제공합니다." + deployHint.ko()));
            return Outcome.fail(Text.of("GET " + history + " answered " + answer.statusCode() + " " + answer.body()
                            + ", not " + names.getMessagesFunction() + "'s 400. " + why.en(),
                    "GET " + history + "의 응답: " + answer.statusCode() + " " + answer.body() + "("
                            + names.getMessagesFunction() + "의 400이 아님). " + why.ko()));
        }
        URI webSocketUrl = URI.create(wsApi.get().apiEndpoint() + "/" + stage);
        int handshake = handshakeStatus(http, URI.create(webSocketUrl + "?nickname=check"));
        if (handshake != 400) {
            return Outcome.fail(Text.of("A WebSocket handshake without a room got "
                    + (handshake == 101 ? "accepted" : "HTTP " + handshake)
                            + ", not " + names.connectFunction()
                            + "'s 400: the stage serves an older deployment of $connect." + deployHint.en(),
                    "방 없는 WebSocket 핸드셰이크의 결과: " + (handshake == 101 ? "수락됨" : "HTTP " + handshake)
                            + "(" + names.connectFunction() + "의 400이 아님). 스테이지가 $connect의 예전 배포를 제공합니다."
                            + deployHint.ko()));
        }
        if (!tableExists(dynamo, names.usersTable())) {
            return Outcome.pass(Text.of("the route keys are tried once the tables exist (step 7)",
                    "라우트 키는 테이블이 생긴 뒤(7단계) 시험합니다"));
        }
        List<String> routeKeys = webSocket.getRoutes(b -> b.apiId(wsApi.get().apiId()).maxResults("500")).items()
                .stream()
                .map(Route::routeKey).filter(key -> !key.startsWith("$")).toList();
        String room = "check-stage-" + UUID.randomUUID().toString().substring(0, 8);
        Optional<Outcome> refused = refusedJoin(http, webSocketUrl, room);
        if (refused.isPresent()) {
            return refused.get();
        }
        try (ChatConnection probe = ChatConnection.open(http, webSocketUrl, room, "check")) {
            for (String routeKey : routeKeys) {
                probe.sendRaw(JSON.createObjectNode().put("action", routeKey).toString());
                var reply = probe.await(f -> true, routeKey.equals("sendMessage") ? PATIENCE : Duration.ofSeconds(3));
                boolean reachedDefault = reply != null && "unknown_action".equals(reply.json().path("code").asText())
                        && reply.json().path("message").asText().contains("$default");
                if (reachedDefault || (routeKey.equals("sendMessage") && reply == null)) {
                    return Outcome.fail(Text.of("A frame {\"action\":\"" + routeKey + "\"} "
                            + (reply == null ? "got no answer" : "reached $default")
                                    + ": the stage serves a deployment older than the route " + routeKey + "."
                                    + deployHint.en(),
                            "프레임 {\"action\":\"" + routeKey + "\"}"
                                    + (reply == null ? ": 답이 없습니다" : ": $default로 갔습니다")
                                    + ". 스테이지가 라우트 " + routeKey + "보다 오래된 배포를 제공합니다." + deployHint.ko()));
                }
            }
        }
        return Outcome.pass();
    }

    /**
     * A failure when a well-formed join is refused: then the connect function could not store the
     * connection (its TODO, a table, the role), and no route can be tried.
     */
    static Optional<Outcome> refusedJoin(HttpClient http, URI webSocketUrl, String room) {
        int status = handshakeStatus(http, URI.create(webSocketUrl + "?roomId=" + room + "&nickname=check"));
        if (status == 101) {
            return Optional.empty();
        }
        return Optional.of(Outcome.fail(Text.of("Joining room " + room + " was refused with HTTP " + status
                        + ": the connect function could not store the connection. A TODO(step6) left in "
                        + "ConnectHandler.saveConnection, the table (./lab check 7)"
                        + " or the role (./lab check 4)? Read ./lab logs connect.",
                "방 " + room + " 입장이 거절되었습니다(HTTP " + status + "). connect 함수가 연결을 저장하지 못했습니다."
                        + " ConnectHandler.saveConnection의 TODO(step6), 테이블(./lab check 7), 역할(./lab check 4)을 확인하고 "
                        + "./lab logs connect를 읽으세요.")));
    }

    /** The HTTP status of a WebSocket handshake: 101 when accepted. */
    static int handshakeStatus(HttpClient http, URI url) {
        try {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(ChatConnection.HANDSHAKE_TIMEOUT)
                    .buildAsync(url, new WebSocket.Listener() {
            }).join();
            socket.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** The handler test that shows what the gone-connection check asks of fanOut. */
    static final String GONE_CONNECTION_TEST =
            "SendMessageHandlerTest.goneConnection_isDeletedFromChatUsers_andTheOthersStillGetTheMessage";

    /**
     * The send function's broadcast, tried on a room with one real member and two connections
     * that are gone (rows left by clients that vanished, sorted before and after the real one):
     * the real member must get the message and both rows must be deleted.
     */
    static Outcome goneConnectionCheck(Lab lab, DynamoDbClient dynamo, Optional<Api> wsApi)
            throws IOException, InterruptedException {
        Names names = lab.names();
        if (wsApi.isEmpty()) {
            return Outcome.fail(Text.of("The WebSocket API of step 5 is missing: ./lab check 5.",
                    "5단계의 WebSocket API가 없습니다: ./lab check 5."));
        }
        if (!tableExists(dynamo, names.usersTable()) || !tableExists(dynamo, names.messagesTable())) {
            return Outcome.skip(Text.of("the tables come in step 7", "테이블은 7단계에서 만듭니다"));
        }
        String room = "check-gone-" + UUID.randomUUID().toString().substring(0, 8);
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        List<String> gone = List.of("0gone" + suffix + "=", "zgone" + suffix + "=");
        URI webSocketUrl = URI.create(wsApi.get().apiEndpoint() + "/" + names.stage());
        Optional<Outcome> refused = refusedJoin(HttpClient.newHttpClient(), webSocketUrl, room);
        if (refused.isPresent()) {
            return refused.get();
        }
        try (ChatConnection member = ChatConnection.open(HttpClient.newHttpClient(), webSocketUrl, room, "check")) {
            for (String connectionId : gone) {
                dynamo.putItem(b -> b.tableName(names.usersTable()).item(Map.of("roomId", AttributeValue.fromS(room),
                        "connectionId", AttributeValue.fromS(connectionId), "nickname", AttributeValue.fromS("ghost"),
                        "connectedAt", AttributeValue.fromN(String.valueOf(System.currentTimeMillis())))));
            }
            String text = "is anyone gone? " + suffix;
            member.send(room, text);
            boolean served = member.await(f -> text.equals(f.json().path("text").asText()), PATIENCE) != null;
            List<String> left = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            do {
                left = dynamo.query(b -> b.tableName(names.usersTable()).keyConditionExpression("roomId = :r")
                        .consistentRead(true)
                                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(room)))).items().stream()
                        .map(item -> item.get("connectionId").s()).filter(gone::contains).toList();
            } while (!left.isEmpty() && System.nanoTime() < deadline && sleep());
            for (String connectionId : left) {
                dynamo.deleteItem(b -> b.tableName(names.usersTable()).key(Map.of("roomId", AttributeValue.fromS(room),
                        "connectionId", AttributeValue.fromS(connectionId))));
            }
            return Outcome.when(served && left.isEmpty(), Text.of(
                    "With two gone connections in the room, the member got the message: " + served
                            + "; gone rows left in " + names.usersTable() + ": " + left.size()
                            + " of 2. fanOut must catch GoneException for each post, delete that row, and go on ("
                            + GONE_CONNECTION_TEST + ").",
                    "끊긴 연결 두 개가 있는 방에서 멤버가 메시지를 받음: " + served + ", " + names.usersTable() + "에 남은 끊긴 행: 2개 중 "
                            + left.size() + "개. fanOut은 전송마다 GoneException을 잡아 그 행을 지우고 계속해야 합니다("
                            + GONE_CONNECTION_TEST + ")."));
        }
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }

    static String invoke(LambdaClient lambda, String function, String event) {
        InvokeResponse response = lambda.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(event)));
        String payload = response.payload().asUtf8String();
        return response.functionError() == null ? payload : "function error: " + payload;
    }
}
