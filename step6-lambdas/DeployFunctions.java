///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:lambda
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:apigateway
//DEPS software.amazon.awssdk:apigatewayv2
//DEPS dev.chatlab:labkit:0.1.0
//DESCRIPTION Step 6: build the chat's four Java handlers into one jar, create the functions, connect them to the API routes, deploy the stages.

import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.Integration;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Step 6 of the seed: "Lambda — 총 4개: 웹소켓 연결, 웹소켓 해제, 채팅 입력, 채팅 가져오기".
 * The handlers are in src/main/java; this script builds them, deploys them and wires the APIs.
 */
public class DeployFunctions implements LabStep {

    static final String JAR = "target/chat-functions-0.1.0.jar";
    /** Lambda's managed Java runtime (java17 can no longer be created on AWS); the code is Java 17 bytecode. */
    static final Runtime RUNTIME = Runtime.JAVA21;

    /** A function of PROTOCOL.md: its name, its handler, the routes that call it. */
    record Function(String name, String handler, List<String> webSocketRoutes, boolean restHistory) {
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
        return Text.of("The four Lambda functions, wired to the APIs", "Lambda 함수 네 개를 만들고 API 에 연결하기");
    }

    static List<Function> functions(Names names) {
        return List.of(
                new Function(names.connectFunction(), "dev.chatlab.chat.ConnectHandler::handleRequest", List.of("$connect"), false),
                new Function(names.disconnectFunction(), "dev.chatlab.chat.DisconnectHandler::handleRequest", List.of("$disconnect"), false),
                new Function(names.sendMessageFunction(), "dev.chatlab.chat.SendMessageHandler::handleRequest", List.of("sendMessage", "$default"), false),
                new Function(names.getMessagesFunction(), "dev.chatlab.chat.GetMessagesHandler::handleRequest", List.of(), true));
    }

    @Override
    public void run(Lab lab) throws Exception {
        Names names = lab.names();
        Path module = lab.stepFolder("step6-lambdas");
        Path jar = buildJar(lab, module);
        LambdaClient lambda = lab.client(LambdaClient.builder());
        ApiGatewayV2Client webSocket = lab.client(ApiGatewayV2Client.builder());
        ApiGatewayClient rest = lab.client(ApiGatewayClient.builder());
        String account = lab.accountId();
        String region = lab.region().id();
        String roleArn = lab.client(IamClient.builder()).getRole(b -> b.roleName(names.lambdaRole())).role().arn();
        Api wsApi = webSocket.getApis(b -> b.maxResults("500")).items().stream().filter(a -> a.name().equals(names.webSocketApi())).findFirst()
                .orElseThrow(() -> new IllegalStateException("WebSocket API " + names.webSocketApi() + " not found: run step 5 first"));
        String restApiId = rest.getRestApis(b -> b.limit(500)).items().stream().filter(a -> a.name().equals(names.restApi())).findFirst()
                .orElseThrow(() -> new IllegalStateException("REST API " + names.restApi() + " not found: run step 5 first")).id();
        Map<String, String> environment = Map.of(
                "USERS_TABLE", names.usersTable(),
                "MESSAGES_TABLE", names.messagesTable(),
                "WEBSOCKET_CALLBACK_URL", callbackUrl(wsApi.apiEndpoint(), names.stage()));
        byte[] code = Files.readAllBytes(jar);
        for (Function function : functions(names)) {
            String arn = createOrUpdate(lab, lambda, function, roleArn, environment, code);
            String apiId = function.restHistory() ? restApiId : wsApi.apiId();
            allowApiGateway(lambda, function.name(), "arn:aws:execute-api:" + region + ":" + account + ":" + apiId + "/*");
            String invocationUri = "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + arn + "/invocations";
            for (String routeKey : function.webSocketRoutes()) {
                connectRoute(webSocket, wsApi.apiId(), routeKey, invocationUri);
            }
            if (function.restHistory()) {
                connectHistory(rest, restApiId, invocationUri);
            }
            lab.done(Text.of("%s (%s) ready", "%s (%s) 준비됨"), function.name(), function.handler());
        }
        webSocket.createDeployment(b -> b.apiId(wsApi.apiId()).stageName(names.stage()).description("Serverless Chat Lab step 6"));
        rest.createDeployment(b -> b.restApiId(restApiId).stageName(names.stage()).description("Serverless Chat Lab step 6"));
        lab.done(Text.of("Deployed both APIs to stage %s", "두 API 를 스테이지 %s 에 배포했습니다"), names.stage());
        lab.say(Text.of("WebSocket: %s/%s", "WebSocket: %s/%s"), wsApi.apiEndpoint(), names.stage());
        lab.say(Text.of("History:   %s/rooms/general/messages", "기록:      %s/rooms/general/messages"), lab.restApiUrl(restApiId, names.stage()));
    }

    /** wss://abc.execute-api.../dev → https://abc.execute-api.../dev: where the functions post to connections. */
    static String callbackUrl(String webSocketEndpoint, String stage) {
        return webSocketEndpoint.replaceFirst("^wss://", "https://").replaceFirst("^ws://", "http://") + "/" + stage;
    }

