package dev.chatlab.cli.mistakes;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.labkit.ErrorHints;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Names;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;

/**
 * Step 6's mistakes, made as a console user makes them (SDK calls on the complete lab): each
 * makes the step's check fail first on the check about it, with the hint that fixes it, and
 * the check passes again once it is undone.
 */
class Step6MistakesTest {

    static MistakeLab mistakes;
    static Lab lab;
    static Names names;
    static LambdaClient lambda;

    @BeforeAll
    static void lab() {
        mistakes = MistakeLab.shared();
        lab = mistakes.lab();
        names = lab.names();
        lambda = lab.client(LambdaClient.builder());
    }

    @Test
    void wrongHandler_failsOnThatFunctionsCheck_namingTheRightHandler() {
        withConfiguration(names.disconnectFunction(), b -> b.handler("dev.chatlab.chat.DisconectHandler::handleRequest"),
                () -> mistakes.assertFailsFirstOn(6, names.disconnectFunction() + " is Active with handler", "dev.chatlab.chat.DisconnectHandler::handleRequest"));
    }

    @Test
    void lambdasDefaultTimeout_failsOnSizing_sayingWhyJavaNeedsMore() {
        withConfiguration(names.sendMessageFunction(), b -> b.timeout(3),
                () -> mistakes.assertFailsFirstOn(6, "at least 512 MB and a 10 s timeout", "timeout is 3 s: a Java cold start"));
    }

    @Test
    void lambdasDefaultMemory_failsOnSizing_sayingWhyJavaNeedsMore() {
        withConfiguration(names.connectFunction(), b -> b.memorySize(128),
                () -> mistakes.assertFailsFirstOn(6, "at least 512 MB and a 10 s timeout", "CPU in proportion to memory"));
    }

    @Test
    void deprecatedRuntime_isRefusedByLambda_withTheHintToUseJava21() {
        InvalidParameterValueException refused = assertThrows(InvalidParameterValueException.class,
                () -> lambda.updateFunctionConfiguration(b -> b.functionName(names.getMessagesFunction()).runtime("java17")));
        assertTrue(ErrorHints.hintFor(refused).orElseThrow().en().contains("java21"), refused.getMessage());
    }

    @Test
    void environmentNamingMissingTable_failsOnEnvironment() {
        withEnvironment(names.sendMessageFunction(), Map.of("USERS_TABLE", "ChatUser"),
                () -> mistakes.assertFailsFirstOn(6, "environment names the tables", "a table that does not exist: it must be " + names.usersTable()));
    }

