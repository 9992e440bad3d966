package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.localcloud.testing.Eventually;
import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;

/** Functions running in their own JVMs through the Runtime API, seen through the SDK's Invoke and CloudWatch Logs. */
class LambdaExecutionTest {

    static final String ROLE = "arn:aws:iam::000000000000:role/chat-lambda-role";
    private static final ObjectMapper JSON = new ObjectMapper();

    static TestCloud cloud;
    static LambdaClient lambda;
    static CloudWatchLogsClient logs;
    static SdkBytes zip;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        lambda = cloud.client(LambdaClient.builder()).build();
        logs = cloud.client(CloudWatchLogsClient.builder()).build();
        zip = HandlerPackages.zip(TestHandlers.all());
        LambdaTesting.createLambdaRole(cloud, "chat-lambda-role");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static void create(String name, String handler, int timeout, Map<String, String> environment) {
        lambda.createFunction(b -> b.functionName(name).runtime("java21").role(ROLE).handler(handler)
                .timeout(timeout).memorySize(256).environment(e -> e.variables(environment))
                .code(c -> c.zipFile(zip)));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    static InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }

    static JsonNode json(InvokeResponse response) throws Exception {
        return JSON.readTree(response.payload().asUtf8String());
    }

    /** The error document of an invoke that must have failed as an unhandled function error. */
    static JsonNode functionError(InvokeResponse response) throws Exception {
        assertEquals(200, response.statusCode());
        assertEquals("Unhandled", response.functionError());
        return json(response);
    }

    @Test
    void requestHandler_getsTheEventAndLambdasContext() throws Exception {
        create("echo", "fn.Echo", 10, Map.of());
        InvokeResponse response = invoke("echo", "{\"hello\":\"world\"}");

        assertEquals(200, response.statusCode());
        assertNull(response.functionError());
        assertEquals("$LATEST", response.executedVersion());
        JsonNode out = json(response);
        assertEquals("world", out.path("input").path("hello").asText());
        assertEquals("echo", out.path("functionName").asText());
        assertEquals("$LATEST", out.path("functionVersion").asText());
        assertEquals("arn:aws:lambda:ap-northeast-2:000000000000:function:echo", out.path("invokedFunctionArn").asText());
        assertEquals(256, out.path("memoryLimitInMB").asInt());
        int remaining = out.path("remainingTimeInMillis").asInt();
        assertTrue(remaining > 5_000 && remaining <= 10_000, "remaining " + remaining);
        assertEquals("/aws/lambda/echo", out.path("logGroupName").asText());
        assertTrue(out.path("logStreamName").asText().matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\][0-9a-f]{32}"), out.toString());
        assertEquals(36, out.path("requestId").asText().length());
    }