    /** Builds the functions' jar with the kit's Maven wrapper, unless it is newer than every source. */
    static Path buildJar(Lab lab, Path module) throws IOException, InterruptedException {
        Path jar = module.resolve(JAR);
        if (Files.exists(jar) && newestSource(module) < Files.getLastModifiedTime(jar).toMillis()) {
            lab.say(Text.of("The functions' jar is up to date: %s", "함수 jar 가 최신입니다: %s"), jar);
            return jar;
        }
        Path root = lab.settings().projectRoot();
        boolean windows = System.getProperty("os.name").toLowerCase().startsWith("windows");
        List<String> command = List.of(root.resolve(windows ? "mvnw.cmd" : "mvnw").toString(), "-q", "-B",
                "-f", module.resolve("pom.xml").toString(), "package", "-DskipTests");
        long started = System.nanoTime();
        lab.say(Text.of("Building the functions (mvnw package)...", "함수를 빌드합니다 (mvnw package)..."));
        int exit = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start().waitFor();
        if (exit != 0 || !Files.exists(jar)) {
            throw new IllegalStateException("building " + module + " failed (exit " + exit + "): read the compiler's message above");
        }
        lab.done(Text.of("Built %s in %.1f s", "%s 을(를) %.1f 초 만에 빌드했습니다"), jar, (System.nanoTime() - started) / 1e9);
        return jar;
    }