    /** The seed's name without the prefix: in a class's shared account, a table that may well exist, and be a classmate's. */
    @Test
    void environmentNamingAnotherLabsTable_failsOnEnvironment() {
        DynamoDbClient dynamo = mistakes.lab().client(DynamoDbClient.builder());
        String classmates = "chat-classmate-ChatUsers";
        dynamo.createTable(b -> b.tableName(classmates).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("roomId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH)));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(classmates));
        try {
            withEnvironment(names.sendMessageFunction(), Map.of("USERS_TABLE", classmates),
                    () -> mistakes.assertFailsFirstOn(6, "environment names the tables", "a table that is not this lab's (in a shared account perhaps another student's)"));
        } finally {
            dynamo.deleteTable(b -> b.tableName(classmates));
        }
    }

    @Test
    void callbackUrlOfTheWrongForm_failsOnEnvironment_withTheFixOfEachForm() {
        String right = environment(names.sendMessageFunction()).get("WEBSOCKET_CALLBACK_URL");
        String webSocketScheme = right.replaceFirst("^https://", "wss://").replaceFirst("^http://", "ws://");
        String restApiId = mistakes.lab().client(ApiGatewayClient.builder())
                .getRestApis(b -> b.limit(500)).items().stream().filter(a -> a.name().equals(names.restApi())).findFirst().orElseThrow().id();
        String wsApiId = webSocketApi().apiId();
        Map<String, String> forms = Map.of(
                webSocketScheme, "management API (@connections) is HTTP",
                right.replace(wsApiId, "nosuchapi0"), "an API that does not exist",
                right.replace(wsApiId, restApiId), "names the REST API",
                right.replaceFirst("/" + names.stage() + "$", ""), "lacks the stage");
        forms.forEach((url, hint) -> withEnvironment(names.sendMessageFunction(), Map.of("WEBSOCKET_CALLBACK_URL", url),
                () -> mistakes.assertFailsFirstOn(6, "environment names the tables", hint)));
    }

    @Test
    void noInvokePermission_failsOnThePermission() {
        String function = names.getMessagesFunction();
        List<Statement> saved = apiGatewayStatements(function);
        saved.forEach(s -> lambda.removePermission(b -> b.functionName(function).statementId(s.sid())));
        try {
            mistakes.assertFailsFirstOn(6, "API Gateway may invoke each function", "no permission for apigateway.amazonaws.com");
        } finally {
            restore(function, saved, List.of());
        }
        mistakes.assertPasses(6);
    }

    @Test
    void permissionForAnotherApi_failsOnThePermission_namingTheRightSourceArn() {
        String function = names.connectFunction();
        List<Statement> saved = apiGatewayStatements(function);
        saved.forEach(s -> lambda.removePermission(b -> b.functionName(function).statementId(s.sid())));
        String otherApi = saved.get(0).sourceArn().replace(webSocketApi().apiId(), "otherapi01");
        lambda.addPermission(b -> b.functionName(function).statementId("other-api").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn(otherApi));
        try {
            mistakes.assertFailsFirstOn(6, "API Gateway may invoke each function", "does not cover this API's calls");
        } finally {
            restore(function, saved, List.of("other-api"));
        }
        mistakes.assertPasses(6);
    }

    @Test
    void newRouteWithoutADeployment_failsOnTheStage_askingToDeploy() {
        ApiGatewayV2Client webSocket = lab.client(ApiGatewayV2Client.builder());
        String apiId = webSocketApi().apiId();
        Route send = webSocket.getRoutes(b -> b.apiId(apiId)).items().stream().filter(r -> r.routeKey().equals("sendMessage")).findFirst().orElseThrow();
        String routeId = webSocket.createRoute(b -> b.apiId(apiId).routeKey("typing").target(send.target())).routeId();
        try {
            mistakes.assertFailsFirstOn(6, "serves the current routes and integrations", "older than the route typing. Deploy both APIs");
        } finally {
            webSocket.deleteRoute(b -> b.apiId(apiId).routeId(routeId));
        }
        mistakes.assertPasses(6);
    }

    /**
     * The send function as a student might write fanOut: one post after another, no catch. The
     * first gone connection ends the broadcast; nobody deletes its row.
     */
    @Test
    void broadcastStoppingAtAGoneConnection_failsOnTheGoneCheck(@TempDir Path work) throws Exception {
        String function = names.sendMessageFunction();
        Path jar = lab.settings().projectRoot().resolve("solutions/step6-lambdas/target/chat-functions-0.1.0.jar");
        byte[] right = Files.readAllBytes(jar);
        byte[] broken = withBrokenFanOut(work, right, """
                        for (String connectionId : connectionIds) {
                            connections.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(frame)));
                        }
                        return List.of();
                """);
        updateCode(function, broken);
        try {
            mistakes.assertFailsFirstOn(6, "deletes a gone connection (410)", "fanOut must catch GoneException");
        } finally {
            updateCode(function, right);
        }
        mistakes.assertPasses(6);
    }

    /** Item 7: the step run again puts back what a console user broke, and its check passes. */
    @Test
    void runningTheStepAgain_repairsHandlerTimeoutMemoryEnvironmentAndPermission() {
        String function = names.sendMessageFunction();
        Map<String, String> environment = new HashMap<>(environment(function));
        environment.put("USERS_TABLE", "ChatUser");
        lambda.updateFunctionConfiguration(b -> b.functionName(function).handler("dev.chatlab.chat.SendHandler::handleRequest")
                .timeout(3).memorySize(128).environment(e -> e.variables(environment)));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(function));
        List<Statement> saved = apiGatewayStatements(function);
        saved.forEach(s -> lambda.removePermission(b -> b.functionName(function).statementId(s.sid())));
        lambda.addPermission(b -> b.functionName(function).statementId("other-api").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn(saved.get(0).sourceArn().replace(webSocketApi().apiId(), "otherapi01")));
        mistakes.assertFailsFirstOn(6, names.sendMessageFunction() + " is Active with handler", "SendMessageHandler");

        assertTrue(mistakes.lab("step", "6", "--solution") == 0, "step 6 run again should repair and pass");

        GetFunctionConfigurationResponse repaired = lambda.getFunctionConfiguration(b -> b.functionName(function));
        assertTrue(repaired.handler().equals("dev.chatlab.chat.SendMessageHandler::handleRequest") && repaired.timeout() == 15
                && repaired.memorySize() == 512 && names.usersTable().equals(repaired.environment().variables().get("USERS_TABLE")), repaired.toString());
        assertTrue(apiGatewayStatements(function).stream().noneMatch(s -> s.sid().equals("other-api")));
        mistakes.assertPasses(6);
    }

    // ---- making and undoing mistakes

    private record Statement(String sid, String sourceArn) {
    }

    private static Api webSocketApi() {
        return lab.client(ApiGatewayV2Client.builder()).getApis(b -> b.maxResults("500")).items().stream()
                .filter(a -> a.name().equals(names.webSocketApi())).findFirst().orElseThrow();
    }

    private static List<Statement> apiGatewayStatements(String function) {
        try {
            var policy = new ObjectMapper().readTree(lambda.getPolicy(b -> b.functionName(function)).policy());
            return StreamSupport.stream(policy.path("Statement").spliterator(), false)
                    .filter(s -> s.path("Principal").path("Service").asText().equals("apigateway.amazonaws.com"))
                    .map(s -> new Statement(s.path("Sid").asText(), s.path("Condition").path("ArnLike").path("AWS:SourceArn").asText()))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void restore(String function, List<Statement> saved, List<String> added) {
        added.forEach(sid -> lambda.removePermission(b -> b.functionName(function).statementId(sid)));
        saved.forEach(s -> lambda.addPermission(b -> b.functionName(function).statementId(s.sid()).action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn(s.sourceArn())));
    }

    private static Map<String, String> environment(String function) {
        return lambda.getFunctionConfiguration(b -> b.functionName(function)).environment().variables();
    }

    /** Changes some environment variables of {@code function}, runs {@code assertion}, restores them and asserts step 6 passes again. */
    private static void withEnvironment(String function, Map<String, String> changes, Runnable assertion) {
        mistakes.withFunctionEnvironment(function, changes, assertion);
        mistakes.assertPasses(6);
    }

    /** Changes {@code function}'s configuration as the console does, runs {@code assertion}, puts the old one back, asserts step 6 passes again. */
    private static void withConfiguration(String function, Consumer<UpdateFunctionConfigurationRequest.Builder> mistake, Runnable assertion) {
        mistakes.withFunctionConfiguration(function, mistake, assertion);
        mistakes.assertPasses(6);
    }

    private static void updateCode(String function, byte[] jar) {
        lambda.updateFunctionCode(b -> b.functionName(function).zipFile(SdkBytes.fromByteArray(jar)));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(function));
    }

    /**
     * The functions' jar with SendMessageHandler recompiled from the solution's source, its
     * fanOut solution replaced by {@code body}, built in {@code work}.
     */
    private static byte[] withBrokenFanOut(Path work, byte[] jar, String body) throws IOException {
        Path jarFile = Files.write(work.resolve("functions.jar"), jar);
        String source = Files.readString(lab.settings().projectRoot().resolve(
                "solutions/step6-lambdas/src/main/java/dev/chatlab/chat/SendMessageHandler.java"));
        int begin = source.indexOf("// BEGIN SOLUTION", source.indexOf("List<Delivery> fanOut("));
        int end = source.indexOf("// END SOLUTION", begin);
        Path file = Files.createDirectories(work.resolve("src/dev/chatlab/chat")).resolve("SendMessageHandler.java");
        Files.writeString(file, source.substring(0, begin) + body + source.substring(end));
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            boolean ok = javac.getTask(errors, files, null, List.of("--release", "17", "-proc:none", "-classpath", jarFile.toString(),
                    "-d", classes.toString()), null, files.getJavaFileObjectsFromPaths(List.of(file))).call();
            assertTrue(ok, errors.toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (!entry.getName().startsWith("dev/chatlab/chat/SendMessageHandler")) {
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(zip);
                    zip.closeEntry();
                }
            }
            try (var compiled = Files.walk(classes)) {
                for (Path cls : compiled.filter(Files::isRegularFile).toList()) {
                    zip.putNextEntry(new ZipEntry(classes.relativize(cls).toString().replace('\\', '/')));
                    Files.copy(cls, zip);
                    zip.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }
}