    @Test
    void invoke_logTypeTail_returnsTheLastLinesOfThisInvocationsLog() throws Exception {
        create("echo-tail", "fn.Echo", 10, Map.of());
        invoke("echo-tail", "{}");
        InvokeResponse response = lambda.invoke(b -> b.functionName("echo-tail").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{}")));

        String requestId = json(response).path("requestId").asText();
        String tail = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        assertTrue(tail.contains("START RequestId: " + requestId + " Version: $LATEST"), tail);
        assertTrue(tail.contains("echo says hello\n"), tail);
        assertTrue(tail.contains("logger says hello\n"), tail);
        assertTrue(tail.contains("END RequestId: " + requestId), tail);
        assertTrue(tail.contains("REPORT RequestId: " + requestId + "\tDuration: "), tail);
    }

    @Test
    void functionOutput_isInItsLogGroup_oneStreamPerInstance() throws Exception {
        create("echo-logs", "fn.Echo", 10, Map.of());
        String requestId = invoke("echo-logs", "{}").responseMetadata().requestId();
        List<LogStream> streams = logs.describeLogStreams(b -> b.logGroupName("/aws/lambda/echo-logs")).logStreams();
        assertEquals(1, streams.size());

        List<String> messages = messagesOnceReported("/aws/lambda/echo-logs", streams.get(0).logStreamName());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("START RequestId: ")), messages.toString());
        assertTrue(messages.contains("echo says hello\n"), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("REPORT RequestId: ")), messages.toString());
        assertTrue(requestId != null);

        FilterLogEventsResponse filtered = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/echo-logs").filterPattern("\"says hello\""));
        assertEquals(2, filtered.events().size());
    }

    /**
     * The stream's messages once the REPORT line is in: as on AWS, an invocation's lines reach
     * CloudWatch Logs shortly after Invoke answered, not necessarily before.
     */
    private static List<String> messagesOnceReported(String group, String stream) {
        return Eventually.await("the REPORT line in " + stream, Duration.ofSeconds(5),
                () -> logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).startFromHead(true))
                        .events().stream().map(OutputLogEvent::message).toList(),
                messages -> messages.stream().anyMatch(m -> m.startsWith("REPORT RequestId: ")));
    }

    @Test
    void methodHandler_readsAndWritesPojos() throws Exception {
        create("greeter", "fn.Greeter::greet", 10, Map.of());
        JsonNode out = json(invoke("greeter", "{\"name\":\"Ann\",\"age\":41}"));
        assertEquals("Hello Ann, next year you are 42", out.path("message").asText());
    }

    @Test
    void staticMethodHandler_takesAndReturnsAJsonString() {
        create("shout", "fn.Greeter::shout", 10, Map.of());
        assertEquals("\"HI THERE\"", invoke("shout", "\"hi there\"").payload().asUtf8String());
    }

    @Test
    void requestStreamHandler_getsThePayloadBytesAndAnswersWithWhatItWrites() {
        create("upper", "fn.Upper", 10, Map.of());
        assertEquals("{\"A\":\"B\"}", invoke("upper", "{\"a\":\"b\"}").payload().asUtf8String());
    }

    @Test
    void apiGatewayProxyEvent_isReadAndAnsweredWithTheEventsLibraryTypes() throws Exception {
        create("api", "fn.Api", 10, Map.of());
        String event = """
                {"resource":"/rooms/{roomId}/messages","path":"/rooms/general/messages","httpMethod":"GET",
                 "headers":{"Accept":"application/json"},"queryStringParameters":{"limit":"20"},
                 "pathParameters":{"roomId":"general"},"requestContext":{"stage":"dev","requestId":"abc"},
                 "body":null,"isBase64Encoded":false}
                """;
        JsonNode out = json(invoke("api", event));
        assertEquals(200, out.path("statusCode").asInt());
        assertEquals("GET /rooms/general/messages room=general limit=20", out.path("body").asText());
        assertEquals("*", out.path("headers").path("Access-Control-Allow-Origin").asText());
    }

    @Test
    void exception_isAnUnhandledFunctionErrorWithTheJavaRuntimesErrorDocument() throws Exception {
        create("boom", "fn.Boom", 10, Map.of());
        JsonNode error = functionError(invoke("boom", "{}"));
        assertEquals("boom", error.path("errorMessage").asText());
        assertEquals("java.lang.IllegalStateException", error.path("errorType").asText());
        assertTrue(error.path("stackTrace").get(0).asText().startsWith("fn.Boom.handleRequest(Boom.java:"), error.toString());
        assertEquals("java.lang.IllegalArgumentException", error.path("cause").path("errorType").asText());
        assertEquals("root cause", error.path("cause").path("errorMessage").asText());
    }

    @Test
    void handlerThatNeverReturns_timesOutWithLambdasMessage_andTheInstanceIsReplaced() throws Exception {
        create("forever", "fn.Forever", 1, Map.of());
        long started = System.nanoTime();
        InvokeResponse response = invoke("forever", "{}");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        JsonNode error = functionError(response);
        assertEquals("Sandbox.Timedout", error.path("errorType").asText());
        assertTrue(error.path("errorMessage").asText().endsWith("Error: Task timed out after 1.00 seconds"), error.toString());
        assertTrue(tookMillis < 15_000, "took " + tookMillis + " ms");
        assertEquals(0, cloud.cloud().services().lambda().runtime().instanceCount("forever"));
    }

    @Test
    void systemExit_isRuntimeExitError_andLocalcloudKeepsRunning() throws Exception {
        create("exit", "fn.Exit", 10, Map.of());
        JsonNode error = functionError(invoke("exit", "{}"));
        assertEquals("Runtime.ExitError", error.path("errorType").asText());
        assertTrue(error.path("errorMessage").asText().endsWith("Error: Runtime exited with error: exit status 3"), error.toString());
        assertEquals("Unhandled", invoke("exit", "{}").functionError());
    }

    @Test
    void initError_answersTheInitError_andTheNextInvokeRetriesInit() throws Exception {
        Path marker = Files.createTempDirectory("init").resolve("tried-once");
        create("init-once", "fn.InitOnceFails", 10, Map.of("MARKER", marker.toString()));

        JsonNode error = functionError(invoke("init-once", "{}"));
        assertEquals("java.lang.IllegalStateException", error.path("errorType").asText());
        assertEquals("cannot connect to the database", error.path("errorMessage").asText());

        InvokeResponse second = invoke("init-once", "{}");
        assertNull(second.functionError());
        assertEquals("\"initialised\"", second.payload().asUtf8String());
    }

    @Test
    void missingHandlerClass_isAnInitErrorNamingTheClass() throws Exception {
        create("no-class", "fn.Nope", 10, Map.of());
        JsonNode error = functionError(invoke("no-class", "{}"));
        assertEquals("java.lang.ClassNotFoundException", error.path("errorType").asText());
        assertEquals("Class not found: fn.Nope", error.path("errorMessage").asText());
    }

    @Test
    void missingHandlerMethod_isAnInitErrorAsTheJavaRuntimeWordsIt() throws Exception {
        create("no-method", "fn.Echo::missing", 10, Map.of());
        JsonNode error = functionError(invoke("no-method", "{}"));
        assertEquals("No public method named missing with appropriate method signature found on class fn.Echo",
                error.path("errorMessage").asText());
    }

    @Test
    void megabytesOfOutput_reachTheLog_andTheTailIsTheLast4KB() {
        create("loud", "fn.Loud", 30, Map.of());
        InvokeResponse response = lambda.invoke(b -> b.functionName("loud").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{}")));

        assertEquals("\"done\"", response.payload().asUtf8String());
        byte[] tail = Base64.getDecoder().decode(response.logResult());
        assertTrue(tail.length <= 4096, "tail of " + tail.length + " bytes");
        assertTrue(new String(tail, StandardCharsets.UTF_8).contains("the last line"));
        FilterLogEventsResponse last = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/loud").filterPattern("\"the last line\""));
        assertEquals(1, last.events().size());
        FilterLogEventsResponse numbered = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/loud").filterPattern("2999"));
        assertEquals(1, numbered.events().size());
    }

    @Test
    void environment_isLambdas_withTheFunctionsVariablesAndTheManagedRuntimesJvmFlags() throws Exception {
        create("env", "fn.Env", 10, Map.of("TABLE_NAME", "ChatMessages"));
        JsonNode env = json(invoke("env", "{}"));

        assertEquals("env", env.path("AWS_LAMBDA_FUNCTION_NAME").asText());
        assertEquals("fn.Env", env.path("_HANDLER").asText());
        assertEquals("ap-northeast-2", env.path("AWS_REGION").asText());
        assertEquals("256", env.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText());
        assertEquals("$LATEST", env.path("AWS_LAMBDA_FUNCTION_VERSION").asText());
        assertEquals("/aws/lambda/env", env.path("AWS_LAMBDA_LOG_GROUP_NAME").asText());
        assertTrue(env.path("AWS_LAMBDA_LOG_STREAM_NAME").asText().contains("[$LATEST]"));
        assertEquals("AWS_Lambda_java21", env.path("AWS_EXECUTION_ENV").asText());
        assertEquals("ChatMessages", env.path("TABLE_NAME").asText());
        assertEquals("http://127.0.0.1:" + cloud.cloud().port(), env.path("AWS_ENDPOINT_URL").asText());
        assertTrue(env.has("AWS_ACCESS_KEY_ID") && env.has("AWS_SECRET_ACCESS_KEY"), env.toString());
        String jvmArgs = env.path("jvm.args").asText();
        assertTrue(jvmArgs.contains("-XX:TieredStopAtLevel=1"), jvmArgs);
        assertTrue(jvmArgs.contains("-Xmx217m"), jvmArgs);
    }

    @Test
    void javaToolOptions_replaceTheManagedRuntimesJitAndGcDefaults_asAwsDocumentsForTuning() throws Exception {
        create("tuned", "fn.Env", 10, Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=4 -XX:+UseParallelGC"));
        String jvmArgs = json(invoke("tuned", "{}")).path("jvm.args").asText();

        assertTrue(jvmArgs.contains("-XX:TieredStopAtLevel=4"), jvmArgs);
        assertTrue(jvmArgs.contains("-XX:+UseParallelGC"), jvmArgs);
        assertFalse(jvmArgs.contains("-XX:TieredStopAtLevel=1"), jvmArgs);
        assertFalse(jvmArgs.contains("-XX:+UseSerialGC"), jvmArgs);
    }

    @Test
    void java25Function_runsOnTheConfiguredJdk25() throws Exception {
        Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        assumeTrue(Files.isDirectory(jdk25), "no JDK 25 on this machine");
        System.setProperty("localcloud.lambda.java25.home", jdk25.toString());
        try {
            lambda.createFunction(b -> b.functionName("env25").runtime("java25").role(ROLE).handler("fn.Env")
                    .code(c -> c.zipFile(zip)));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("env25"));
            JsonNode env = json(invoke("env25", "{}"));
            assertEquals("25", env.path("jvm.version").asText());
            assertEquals("AWS_Lambda_java25", env.path("AWS_EXECUTION_ENV").asText());
        } finally {
            System.clearProperty("localcloud.lambda.java25.home");
        }
    }

    @Test
    void updateFunctionConfiguration_replacesWarmInstances_soTheNextInvokeSeesTheNewSettings() throws Exception {
        create("reconfigured", "fn.Env", 10, Map.of("TABLE_NAME", "old"));
        assertEquals("old", json(invoke("reconfigured", "{}")).path("TABLE_NAME").asText());

        lambda.updateFunctionConfiguration(b -> b.functionName("reconfigured").environment(e -> e.variables(Map.of("TABLE_NAME", "new"))));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("reconfigured"));

        assertEquals("new", json(invoke("reconfigured", "{}")).path("TABLE_NAME").asText());
        assertEquals(1, cloud.cloud().services().lambda().runtime().instanceCount("reconfigured"));
    }

    @Test
    void functionCredentials_areTheRolesSession_andIamHoldsThemToTheRolesPolicies() throws Exception {
        create("env-creds", "fn.Env", 10, Map.of());
        create("target", "fn.Upper", 10, Map.of());
        JsonNode env = json(invoke("env-creds", "{}"));
        assertTrue(env.path("AWS_ACCESS_KEY_ID").asText().startsWith("ASIA"), env.toString());
        assertTrue(env.has("AWS_SESSION_TOKEN"));
        AwsSessionCredentials session = AwsSessionCredentials.create(env.path("AWS_ACCESS_KEY_ID").asText(),
                env.path("AWS_SECRET_ACCESS_KEY").asText(), env.path("AWS_SESSION_TOKEN").asText());
        try (LambdaClient asFunction = cloud.client(LambdaClient.builder()).credentialsProvider(StaticCredentialsProvider.create(session)).build()) {
            LambdaException denied = assertThrows(LambdaException.class,
                    () -> asFunction.invoke(b -> b.functionName("target").payload(SdkBytes.fromUtf8String("\"x\""))));
            assertEquals(403, denied.statusCode());
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertEquals("User: arn:aws:sts::000000000000:assumed-role/chat-lambda-role/env-creds is not authorized to perform: "
                    + "lambda:InvokeFunction on resource: arn:aws:lambda:ap-northeast-2:000000000000:function:target",
                    denied.awsErrorDetails().errorMessage());

            LambdaTesting.allow(cloud, "chat-lambda-role", "lambda:InvokeFunction",
                    "arn:aws:lambda:ap-northeast-2:000000000000:function:target");
            assertEquals("\"X\"", asFunction.invoke(b -> b.functionName("target").payload(SdkBytes.fromUtf8String("\"x\"")))
                    .payload().asUtf8String());
        }
    }

    @Test
    void functionUsingTheUnchangedAwsSdk_reachesLocalDynamoDb_withItsRolesCredentials() throws Exception {
        String source = """
                package fn;
                import com.amazonaws.services.lambda.runtime.*;
                import java.util.Map;
                import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
                public class Put implements RequestHandler<Map<String, String>, String> {
                    private final DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
                    public String handleRequest(Map<String, String> input, Context context) {
                        dynamoDb.putItem(b -> b.tableName(System.getenv("TABLE_NAME")).item(Map.of(
                                "roomId", AttributeValue.fromS("general"), "sortKey", AttributeValue.fromS(input.get("id")))));
                        return "stored";
                    }
                }
                """;
        try (DynamoDbClient dynamoDb = cloud.client(DynamoDbClient.builder()).build();
             IamClient iam = cloud.client(IamClient.builder()).build()) {
            // DynamoDB holds the function's role to its policies: this one may put into the table.
            iam.putRolePolicy(b -> b.roleName("chat-lambda-role").policyName("put-chat-messages").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:PutItem\","
                            + "\"Resource\":\"arn:aws:dynamodb:ap-northeast-2:000000000000:table/ChatMessages\"}]}"));
            dynamoDb.createTable(b -> b.tableName("ChatMessages").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("roomId").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sortKey").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH), k -> k.attributeName("sortKey").keyType(KeyType.RANGE)));
            dynamoDb.waiter().waitUntilTableExists(b -> b.tableName("ChatMessages"),
                    o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(50))));
            SdkBytes sdkZip = SdkBytes.fromByteArray(HandlerPackages.zipBytes(Map.of("fn.Put", source), HandlerPackages.sdkJars()));
            lambda.createFunction(b -> b.functionName("put").runtime("java21").role(ROLE).handler("fn.Put").timeout(60)
                    .memorySize(512).environment(e -> e.variables(Map.of("TABLE_NAME", "ChatMessages"))).code(c -> c.zipFile(sdkZip)));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("put"));

            InvokeResponse response = invoke("put", "{\"id\":\"m1\"}");
            assertNull(response.functionError(), response.payload().asUtf8String());
            assertEquals("\"stored\"", response.payload().asUtf8String());
            assertEquals(1, dynamoDb.scan(b -> b.tableName("ChatMessages")).count());
        }
    }

    /**
     * Three invokes that each last until all three are running at once (fn.Gathering): one
     * instance can take only one of them at a time, so three start, however long a start takes
     * on a loaded machine (a handler that slept 1.5 s let the first instance free itself before
     * a slow second start, and two instances served the three). A fourth invoke reuses a warm one.
     */
    @Test
    void parallelInvokes_startMoreInstances_andWarmOnesAreReused(@TempDir Path gathering) throws Exception {
        create("gathering", "fn.Gathering", 60, Map.of("GATHERING_DIR", gathering.toString(), "GATHERING_COUNT", "3"));
        Set<String> streams = new HashSet<>(invokeAtOnce("gathering", 3));

        assertEquals(3, streams.size(), streams.toString());
        assertTrue(streams.contains(invoke("gathering", "{}").payload().asUtf8String()));
        assertEquals(3, cloud.cloud().services().lambda().runtime().instanceCount("gathering"));
    }

    @Test
    void aBurstOnAColdFunction_startsOneInstanceAtATime_andTheWaitingInvokesTakeTheFirstFreeOne() throws Exception {
        create("burst", "fn.Echo", 10, Map.of());
        for (String answer : invokeAtOnce("burst", 8)) {
            assertTrue(answer.contains("requestId"), answer);
        }

        int instances = cloud.cloud().services().lambda().runtime().instanceCount("burst");
        assertTrue(instances <= 3, "8 quick invokes at once started " + instances + " instances");
    }

    /** The payloads of {@code count} invokes of {@code function} made at the same time. */
    private static List<String> invokeAtOnce(String function, int count) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(count);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                answers.add(callers.submit(() -> invoke(function, "{}").payload().asUtf8String()));
            }
            List<String> payloads = new ArrayList<>();
            for (Future<String> answer : answers) {
                payloads.add(answer.get());
            }
            return payloads;
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void eventAndDryRunInvocations_answer202And204() {
        create("echo-async", "fn.Echo", 10, Map.of());
        assertEquals(202, lambda.invoke(b -> b.functionName("echo-async").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{}"))).statusCode());
        assertEquals(204, lambda.invoke(b -> b.functionName("echo-async").invocationType(InvocationType.DRY_RUN)).statusCode());
    }
}
