package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.localcloud.testing.Eventually;
import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * With real function JVMs: the unpacked code of a revision a function no longer runs is freed
 * while the cloud runs, once the last JVM that ran from it has exited (a recorder of its class
 * archive included, which is killed rather than left to record an archive no one would read);
 * the code a function runs now keeps its directory when its instances end. Each code revision's
 * directory is 110-150 MB for the chat.
 */
class OldCodeDirectoriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static TestCloud cloud;
    static LambdaClient lambda;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        lambda = cloud.client(LambdaClient.builder()).build();
        LambdaTesting.createLambdaRole(cloud, "chat-lambda-role");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void updateFunctionCode_oldInstanceEnded_freesTheOldCodesDirectory_andKeepsTheNewOne() throws Exception {
        create("moved");
        JsonNode first = invoke("moved");
        Path old = Path.of(first.path("LAMBDA_TASK_ROOT").asText());

        lambda.updateFunctionCode(b -> b.functionName("moved").zipFile(codeWith("fn.Added")));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("moved"));
        assertTrue(Files.isDirectory(old), "the old code's instance still runs from its directory");
        JsonNode second = invoke("moved"); // the old instance is stopped, not reused
        Path current = Path.of(second.path("LAMBDA_TASK_ROOT").asText());

        assertNotEquals(old, current);
        awaitExit(first);
        Eventually.await("the old code's directory freed", PATIENCE, () -> !Files.exists(old));
        assertTrue(Files.isDirectory(current), "the new code's directory is there");
        assertEquals(second.path("jvm.pid").asText(), invoke("moved").path("jvm.pid").asText(), "the new instance still runs");
    }

    @Test
    void deleteFunction_freesItsDirectory_onceItsInstanceEnded() throws Exception {
        create("removed");
        JsonNode env = invoke("removed");
        Path directory = Path.of(env.path("LAMBDA_TASK_ROOT").asText());

        lambda.deleteFunction(b -> b.functionName("removed"));

        awaitExit(env);
        Eventually.await("the deleted function's directory freed", PATIENCE, () -> !Files.exists(directory));
    }

    @Test
    void aConfigurationChange_endsTheOldInstance_butKeepsTheCodesDirectory() throws Exception {
        create("reconfigured");
        JsonNode first = invoke("reconfigured");
        Path directory = Path.of(first.path("LAMBDA_TASK_ROOT").asText());

        lambda.updateFunctionConfiguration(b -> b.functionName("reconfigured").description("same code"));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("reconfigured"));
        JsonNode second = invoke("reconfigured");
        awaitExit(first);

        assertNotEquals(first.path("jvm.pid").asText(), second.path("jvm.pid").asText(), "a new instance for the new configuration");
        assertEquals(directory.toString(), second.path("LAMBDA_TASK_ROOT").asText());
        assertTrue(Files.isDirectory(directory), "the code the function runs keeps its directory");
    }

    private static void create(String name) {
        lambda.createFunction(b -> b.functionName(name).runtime("java21").role(LambdaExecutionTest.ROLE).handler("fn.Env")
                .timeout(30).memorySize(256).code(c -> c.zipFile(codeWith("fn.Original"))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    /** The test handlers and one class of their own: a package no other test's function has. */
    private static SdkBytes codeWith(String extraClass) {
        Map<String, String> sources = new HashMap<>(TestHandlers.all());
        String simpleName = extraClass.substring(extraClass.indexOf('.') + 1);
        sources.put(extraClass, "package fn; public class " + simpleName + " { }");
        return HandlerPackages.zip(sources);
    }

    private static JsonNode invoke(String name) throws Exception {
        return JSON.readTree(lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String());
    }

    /** Waits until the instance that answered {@code env} has exited (a recorder of code still run records its archive first). */
    private static void awaitExit(JsonNode env) {
        long pid = Long.parseLong(env.path("jvm.pid").asText());
        Eventually.await("instance " + pid + " ended", PATIENCE, () -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
    }
}
