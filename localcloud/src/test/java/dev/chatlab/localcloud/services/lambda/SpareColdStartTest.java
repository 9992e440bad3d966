package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.localcloud.testing.Eventually;
import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Cold starts that take a JVM started ahead for the function's revision (SpareInstances): the
 * function sees its own environment and credentials, its init phase runs ahead (Lambda's proactive
 * initialization) and the log reports it as Lambda does, and a spare never serves another function
 * or a newer revision.
 */
class SpareColdStartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static TestCloud cloud;
    static LambdaClient lambda;
    static CloudWatchLogsClient logs;
    static SdkBytes zip;

    @BeforeAll
    static void start() {
        // spares of new code wait for its class archive, which the first instance records after the pause
        cloud = TestCloud.startWithLambdaSettings(Map.of("localcloud.lambda.spareInstances", "true",
                "localcloud.lambda.archivePauseSeconds", "1"));
        lambda = cloud.client(LambdaClient.builder()).build();
        logs = cloud.client(CloudWatchLogsClient.builder()).build();
        zip = HandlerPackages.zip(TestHandlers.all());
        LambdaTesting.createLambdaRole(cloud, "chat-lambda-role");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void aColdStart_takesTheJvmStartedForItsRevision_withItsEnvironment_andReportsItsInitDuration() throws Exception {
        create("spare-env", Map.of("TABLE_NAME", "ChatMessages"));
        long spare = spareAfterFirstRun("spare-env", Map.of("TABLE_NAME", "ChatMessages"));

        InvokeResponse response = lambda.invoke(b -> b.functionName("spare-env").logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{}")));
        JsonNode env = JSON.readTree(response.payload().asUtf8String());

        assertEquals(String.valueOf(spare), env.path("jvm.pid").asText(), "the spare became the instance");
        assertEquals("spare-env", env.path("AWS_LAMBDA_FUNCTION_NAME").asText());
        assertEquals("ChatMessages", env.path("TABLE_NAME").asText());
        assertTrue(env.has("AWS_ACCESS_KEY_ID") && env.has("AWS_SECRET_ACCESS_KEY") && env.has("AWS_LAMBDA_RUNTIME_API"), env.toString());
        String tail = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        assertTrue(tail.contains("Init Duration: "), tail);
    }

    @Test
    void aSpare_neverServesAnotherFunction() throws Exception {
        create("spare-a", Map.of());
        create("spare-b", Map.of());
        long spareOfA = spareAfterFirstRun("spare-a", Map.of());
        long spareOfB = spareAfterFirstRun("spare-b", Map.of());

        JsonNode env = invoke("spare-b");

        assertEquals("spare-b", env.path("AWS_LAMBDA_FUNCTION_NAME").asText());
        assertEquals(String.valueOf(spareOfB), env.path("jvm.pid").asText());
        assertEquals(Optional.of(spareOfA), runtimeSparePid("spare-a"), "spare-a's spare still waits for spare-a");
    }

    @Test
    void aSpare_neverServesANewCodeRevision_andIsStoppedWhenTheCodeChanges() throws Exception {
        create("spare-code", Map.of());
        long oldSpare = spareAfterFirstRun("spare-code", Map.of());
        Map<String, String> newCode = new HashMap<>(TestHandlers.all());
        newCode.put("fn.Added", "package fn; public class Added { }");

        assertNotServedAfter("spare-code", oldSpare,
                () -> lambda.updateFunctionCode(b -> b.functionName("spare-code").zipFile(HandlerPackages.zip(newCode))));
    }

    @Test
    void afterAConfigurationChange_theNewRevisionsSpareServes_withTheNewSettings() throws Exception {
        create("spare-config", Map.of("TABLE_NAME", "old"));
        long oldSpare = spareAfterFirstRun("spare-config", Map.of("TABLE_NAME", "old"));

        lambda.updateFunctionConfiguration(b -> b.functionName("spare-config").environment(e -> e.variables(Map.of("TABLE_NAME", "new"))));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("spare-config"));
        long newSpare = awaitSpare("spare-config", oldSpare);
        JsonNode env = invoke("spare-config");

        assertEquals("new", env.path("TABLE_NAME").asText());
        assertEquals(String.valueOf(newSpare), env.path("jvm.pid").asText());
        assertFalse(ProcessHandle.of(oldSpare).map(ProcessHandle::isAlive).orElse(false), "the old revision's spare still runs");
    }

    @Test
    void aSparesInitRunsAhead_andItsFirstReportGivesTheInitsOwnDuration_notTheWaitForTheInvoke() throws Exception {
        create("spare-ahead", "fn.InitAhead", Map.of());
        long spare = spareAfterFirstRun("spare-ahead", Map.of());
        FilteredLogEvent constructed = Eventually.await("the spare's init output in its log", PATIENCE,
                () -> events("spare-ahead", "\"constructed at\""), found -> found.size() == 2).get(1);
        FilteredLogEvent initStart = events("spare-ahead", "INIT_START").stream()
                .filter(event -> event.logStreamName().equals(constructed.logStreamName())).findFirst().orElseThrow();
        Thread.sleep(3_000);

        long sentAt = System.currentTimeMillis();
        InvokeResponse response = lambda.invoke(b -> b.functionName("spare-ahead").logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{}")));
        JsonNode answer = JSON.readTree(response.payload().asUtf8String());

        assertEquals(String.valueOf(spare), answer.path("jvm.pid").asText(), "the spare became the instance");
        assertTrue(answer.path("constructedAt").asLong() < sentAt, "the handler was constructed when the invoke came, not before: " + answer);
        String tail = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        Matcher initDuration = Pattern.compile("Init Duration: ([0-9.]+) ms").matcher(tail);
        assertTrue(initDuration.find(), tail);
        double initMillis = Double.parseDouble(initDuration.group(1));
        long initStartToConstructed = constructed.timestamp() - initStart.timestamp();
        // from the hand-off to the init's end, about INIT_START to the constructor's line; not to the invoke, 3 s later
        assertTrue(initMillis < initStartToConstructed + 1_500, "Init Duration " + initMillis + " ms, the init took " + initStartToConstructed + " ms");
    }

    @Test
    void aSpareInitializedAhead_neverServesTheNextRevision_andIsStoppedByTheChange() throws Exception {
        create("spare-ahead-config", "fn.InitAhead", Map.of());
        long initialized = spareAfterFirstRun("spare-ahead-config", Map.of());
        Eventually.await("the spare's init output in its log", PATIENCE,
                () -> events("spare-ahead-config", "\"constructed at\""), found -> found.size() == 2);

        assertNotServedAfter("spare-ahead-config", initialized, () -> lambda.updateFunctionConfiguration(
                b -> b.functionName("spare-ahead-config").environment(e -> e.variables(Map.of("DEPLOYMENT", "3")))));
    }

    @Test
    void aSpareWhoseInitFailsAhead_isStopped_andTheColdStartReportsTheInitErrorAsBefore() throws Exception {
        create("spare-fails", "fn.InitAhead", Map.of());
        invoke("spare-fails");
        lambda.updateFunctionConfiguration(b -> b.functionName("spare-fails").environment(e -> e.variables(Map.of("FAIL_INIT", "yes"))));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("spare-fails"));
        Eventually.await("the spare's init error in the function's log", PATIENCE,
                () -> events("spare-fails", "\"the init failed, as asked\""), found -> !found.isEmpty());
        Eventually.await("the failed spare stopped", PATIENCE, () -> runtimeSparePid("spare-fails"), Optional::isEmpty);

        InvokeResponse response = lambda.invoke(b -> b.functionName("spare-fails").payload(SdkBytes.fromUtf8String("{}")));

        assertEquals("Unhandled", response.functionError());
        JsonNode error = JSON.readTree(response.payload().asUtf8String());
        assertEquals("java.lang.IllegalStateException", error.path("errorType").asText());
        assertEquals("the init failed, as asked", error.path("errorMessage").asText());
    }

    @Test
    void noSpareBoots_whileAColdStartsFirstRequestRuns_butOnlyForItsFirstSeconds() throws Exception {
        create("gate-other", Map.of());
        long oldSpare = spareAfterFirstRun("gate-other", Map.of());
        lambda.createFunction(b -> b.functionName("gate-busy").runtime("java21").role(LambdaExecutionTest.ROLE).handler("fn.Forever")
                .timeout(20).memorySize(256).code(c -> c.zipFile(zip)));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("gate-busy"));
        CompletableFuture<InvokeResponse> busy = CompletableFuture.supplyAsync(
                () -> lambda.invoke(b -> b.functionName("gate-busy").payload(SdkBytes.fromUtf8String("{}"))));
        Eventually.await("gate-busy's first request running", PATIENCE, () -> eventsOnceLogged("gate-busy", "\"going to sleep\""),
                found -> !found.isEmpty());

        lambda.updateFunctionConfiguration(b -> b.functionName("gate-other").environment(e -> e.variables(Map.of("DEPLOYMENT", "3"))));
        Thread.sleep(1_000);
        Optional<Long> duringFirstRequest = runtimeSparePid("gate-other");
        long newSpare = awaitSpare("gate-other", oldSpare);

        assertTrue(duringFirstRequest.isEmpty() || duringFirstRequest.get() == oldSpare,
                "a spare booted beside a cold start's first request: " + duringFirstRequest);
        assertFalse(busy.isDone(), "the spare waited for the busy function's whole invocation, not only its first seconds");
        assertNotEquals(oldSpare, newSpare);
    }

    private static void create(String name, Map<String, String> environment) {
        create(name, "fn.Env", environment);
    }

    private static void create(String name, String handler, Map<String, String> environment) {
        lambda.createFunction(b -> b.functionName(name).runtime("java21").role(LambdaExecutionTest.ROLE).handler(handler)
                .timeout(30).memorySize(256).environment(e -> e.variables(environment)).code(c -> c.zipFile(zip)));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    /**
     * The state in which a spare waits for a function: its code has run once (on demand: that
     * first instance records the code's class archive, where localcloud runs from jars), and its
     * configuration has changed since (an unchanged redeploy), so no instance runs its revision.
     */
    private static long spareAfterFirstRun(String name, Map<String, String> environment) throws Exception {
        invoke(name);
        Map<String, String> redeployed = new HashMap<>(environment);
        redeployed.put("DEPLOYMENT", "2");
        lambda.updateFunctionConfiguration(b -> b.functionName(name).environment(e -> e.variables(redeployed)));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));
        return awaitSpare(name, -1);
    }

    private static JsonNode invoke(String name) throws Exception {
        return JSON.readTree(lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String());
    }

    /** After {@code change} (a new revision of the function), its next invoke is not served by the JVM {@code spare}, which ends. */
    private static void assertNotServedAfter(String function, long spare, Runnable change) throws Exception {
        change.run();
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(function));
        JsonNode answer = invoke(function);

        assertNotEquals(String.valueOf(spare), answer.path("jvm.pid").asText(), "the old revision's spare served the new one");
        assertTrue(awaitEnded(spare), "the old revision's spare still runs");
    }

    private static List<FilteredLogEvent> events(String function, String pattern) {
        return logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/" + function).filterPattern(pattern)).events();
    }

    /** The events, none while the function's log group does not exist yet (its first instance creates it). */
    private static List<FilteredLogEvent> eventsOnceLogged(String function, String pattern) {
        try {
            return events(function, pattern);
        } catch (ResourceNotFoundException notYet) {
            return List.of();
        }
    }

    private static Optional<Long> runtimeSparePid(String function) {
        return cloud.cloud().services().lambda().runtime().sparePid(function);
    }

    /** The pid of the function's spare once one other than {@code not} waits. */
    private static long awaitSpare(String function, long not) {
        return Eventually.await("a spare JVM for " + function + " other than " + not, PATIENCE,
                () -> runtimeSparePid(function), pid -> pid.isPresent() && pid.get() != not).orElseThrow();
    }

    /** Whether the process {@code pid} ended within the patience (its exit, not a poll). */
    private static boolean awaitEnded(long pid) throws InterruptedException, ExecutionException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return true;
        }
        try {
            process.get().onExit().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