    private static long newestSource(Path module) throws IOException {
        try (Stream<Path> files = Files.walk(module.resolve("src"))) {
            long newest = Files.getLastModifiedTime(module.resolve("pom.xml")).toMillis();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
            }
            return newest;
        }
    }

    static String createOrUpdate(Lab lab, LambdaClient lambda, Function function, String roleArn, Map<String, String> environment, byte[] code)
            throws Exception {
        Optional<FunctionConfiguration> existing = configuration(lambda, function.name());
        if (existing.isEmpty()) {
            String arn = createWithRetry(lab, lambda, function, roleArn, environment, code);
            lab.waitFor(Text.of(function.name() + " to be Active", function.name() + " 이(가) Active 가 되기"),
                    () -> lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(function.name())));
            return arn;
        }
        if (!existing.get().codeSha256().equals(sha256(code))) {
            lambda.updateFunctionCode(b -> b.functionName(function.name()).zipFile(SdkBytes.fromByteArray(code)));
            lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(function.name()));
        }
        lambda.updateFunctionConfiguration(b -> b.functionName(function.name()).role(roleArn).handler(function.handler())
                .runtime(RUNTIME).memorySize(512).timeout(15).environment(e -> e.variables(environment)));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(function.name()));
        return existing.get().functionArn();
    }

    /**
     * On AWS a role created seconds ago may not be assumable by Lambda yet: Lambda answers
     * "The role defined for the function cannot be assumed by Lambda". Retry with backoff.
     */
    static String createWithRetry(Lab lab, LambdaClient lambda, Function function, String roleArn, Map<String, String> environment, byte[] code)
            throws InterruptedException {
        Duration wait = Duration.ofSeconds(2);
        for (int attempt = 1; ; attempt++) {
            try {
                return lambda.createFunction(b -> b.functionName(function.name()).runtime(RUNTIME).role(roleArn)
                        .handler(function.handler()).code(c -> c.zipFile(SdkBytes.fromByteArray(code)))
                        .memorySize(512).timeout(15).environment(e -> e.variables(environment))
                        .description("Serverless Chat Lab: " + function.handler())
                        .tags(lab.names().tags())).functionArn();
            } catch (InvalidParameterValueException e) {
                if (attempt >= 6 || !e.getMessage().contains("cannot be assumed")) {
                    throw e;
                }
                lab.say(Text.of("The new role is not assumable yet (IAM propagates): retrying in %d s", "새 역할이 아직 전파되지 않았습니다: %d초 뒤 다시 시도"), wait.toSeconds());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
        }
    }

    static Optional<FunctionConfiguration> configuration(LambdaClient lambda, String name) {
        try {
            var c = lambda.getFunctionConfiguration(b -> b.functionName(name));
            return Optional.of(FunctionConfiguration.builder().functionName(c.functionName()).functionArn(c.functionArn())
                    .state(c.state()).handler(c.handler()).codeSha256(c.codeSha256()).runtime(c.runtime()).build());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] code) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(code));
    }

    /** The resource policy statement that lets API Gateway (this API only) invoke the function. */
    static void allowApiGateway(LambdaClient lambda, String function, String sourceArn) {
        String statementId = "chatlab-" + Integer.toHexString(sourceArn.hashCode());
        try {
            lambda.addPermission(b -> b.functionName(function).statementId(statementId).action("lambda:InvokeFunction")
                    .principal("apigateway.amazonaws.com").sourceArn(sourceArn));
        } catch (ResourceConflictException alreadyThere) {
            // the same statement id exists: a second run changes nothing
        }
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
                .orElseThrow(() -> new IllegalStateException("/rooms/{roomId}/messages not found: run step 5 first")).id();
        // Lambda proxy integrations are always called with POST, whatever the client's method.
        rest.putIntegration(b -> b.restApiId(apiId).resourceId(resourceId).httpMethod("GET")
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri(invocationUri));
    }

    @Override
    public void check(Lab lab, Checks checks) {
        Names names = lab.names();
        LambdaClient lambda = lab.client(LambdaClient.builder());
        for (Function function : functions(names)) {
            checks.check(Text.of("%s is Active (%s, %s)", "%s 이(가) Active (%s, %s)").with(function.name(), RUNTIME, function.handler()), () -> {
                Optional<FunctionConfiguration> config = configuration(lambda, function.name());
                if (config.isEmpty()) {
                    return Outcome.fail(Text.of("Run ./lab step 6, or Lambda → Create function → Java 21, upload the jar.",
                            "./lab step 6 을 실행하거나 Lambda → 함수 생성 → Java 21, jar 업로드."));
                }
                return Outcome.when(config.get().state() == State.ACTIVE && function.handler().equals(config.get().handler()), Text.of(
                        "State " + config.get().state() + ", handler " + config.get().handler() + ": the handler must be " + function.handler(),
                        "상태 " + config.get().state() + ", 핸들러 " + config.get().handler() + ": 핸들러는 " + function.handler() + " 이어야 합니다"));
            });
        }
        checks.check(Text.of("chat-connect refuses a connection without a room (400)", "chat-connect 가 방 없는 연결을 거절함 (400)"), () -> {
            String answer = invoke(lambda, names.connectFunction(),
                    "{\"requestContext\":{\"routeKey\":\"$connect\",\"eventType\":\"CONNECT\",\"connectionId\":\"check=\"},\"queryStringParameters\":{\"nickname\":\"x\"}}");
            return Outcome.when(answer.contains("\"statusCode\":400"), Text.of("Answered " + answer, "응답: " + answer));
        });
        checks.check(Text.of("chat-get-messages answers 400 for a bad room id", "chat-get-messages 가 잘못된 방 ID 에 400 으로 응답함"), () -> {
            String answer = invoke(lambda, names.getMessagesFunction(),
                    "{\"httpMethod\":\"GET\",\"path\":\"/rooms/bad room/messages\",\"pathParameters\":{\"roomId\":\"bad room\"}}");
            return Outcome.when(answer.contains("\"statusCode\":400") && answer.contains("Access-Control-Allow-Origin"),
                    Text.of("Answered " + answer + " (expected statusCode 400 with CORS headers)", "응답: " + answer + " (CORS 헤더와 statusCode 400 이어야 함)"));
        });
        checks.check(Text.of("chat-get-messages answers a room's history (200)", "chat-get-messages 가 방의 기록에 응답함 (200)"), () -> {
            String answer = invoke(lambda, names.getMessagesFunction(),
                    "{\"httpMethod\":\"GET\",\"path\":\"/rooms/general/messages\",\"pathParameters\":{\"roomId\":\"general\"}}");
            if (answer.contains("TODO(step6)")) {
                return Outcome.fail(Text.of("Your handler still stops at a TODO(step6): complete it, then run ./lab step 6 again (and ./mvnw -f step6-lambdas/pom.xml test).",
                        "핸들러가 아직 TODO(step6) 에서 멈춥니다: 완성한 뒤 ./lab step 6 을 다시 실행하세요 (./mvnw -f step6-lambdas/pom.xml test 도)."));
            }
            if (answer.contains("ResourceNotFoundException")) {
                return Outcome.skip(Text.of("the tables come in step 7", "테이블은 7단계에서 만듭니다"));
            }
            return Outcome.when(answer.contains("\"statusCode\":200"), Text.of("Answered " + answer, "응답: " + answer));
        });
        checks.check(Text.of("API Gateway may invoke the functions (resource policy)", "API Gateway 가 함수를 호출할 수 있음 (리소스 정책)"), () -> {
            for (Function function : functions(names)) {
                String policy;
                try {
                    policy = lambda.getPolicy(b -> b.functionName(function.name())).policy();
                } catch (ResourceNotFoundException noPolicyAtAll) {
                    policy = "";
                }
                if (!policy.contains("apigateway.amazonaws.com")) {
                    return Outcome.fail(Text.of(function.name() + " has no permission for apigateway.amazonaws.com: without it API Gateway answers 500.",
                            function.name() + " 에 apigateway.amazonaws.com 권한이 없습니다: 없으면 API Gateway 가 500 으로 응답합니다."));
                }
            }
            return Outcome.pass();
        });
    }

    static String invoke(LambdaClient lambda, String function, String event) {
        InvokeResponse response = lambda.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(event)));
        String payload = response.payload().asUtf8String();
        return response.functionError() == null ? payload : "function error: " + payload;
    }
}
