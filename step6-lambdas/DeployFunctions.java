///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:lambda
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:apigateway
//DEPS software.amazon.awssdk:apigatewayv2
//DEPS software.amazon.awssdk:dynamodb
//DEPS dev.chatlab:labkit:0.1.0
//DESCRIPTION Step 6: the chat's four Java functions built, created, connected to the API routes, stages deployed.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.ErrorHints;
import dev.chatlab.labkit.Eventually;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
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
import software.amazon.awssdk.services.apigateway.model.Resource;
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
    /** How long IAM may take to make a new role assumable by Lambda, and how often to try meanwhile. */
    static final Duration ROLE_PROPAGATION = Duration.ofSeconds(90);
    static final Duration ROLE_RETRY = Duration.ofSeconds(2);
    /** How long the send function may take to delete the rows of gone connections after the broadcast. */
    static final Duration GONE_ROWS_DELETED = Duration.ofSeconds(5);

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
        // Lambda's CodeSha256 of the package, to compare with each function's: hashed once, not per function.
        String codeSha256 = sha256(code);
        // Every creation or new code first, then the waits: Lambda readies the four functions at the same
        // time, so four take about as long to wait for as one.
        Map<String, GetFunctionConfigurationResponse> existing = new LinkedHashMap<>();
        for (Function function : functions(names)) {
            startDeploy(lab, lambda, function, roleArn, environment, sizing, code, codeSha256)
                    .ifPresent(current -> existing.put(function.name(), current));
        }
        for (Function function : functions(names)) {
            finishDeploy(lab, lambda, function, Optional.ofNullable(existing.get(function.name())), roleArn,
                    environment, sizing, codeSha256);
            GetFunctionConfigurationResponse config =
                    lambda.getFunctionConfiguration(b -> b.functionName(function.name()));
            String arn = config.functionArn();
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
        String wiring = DEPLOYED_WIRING + wiring(webSocket, rest, wsApi.apiId(), restApiId, module);
        boolean alreadyServed = stagesServe(webSocket, rest, wsApi.apiId(), restApiId, names.stage(), wiring);
        if (alreadyServed) {
            lab.say(Text.of("Stage %s already serves these routes and integrations (its deployments say so): not deployed again",
                    "스테이지 %s는 이미 이 라우트와 통합을 제공합니다(배포의 설명에 적혀 있음): 다시 배포하지 않습니다"), names.stage());
        } else {
            deploy(webSocket, rest, wsApi.apiId(), restApiId, names.stage(), wiring);
        }
        String wsDeployment = webSocket.getStage(b -> b.apiId(wsApi.apiId()).stageName(names.stage())).deploymentId();
        if (!alreadyServed) {
            waitUntilDeployed(lab, webSocket, wsApi.apiId(), wsDeployment);
        }
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

    /**
     * Routes and integrations reach clients only through a deployment to the stage. Each
     * deployment's description records what it deployed ({@link #wiring}), so that a run with
     * nothing changed finds it there and does not deploy again.
     */
    static void deploy(ApiGatewayV2Client webSocket, ApiGatewayClient rest, String webSocketApiId, String restApiId,
            String stage, String description) {
        // TODO(step6): Deploy both APIs to `stage`, each deployment with `description`:
        //   webSocket.createDeployment (apiId, stageName, description) and rest.createDeployment
        //   (restApiId, stageName, description; for REST this also creates the stage).
        // TODO-ko: 두 API를 `stage`에 배포하세요. 배포마다 설명은 `description`입니다.
        //   webSocket.createDeployment(apiId, stageName, description)와 rest.createDeployment
        //   (restApiId, stageName, description; REST는 이것으로 스테이지도 만듭니다).
        throw Todo.missing("step6", "Deploy both APIs to `stage`, each deployment with `description`: webSocket.createDeployment (apiId, stageName, description) and rest.createDeployment (restApiId, stageName, description; for REST this also creates the stage).", "두 API를 `stage`에 배포하세요.");
    }

    /** How each deployment of this step begins its description; the wiring it deployed follows. */
    static final String DEPLOYED_WIRING = "Serverless Chat Lab step 6, wiring ";

    /**
     * A fingerprint of what a deployment copies, read back from API Gateway: the WebSocket API's
     * route selection, routes and integrations, and the REST API's methods with their
     * integrations; and which version of this step (the exercise or the solution) wired them, so
     * that your own {@code deploy} runs once even where the solution deployed the same wiring.
     * As SAM and Terraform do (a deployment per hash of the API's definition), a run deploys only
     * when it differs from what the stages' deployments recorded.
     */
    static String wiring(ApiGatewayV2Client webSocket, ApiGatewayClient rest, String webSocketApiId, String restApiId,
            Path module) {
        StringBuilder wiring = new StringBuilder(module.toAbsolutePath().normalize().toString());
        wiring.append(webSocket.getApi(b -> b.apiId(webSocketApiId)).routeSelectionExpression());
        webSocket.getRoutes(b -> b.apiId(webSocketApiId).maxResults("500")).items().stream()
                .sorted(Comparator.comparing(Route::routeKey)).forEach(wiring::append);
        webSocket.getIntegrations(b -> b.apiId(webSocketApiId).maxResults("500")).items().stream()
                .sorted(Comparator.comparing(Integration::integrationId)).forEach(wiring::append);
        rest.getResources(b -> b.restApiId(restApiId).limit(500)).items().stream()
                .sorted(Comparator.comparing(Resource::path))
                .forEach(resource -> new TreeMap<>(resource.resourceMethods()).keySet().forEach(method -> wiring
                        .append(resource.path()).append(rest.getMethod(b -> b.restApiId(restApiId)
                                .resourceId(resource.id()).httpMethod(method)))));
        return sha256(wiring.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** Whether the stage of both APIs serves a deployment (DEPLOYED) whose description is {@code description}. */
    static boolean stagesServe(ApiGatewayV2Client webSocket, ApiGatewayClient rest, String webSocketApiId,
            String restApiId, String stage, String description) {
        try {
            String webSocketDeployment = webSocket.getStage(b -> b.apiId(webSocketApiId).stageName(stage)).deploymentId();
            String restDeployment = rest.getStage(b -> b.restApiId(restApiId).stageName(stage)).deploymentId();
            return webSocketDeployment != null && restDeployment != null
                    && deployed(webSocket.getDeployment(b -> b.apiId(webSocketApiId).deploymentId(webSocketDeployment)),
                            description)
                    && description.equals(rest.getDeployment(b -> b.restApiId(restApiId)
                            .deploymentId(restDeployment)).description());
        } catch (software.amazon.awssdk.services.apigateway.model.NotFoundException
                 | software.amazon.awssdk.services.apigatewayv2.model.NotFoundException noStageYet) {
            return false;
        }
    }

    private static boolean deployed(GetDeploymentResponse deployment, String description) {
        return deployment.deploymentStatus() == DeploymentStatus.DEPLOYED && description.equals(deployment.description());
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
     * Creates the function, or gives an existing one the new code when the jar changed, without
     * waiting for Lambda to be done (see {@link #finishDeploy}); answers the function as it was,
     * empty when it is new.
     */
    static Optional<GetFunctionConfigurationResponse> startDeploy(Lab lab, LambdaClient lambda, Function function,
            String roleArn, Map<String, String> environment, Sizing sizing, byte[] code, String codeSha256) {
        Optional<GetFunctionConfigurationResponse> existing = configuration(lambda, function.name());
        if (existing.isEmpty()) {
            createWithRetry(lab, lambda, function, roleArn, environment, sizing, code);
            lab.say(Text.of("%s: created, Pending while Lambda prepares it", "%s: 생성됨, Lambda가 준비하는 동안 Pending"),
                    function.name());
        } else if (!existing.get().codeSha256().equals(codeSha256)) {
            lambda.updateFunctionCode(b -> b.functionName(function.name()).zipFile(SdkBytes.fromByteArray(code)));
            lab.say(Text.of("%s: new code sent, InProgress while Lambda takes it", "%s: 새 코드 전송, Lambda가 받는 동안 InProgress"),
                    function.name());
        }
        return existing;
    }

    /**
     * Waits until Lambda is done with what {@link #startDeploy} asked (a new function is Pending,
     * new code InProgress), then brings handler, runtime, role, memory, timeout and environment to
     * what this step builds when any differs (a console edit, an earlier mistake), saying what it repaired.
     */
    static void finishDeploy(Lab lab, LambdaClient lambda, Function function,
            Optional<GetFunctionConfigurationResponse> existing, String roleArn, Map<String, String> environment,
            Sizing sizing, String codeSha256) {
        if (existing.isEmpty()) {
            lab.waitFor(Text.of(function.name() + " to be Active", function.name() + " Active 상태"),
                    () -> lambda.waiter()
                            .waitUntilFunctionActiveV2(b -> b.functionName(function.name()), lab.polling()));
            return;
        }
        GetFunctionConfigurationResponse current = existing.get();
        if (!current.codeSha256().equals(codeSha256)) {
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
     * "The role defined for the function cannot be assumed by Lambda" until IAM has propagated
     * it. No waiter watches that, so the creation is tried again, {@link #ROLE_RETRY} apart.
     */
    static void createWithRetry(Lab lab, LambdaClient lambda, Function function, String roleArn,
            Map<String, String> environment, Sizing sizing, byte[] code) {
        Eventually.await(Text.of("Lambda to accept the role " + roleArn, "Lambda가 역할을 받아들임: " + roleArn),
                ROLE_PROPAGATION, ROLE_RETRY, () -> create(lab, lambda, function, roleArn, environment, sizing, code),
                Optional::isPresent).orElseThrow();
    }

    /** Creates the function and answers its ARN; empty while Lambda cannot assume the new role yet. */
    static Optional<String> create(Lab lab, LambdaClient lambda, Function function, String roleArn,
            Map<String, String> environment, Sizing sizing, byte[] code) {
        try {
            return Optional.of(lambda.createFunction(b -> b.functionName(function.name()).runtime(RUNTIME)
                    .role(roleArn).handler(function.handler()).code(c -> c.zipFile(SdkBytes.fromByteArray(code)))
                    .memorySize(sizing.memoryMb()).timeout(sizing.timeoutSeconds())
                    .environment(e -> e.variables(environment))
                    .description("Serverless Chat Lab: " + function.handler())
                    .tags(lab.names().tags())).functionArn());
        } catch (InvalidParameterValueException e) {
            if (!e.getMessage().contains("cannot be assumed")) {
                throw e;
            }
            lab.say(Text.of("The new role is not assumable yet (IAM propagates): retrying in %d s",
                    "새 역할이 아직 전파되지 않았습니다: %d초 뒤 다시 시도"), ROLE_RETRY.toSeconds());
            return Optional.empty();
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
    public void check(Lab lab, Checks checks) {
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
            CheckResult active = checks.check(Texts.ACTIVE.with(function.name(), function.handler()),
                    () -> activeOutcome(lambda, function, configs));
            if (function.name().equals(names.sendMessageFunction())) {
                sendMessageWorks.add(active);
            }
        }
        checks.check(Texts.CURRENT_RUNTIME, () -> runtimeOutcome(configs.values()));
        checks.check(Texts.SIZING.with(MIN_MEMORY_MB, MIN_TIMEOUT_SECONDS), () -> sizingOutcome(configs.values()));
        sendMessageWorks.add(checks.check(Texts.ENVIRONMENT,
                () -> environmentOutcome(lab, dynamo, webSocket, rest, wsApi, restApiId, configs)));
        checks.check(Texts.MAY_INVOKE, () -> permissionsOutcome(lab, lambda, wsApi, restApiId));
        boolean sendMessageMayAnswer = sendMessageWorks.stream().noneMatch(CheckResult::failed);
        checks.check(Texts.STAGE_CURRENT.with(names.stage()),
                () -> stageServesCurrentWiring(lab, webSocket, rest, dynamo, wsApi, restApiId, sendMessageMayAnswer));
        checks.check(Texts.NO_ROOM_REFUSED.with(names.connectFunction()),
                () -> answers(invoke(lambda, names.connectFunction(), CONNECT_WITHOUT_ROOM), 400));
        checks.check(Texts.BAD_ROOM_ID.with(names.getMessagesFunction()),
                () -> badRoomOutcome(invoke(lambda, names.getMessagesFunction(), HISTORY_OF_BAD_ROOM)));
        checks.check(Texts.HISTORY.with(names.getMessagesFunction()),
                () -> historyOutcome(invoke(lambda, names.getMessagesFunction(), HISTORY_OF_GENERAL)));
        Text gone = Texts.GONE.with(names.sendMessageFunction());
        if (sendMessageWorks.stream().anyMatch(CheckResult::failed)) {
            // A wrong handler, table or callback URL delivers no message: the check would only wait its patience out
            // to say so.
            checks.skip(gone, Texts.FIX_ABOVE_FIRST);
        } else {
            checks.check(gone, () -> goneConnectionCheck(lab, dynamo, wsApi));
        }
    }

    /** A $connect without a roomId. */
    static final String CONNECT_WITHOUT_ROOM = """
            {"requestContext":{"routeKey":"$connect","eventType":"CONNECT","connectionId":"check="},\
            "queryStringParameters":{"nickname":"x"}}""";
    /** A history request for a room id with a space, which PROTOCOL.md does not allow. */
    static final String HISTORY_OF_BAD_ROOM = """
            {"httpMethod":"GET","path":"/rooms/bad room/messages","pathParameters":{"roomId":"bad room"}}""";
    static final String HISTORY_OF_GENERAL = """
            {"httpMethod":"GET","path":"/rooms/general/messages","pathParameters":{"roomId":"general"}}""";

    /** The function exists with its handler and is Active; its configuration is kept for the checks after. */
    static Outcome activeOutcome(LambdaClient lambda, Function function,
            Map<String, GetFunctionConfigurationResponse> configs) {
        Optional<GetFunctionConfigurationResponse> config = configuration(lambda, function.name());
        if (config.isEmpty()) {
            return Outcome.fail(Texts.RUN_STEP_6);
        }
        configs.put(function.name(), config.get());
        if (!function.handler().equals(config.get().handler())) {
            return Outcome.fail(Texts.handlerIs(config.get().handler(), function.handler()));
        }
        return Outcome.when(config.get().state() == State.ACTIVE,
                Texts.state(config.get().stateAsString(), config.get().stateReason()));
    }

    static Outcome runtimeOutcome(Collection<GetFunctionConfigurationResponse> configs) {
        return configs.stream().filter(config -> !CURRENT_JAVA_RUNTIMES.contains(config.runtimeAsString()))
                .findFirst().map(old -> Outcome.fail(Texts.deprecatedRuntime(old.functionName(),
                        old.runtimeAsString())))
                .orElse(Outcome.pass());
    }

    static Outcome sizingOutcome(Collection<GetFunctionConfigurationResponse> configs) {
        for (GetFunctionConfigurationResponse config : configs) {
            if (config.timeout() < MIN_TIMEOUT_SECONDS) {
                return Outcome.fail(Texts.timeoutTooShort(config.functionName(), config.timeout()));
            }
            if (config.memorySize() < MIN_MEMORY_MB) {
                return Outcome.fail(Texts.memoryTooSmall(config.functionName(), config.memorySize()));
            }
        }
        return Outcome.pass();
    }

    /** Each variable a function reads names this lab's table, or the WebSocket API's callback URL. */
    static Outcome environmentOutcome(Lab lab, DynamoDbClient dynamo, ApiGatewayV2Client webSocket,
            ApiGatewayClient rest, Optional<Api> wsApi, Optional<String> restApiId,
            Map<String, GetFunctionConfigurationResponse> configs) {
        for (Function function : functions(lab.names())) {
            GetFunctionConfigurationResponse config = configs.get(function.name());
            if (config == null) {
                continue;
            }
            Map<String, String> variables = config.environment() == null || config.environment().variables() == null
                    ? Map.of() : config.environment().variables();
            for (String variable : function.variables()) {
                Optional<Text> problem = variableProblem(lab, dynamo, webSocket, rest, wsApi, restApiId, variable,
                        variables.get(variable));
                if (problem.isPresent()) {
                    return Outcome.fail(Text.of(function.name() + ": " + problem.get().en(),
                            function.name() + ": " + problem.get().ko()));
                }
            }
        }
        return Outcome.pass();
    }

    /** Each function's resource policy lets API Gateway invoke it, from its own API's calls. */
    static Outcome permissionsOutcome(Lab lab, LambdaClient lambda, Optional<Api> wsApi, Optional<String> restApiId)
            throws IOException {
        Names names = lab.names();
        String account = lab.accountId();
        for (Function function : functions(names)) {
            Optional<String> apiId = function.restHistory() ? restApiId : wsApi.map(Api::apiId);
            if (apiId.isEmpty()) {
                return Outcome.fail(Texts.NO_APIS);
            }
            String wanted = "arn:aws:execute-api:" + lab.region().id() + ":" + account + ":" + apiId.get() + "/*";
            List<JsonNode> statements = apiGatewayStatements(policyOf(lambda, function.name()));
            if (statements.isEmpty()) {
                return Outcome.fail(Texts.noPermission(function.name(), wanted));
            }
            String sample = sampleSourceArn(lab.region().id(), account, apiId.get(), names.stage(),
                    function.sampleRoute());
            if (statements.stream().noneMatch(s -> covers(s, sample))) {
                String seen = statements.stream().map(DeployFunctions::sourceArnOf).toList().toString();
                return Outcome.fail(Texts.otherSourceArn(function.name(), seen, sample, wanted));
            }
        }
        return Outcome.pass();
    }

    /** A function's answer to an event must carry {@code status}. */
    static Outcome answers(String answer, int status) {
        return Outcome.when(answer.contains("\"statusCode\":" + status), Texts.answered(answer));
    }

    static Outcome badRoomOutcome(String answer) {
        return Outcome.when(answer.contains("\"statusCode\":400") && answer.contains("Access-Control-Allow-Origin"),
                Texts.answeredWithoutCors(answer));
    }

    static Outcome historyOutcome(String answer) {
        if (answer.contains("TODO(step6)")) {
            return Outcome.fail(Texts.STILL_TODO);
        }
        if (answer.contains("ResourceNotFoundException")) {
            return Outcome.skip(Texts.TABLES_IN_STEP_7);
        }
        return answers(answer, 200);
    }

    /** What is wrong with one environment variable's value, if anything. */
    static Optional<Text> variableProblem(Lab lab, DynamoDbClient dynamo, ApiGatewayV2Client webSocket,
            ApiGatewayClient rest, Optional<Api> wsApi, Optional<String> restApiId, String variable, String value) {
        Names names = lab.names();
        String table = variable.equals(USERS_TABLE) ? names.usersTable() : variable.equals(MESSAGES_TABLE)
                ? names.messagesTable() : null;
        String expectedUrl = wsApi.map(api -> callbackUrl(api.apiEndpoint(), names.stage())).orElse(null);
        if (value == null || value.isBlank()) {
            return Optional.of(Texts.notSet(variable, table != null ? table : expectedUrl));
        }
        if (table != null) {
            if (value.equals(table)) {
                return Optional.empty();
            }
            return Optional.of(tableExists(dynamo, value) ? Texts.notThisLabsTable(variable, value, table)
                    : Texts.noSuchTable(variable, value, table));
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
            return Optional.of(Texts.scheme(variable, url.getScheme(), expectedUrl, expected.getScheme()));
        }
        String apiId = ChatEndpoints.apiIdOf(value).orElse(null);
        if (apiId != null && !apiId.equals(wsApi.get().apiId())) {
            boolean isRest = restApiId.isPresent() && restApiId.get().equals(apiId);
            boolean exists = isRest || webSocket.getApis(b -> b.maxResults("500")).items().stream()
                    .anyMatch(a -> a.apiId().equals(apiId));
            Text what = isRest ? Texts.THE_REST_API : exists ? Texts.ANOTHER_API : Texts.NO_SUCH_API;
            return Optional.of(Texts.namesOtherApi(variable, what, apiId, wsApi.get().apiId(), expectedUrl));
        }
        if (!ChatEndpoints.stageOf(value).orElse("").equals(names.stage())) {
            return Optional.of(Texts.lacksStage(variable, names.stage(), expectedUrl));
        }
        return Optional.of(Texts.variableIs(variable, value, expectedUrl));
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
     * every route key of the API reaches its own route, not $default (sendMessage only while
     * {@code sendMessageMayAnswer}: its handler and environment passed).
     */
    static Outcome stageServesCurrentWiring(Lab lab, ApiGatewayV2Client webSocket, ApiGatewayClient rest,
            DynamoDbClient dynamo, Optional<Api> wsApi, Optional<String> restApiId, boolean sendMessageMayAnswer)
            throws IOException, InterruptedException {
        Names names = lab.names();
        String stage = names.stage();
        if (wsApi.isEmpty() || restApiId.isEmpty()) {
            return Outcome.fail(Texts.NO_APIS);
        }
        Text deployHint = Texts.deployBoth(stage);
        String restDeployment;
        try {
            restDeployment = rest.getStage(b -> b.restApiId(restApiId.get()).stageName(stage)).deploymentId();
        } catch (software.amazon.awssdk.services.apigateway.model.NotFoundException e) {
            restDeployment = null;
        }
        if (restDeployment == null) {
            return Outcome.fail(Texts.noRestStage(stage, deployHint));
        }
        String wsDeployment;
        try {
            wsDeployment = webSocket.getStage(b -> b.apiId(wsApi.get().apiId()).stageName(stage)).deploymentId();
        } catch (software.amazon.awssdk.services.apigatewayv2.model.NotFoundException e) {
            wsDeployment = null;
        }
        if (wsDeployment == null) {
            return Outcome.fail(Texts.noWebSocketDeployment(stage, deployHint));
        }
        HttpClient http = HttpClient.newHttpClient();
        URI history = URI.create(lab.restApiUrl(restApiId.get(), stage) + "/rooms/bad.room/messages");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(history).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 400 || answer.headers().firstValue("Access-Control-Allow-Origin").isEmpty()) {
            Text why = ErrorHints.hintForHttp(answer.statusCode(), answer.body())
                    .orElse(Texts.olderHistoryDeployment(deployHint));
            return Outcome.fail(Texts.historyAnswered(history, answer.statusCode(), answer.body(),
                    names.getMessagesFunction(), why));
        }
        URI webSocketUrl = URI.create(wsApi.get().apiEndpoint() + "/" + stage);
        int handshake = handshakeStatus(http, URI.create(webSocketUrl + "?nickname=check"));
        if (handshake != 400) {
            return Outcome.fail(Texts.handshakeWithoutRoom(handshake, names.connectFunction(), deployHint));
        }
        if (!tableExists(dynamo, names.usersTable())) {
            return Outcome.pass(Texts.ROUTE_KEYS_AFTER_STEP_7);
        }
        // With a wrong handler or environment the send function cannot answer: no answer would say nothing about
        // the stage, and waiting the patience out for it would only delay (and blame the deployment for) what the
        // failures above already name.
        List<String> routeKeys = webSocket.getRoutes(b -> b.apiId(wsApi.get().apiId()).maxResults("500")).items()
                .stream().map(Route::routeKey).filter(key -> !key.startsWith("$"))
                .filter(key -> sendMessageMayAnswer || !key.equals("sendMessage")).toList();
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
                    return Outcome.fail(Texts.olderThanRoute(routeKey, reply == null, deployHint));
                }
            }
        }
        return sendMessageMayAnswer ? Outcome.pass() : Outcome.pass(Texts.SEND_ROUTE_AFTER_FIXES);
    }

    /**
     * A failure when a well-formed join is refused: then the connect function could not store the
     * connection (its TODO, a table, the role), and no route can be tried.
     */
    static Optional<Outcome> refusedJoin(HttpClient http, URI webSocketUrl, String room) {
        int status = handshakeStatus(http, URI.create(webSocketUrl + "?roomId=" + room + "&nickname=check"));
        return status == 101 ? Optional.empty() : Optional.of(Outcome.fail(Texts.joinRefused(room, status)));
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
            return Outcome.fail(Texts.NO_WEBSOCKET_API);
        }
        if (!tableExists(dynamo, names.usersTable()) || !tableExists(dynamo, names.messagesTable())) {
            return Outcome.skip(Texts.TABLES_IN_STEP_7);
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
            // A send function that fails (fanOut stopping at a gone connection) ends with API Gateway's error frame
            // to the sender, after which none of its posts can come: the check knows then that the member was
            // not served, rather than when the patience runs out.
            ChatConnection.Frame answer = member.await(f -> text.equals(f.json().path("text").asText())
                    || f.isIntegrationFailure(), PATIENCE);
            boolean served = answer != null && !answer.isIntegrationFailure();
            List<String> left = Eventually.await(Texts.GONE_ROWS_DELETED, GONE_ROWS_DELETED,
                    () -> goneRowsLeft(dynamo, names.usersTable(), room, gone), List::isEmpty).value();
            for (String connectionId : left) {
                dynamo.deleteItem(b -> b.tableName(names.usersTable()).key(Map.of("roomId", AttributeValue.fromS(room),
                        "connectionId", AttributeValue.fromS(connectionId))));
            }
            return Outcome.when(served && left.isEmpty(), Texts.goneRows(served, names.usersTable(), left.size()));
        }
    }

    /** Which of the {@code gone} connections the room still lists. */
    static List<String> goneRowsLeft(DynamoDbClient dynamo, String usersTable, String room, List<String> gone) {
        return dynamo.query(b -> b.tableName(usersTable).keyConditionExpression("roomId = :r").consistentRead(true)
                        .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(room)))).items().stream()
                .map(item -> item.get("connectionId").s()).filter(gone::contains).toList();
    }

    static String invoke(LambdaClient lambda, String function, String event) {
        InvokeResponse response = lambda.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(event)));
        String payload = response.payload().asUtf8String();
        return response.functionError() == null ? payload : "function error: " + payload;
    }

    /** What the checks say, in English and Korean: each check's name, then what it answers. */
    static final class Texts {

        static final Text ACTIVE = Text.of("%s is Active with handler %s", "%s: Active, 핸들러 %s");
        static final Text CURRENT_RUNTIME = Text.of(
                "the functions run on a Java runtime AWS accepts (java21 or java25)",
                "함수의 런타임이 AWS가 받아 주는 Java(java21, java25)임");
        static final Text SIZING = Text.of("each function has at least %d MB and a %d s timeout",
                "함수마다 메모리 %d MB, 제한 시간 %d초 이상");
        static final Text ENVIRONMENT = Text.of(
                "the environment names the tables and the WebSocket API's callback URL",
                "환경 변수가 테이블과 WebSocket API의 콜백 주소를 가리킴");
        static final Text MAY_INVOKE = Text.of("API Gateway may invoke each function, from its own API (SourceArn)",
                "API Gateway가 각 함수를 자기 API에서 호출할 수 있음(SourceArn)");
        static final Text STAGE_CURRENT = Text.of("stage %s of both APIs serves the current routes and integrations",
                "두 API의 스테이지(%s)가 지금의 라우트와 통합을 제공함");
        static final Text NO_ROOM_REFUSED = Text.of("%s refuses a connection without a room (400)",
                "%s가 방 없는 연결을 거절함(400)");
        static final Text BAD_ROOM_ID = Text.of("%s answers 400 for a bad room id", "%s가 잘못된 방 ID에 400으로 응답함");
        static final Text HISTORY = Text.of("%s answers a room's history (200)", "%s가 방의 기록에 응답함(200)");
        static final Text GONE = Text.of("%s deletes a gone connection (410) and still serves the room",
                "%s가 끊긴 연결(410)을 지우고 방의 나머지에게 계속 보냄");

        static final Text RUN_STEP_6 = Text.of(
                "Run ./lab step 6, or Lambda → Create function → Java 21, upload the jar.",
                "./lab step 6을 실행하거나 Lambda → 함수 생성 → Java 21, jar 업로드.");
        static final Text NO_APIS = Text.of("The APIs of step 5 are missing: ./lab check 5.",
                "5단계의 API가 없습니다: ./lab check 5.");
        static final Text NO_WEBSOCKET_API = Text.of("The WebSocket API of step 5 is missing: ./lab check 5.",
                "5단계의 WebSocket API가 없습니다: ./lab check 5.");
        static final Text TABLES_IN_STEP_7 = Text.of("the tables come in step 7", "테이블은 7단계에서 만듭니다");
        static final Text STILL_TODO = Text.of("Your handler still stops at a TODO(step6): complete it, then run"
                        + " ./lab step 6 again (and ./mvnw -f step6-lambdas/pom.xml test).",
                "핸들러가 아직 TODO(step6)에서 멈춥니다. 완성한 뒤 ./lab step 6을 다시 실행하세요(./mvnw -f step6-lambdas/pom.xml "
                        + "test도).");
        static final Text FIX_ABOVE_FIRST = Text.of("fix the failures above first: until then no message is delivered",
                "위의 실패를 먼저 고치세요: 그전에는 메시지가 전달되지 않습니다");
        static final Text ROUTE_KEYS_AFTER_STEP_7 = Text.of("the route keys are tried once the tables exist (step 7)",
                "라우트 키는 테이블이 생긴 뒤(7단계) 시험합니다");
        static final Text SEND_ROUTE_AFTER_FIXES = Text.of("the route sendMessage is tried once the failures above are fixed",
                "라우트 sendMessage는 위의 실패를 고친 뒤에 시험합니다");
        static final Text GONE_ROWS_DELETED = Text.of("the rows of gone connections to be deleted",
                "끊긴 연결의 행이 지워짐");
        /** What a callback URL names instead of the WebSocket API. */
        static final Text THE_REST_API = Text.of("the REST API", "REST API");
        static final Text ANOTHER_API = Text.of("another API", "다른 API");
        static final Text NO_SUCH_API = Text.of("an API that does not exist", "없는 API");

        private Texts() {
        }

        static Text handlerIs(String handler, String wanted) {
            return Text.of("The handler is " + handler + ": it must be " + wanted
                            + " (Runtime settings → Handler; a wrong one fails every call with Class not found).",
                    "핸들러가 " + handler + "입니다. 올바른 핸들러: " + wanted
                            + " (런타임 설정 → 핸들러. 틀리면 모든 호출이 Class not found로 실패합니다).");
        }

        static Text state(String state, String reason) {
            return Text.of("State " + state + " (" + reason + "): wait, or run ./lab step 6 again.",
                    "상태 " + state + "(" + reason + "): 기다리거나 ./lab step 6을 다시 실행하세요.");
        }

        static Text deprecatedRuntime(String function, String runtime) {
            return Text.of(function + " runs on " + runtime
                            + ", which AWS no longer accepts for new or updated functions (java8, java11 and java17"
                            + " are deprecated): choose java21 (or java25). The code is Java 17 bytecode and runs on"
                            + " both.",
                    function + "의 런타임(" + runtime
                            + ")은 AWS가 더는 새로 만들거나 고치게 해 주지 않습니다(java8, java11, java17은 지원 종료). java21(또는 "
                            + "java25)을 고르세요. 코드는 Java 17 바이트코드라 둘 다에서 돕니다.");
        }

        static Text timeoutTooShort(String function, int seconds) {
            return Text.of(function + "'s timeout is " + seconds
                            + " s: a Java cold start (start the JVM, load the SDK, build the clients) alone can take"
                            + " several seconds, and a call that times out is lost. Set at least "
                            + MIN_TIMEOUT_SECONDS + " s (the lab uses 15 s).",
                    function + "의 제한 시간이 " + seconds
                            + "초입니다. Java의 콜드 스타트(JVM 시작, SDK 로드, 클라이언트 생성)만으로 몇 초가 걸리고, 시간을 넘긴 호출은 사라집니다. "
                            + MIN_TIMEOUT_SECONDS + "초 이상으로 하세요(이 실습은 15초).");
        }

        static Text memoryTooSmall(String function, int megabytes) {
            return Text.of(function + " has " + megabytes
                            + " MB: Lambda gives CPU in proportion to memory, and a Java cold start needs both (the"
                            + " JVM and the SDK take most of 128 MB and start slowly on its sliver of CPU). Set at"
                            + " least " + MIN_MEMORY_MB + " MB.",
                    function + "의 메모리가 " + megabytes
                            + " MB입니다. Lambda는 메모리에 비례해 CPU를 주고, Java의 콜드 스타트에는 둘 다 필요합니다(JVM과 SDK가 128 MB "
                            + "대부분을 쓰고, 적은 CPU로 느리게 시작합니다). " + MIN_MEMORY_MB + " MB 이상으로 하세요.");
        }

        static Text noPermission(String function, String wanted) {
            return Text.of(function + " has no permission for apigateway.amazonaws.com: API Gateway is refused and"
                            + " answers 500 Internal server error. AddPermission (lambda:InvokeFunction, principal"
                            + " apigateway.amazonaws.com, SourceArn " + wanted + ").",
                    function + "에 apigateway.amazonaws.com 권한이 없습니다. API Gateway가 거절당해 500 Internal "
                            + "server error로 답합니다. "
                            + "AddPermission(lambda:InvokeFunction, 주체 apigateway.amazonaws.com, SourceArn "
                            + wanted + ")을 하세요.");
        }

        static Text otherSourceArn(String function, String seen, String sample, String wanted) {
            return Text.of(function + "'s permission for API Gateway has SourceArn " + seen
                            + ", which does not cover this API's calls (" + sample
                            + "): API Gateway answers 500. The SourceArn must be " + wanted + ".",
                    function + "의 API Gateway 권한(SourceArn " + seen + ")은 이 API의 호출(" + sample
                            + ")을 허용하지 않습니다. API Gateway가 500으로 답합니다. 올바른 SourceArn: " + wanted);
        }

        static Text answered(String answer) {
            return Text.of("Answered " + answer, "응답: " + answer);
        }

        static Text answeredWithoutCors(String answer) {
            return Text.of("Answered " + answer + " (expected statusCode 400 with CORS headers)",
                    "응답: " + answer + " (CORS 헤더와 statusCode 400이어야 함)");
        }

        static Text notSet(String variable, String wanted) {
            return Text.of(variable + " is not set: set it to " + wanted + " (Configuration → Environment variables).",
                    "환경 변수 " + variable + " 없음. 구성 → 환경 변수에서 설정하세요. 값: " + wanted);
        }

        static Text notThisLabsTable(String variable, String value, String table) {
            return Text.of(variable + " is " + value
                            + ", a table that is not this lab's (in a shared account perhaps another student's):"
                            + " the role of step 4 may use only " + table + ", so it must be " + table + ".",
                    variable + " 값 " + value + ": 이 실습의 테이블이 아닙니다 (공유 계정이라면 다른 학생의 것일 수도 있습니다)."
                            + " 4단계의 역할은 " + table + "만 쓸 수 있습니다. 올바른 값: " + table);
        }

        static Text noSuchTable(String variable, String value, String table) {
            return Text.of(variable + " is " + value + ", a table that does not exist: it must be " + table + ".",
                    variable + " 값 " + value + ": 그런 테이블이 없습니다. 올바른 값: " + table);
        }

        static Text scheme(String variable, String scheme, String expectedUrl, String expectedScheme) {
            return Text.of(variable + " starts with " + scheme
                            + "://: the management API (@connections) is HTTP, so it must be "
                            + expectedUrl + " (" + expectedScheme + "://, not wss://).",
                    variable + " 값이 " + scheme + "://로 시작합니다. 관리 API(@connections)는 HTTP입니다(wss:// 대신 "
                            + expectedScheme + "://). 올바른 값: " + expectedUrl);
        }

        static Text namesOtherApi(String variable, Text what, String apiId, String webSocketApiId,
                String expectedUrl) {
            return Text.of(variable + " names " + what.en() + " (" + apiId
                            + "): frames go through the WebSocket API " + webSocketApiId + ", so it must be "
                            + expectedUrl + ".",
                    variable + " 값이 가리키는 것: " + what.ko() + "(" + apiId + "). 프레임은 WebSocket API("
                            + webSocketApiId + ")를 거쳐 갑니다. 올바른 값: " + expectedUrl);
        }

        static Text lacksStage(String variable, String stage, String expectedUrl) {
            return Text.of(variable + " lacks the stage: the connections live in stage " + stage
                            + ", so it must be " + expectedUrl + ".",
                    variable + "에 스테이지가 빠졌습니다. 연결은 스테이지 " + stage + "에 있습니다. 올바른 값: " + expectedUrl);
        }

        static Text variableIs(String variable, String value, String expectedUrl) {
            return Text.of(variable + " is " + value + ": it must be " + expectedUrl + ".",
                    variable + " 값: " + value + ". 올바른 값: " + expectedUrl);
        }

        /** The end of every hint about a stage serving an old deployment. */
        static Text deployBoth(String stage) {
            return Text.of(" Deploy both APIs after wiring (CreateDeployment, stage " + stage
                            + "; console: Deploy API).",
                    " 연결한 뒤 두 API를 배포하세요(CreateDeployment, 스테이지 " + stage + ", 콘솔: API 배포).");
        }

        static Text noRestStage(String stage, Text deployHint) {
            return Text.of("The REST API has no stage " + stage + " yet." + deployHint.en(),
                    "REST API에 아직 스테이지(" + stage + ")가 없습니다." + deployHint.ko());
        }

        static Text noWebSocketDeployment(String stage, Text deployHint) {
            return Text.of("Stage " + stage + " of the WebSocket API serves no deployment." + deployHint.en(),
                    "WebSocket API의 스테이지(" + stage + ")가 아무 배포도 제공하지 않습니다." + deployHint.ko());
        }

        static Text olderHistoryDeployment(Text deployHint) {
            return Text.of("The stage serves an older deployment of GET /rooms/{roomId}/messages." + deployHint.en(),
                    "스테이지가 GET /rooms/{roomId}/messages의 예전 배포를 제공합니다." + deployHint.ko());
        }

        static Text historyAnswered(URI history, int status, String body, String function, Text why) {
            return Text.of("GET " + history + " answered " + status + " " + body + ", not " + function + "'s 400. "
                            + why.en(),
                    "GET " + history + "의 응답: " + status + " " + body + "(" + function + "의 400이 아님). " + why.ko());
        }

        static Text handshakeWithoutRoom(int status, String connectFunction, Text deployHint) {
            return Text.of("A WebSocket handshake without a room got "
                            + (status == 101 ? "accepted" : "HTTP " + status) + ", not " + connectFunction
                            + "'s 400: the stage serves an older deployment of $connect." + deployHint.en(),
                    "방 없는 WebSocket 핸드셰이크의 결과: " + (status == 101 ? "수락됨" : "HTTP " + status)
                            + "(" + connectFunction + "의 400이 아님). 스테이지가 $connect의 예전 배포를 제공합니다."
                            + deployHint.ko());
        }

        static Text olderThanRoute(String routeKey, boolean noAnswer, Text deployHint) {
            return Text.of("A frame {\"action\":\"" + routeKey + "\"} "
                            + (noAnswer ? "got no answer" : "reached $default")
                            + ": the stage serves a deployment older than the route " + routeKey + "."
                            + deployHint.en(),
                    "프레임 {\"action\":\"" + routeKey + "\"}" + (noAnswer ? ": 답이 없습니다" : ": $default로 갔습니다")
                            + ". 스테이지가 라우트 " + routeKey + "보다 오래된 배포를 제공합니다." + deployHint.ko());
        }

        static Text joinRefused(String room, int status) {
            return Text.of("Joining room " + room + " was refused with HTTP " + status
                            + ": the connect function could not store the connection. A TODO(step6) left in "
                            + "ConnectHandler.saveConnection, the table (./lab check 7)"
                            + " or the role (./lab check 4)? Read ./lab logs connect.",
                    "방 " + room + " 입장이 거절되었습니다(HTTP " + status + "). connect 함수가 연결을 저장하지 못했습니다."
                            + " ConnectHandler.saveConnection의 TODO(step6), 테이블(./lab check 7),"
                            + " 역할(./lab check 4)을 확인하고 ./lab logs connect를 읽으세요.");
        }

        static Text goneRows(boolean served, String usersTable, int left) {
            return Text.of("With two gone connections in the room, the member got the message: " + served
                            + "; gone rows left in " + usersTable + ": " + left
                            + " of 2. fanOut must catch GoneException for each post, delete that row, and go on ("
                            + GONE_CONNECTION_TEST + ").",
                    "끊긴 연결 두 개가 있는 방에서 멤버가 메시지를 받음: " + served + ", " + usersTable + "에 남은 끊긴 행: 2개 중 "
                            + left + "개. fanOut은 전송마다 GoneException을 잡아 그 행을 지우고 계속해야 합니다("
                            + GONE_CONNECTION_TEST + ").");
        }
    }
}
