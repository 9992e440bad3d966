package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * One function (the prober) tries to read what belongs to another (the neighbour) and to
 * localcloud: the other's code, the state file, the other instance's credentials and Runtime API
 * address. It runs the unchanged AWS SDK and answers with what it could read. What the trust
 * model in localcloud's README promises between functions of one user account, checked from inside.
 */
class FunctionIsolationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The prober: every attempt answers what it read, or "refused: <exception>". */
    private static final String PROBE = """
            package fn;
            import com.amazonaws.services.lambda.runtime.*;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.*;
            import java.util.*;
            import java.util.stream.*;
            import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
            import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
            import software.amazon.awssdk.services.sts.StsClient;
            public class Probe implements RequestHandler<Map<String, String>, Map<String, Object>> {
                interface Attempt { Object run() throws Exception; }
                static Object attempt(Attempt attempt) {
                    try { return attempt.run(); } catch (Exception e) { return "refused: " + e.getClass().getSimpleName(); }
                }
                static String list(Path directory) throws Exception {
                    try (Stream<Path> entries = Files.list(directory)) {
                        return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(","));
                    }
                }
                public Map<String, Object> handleRequest(Map<String, String> input, Context context) {
                    Map<String, Object> out = new TreeMap<>();
                    Path own = Paths.get(System.getenv("LAMBDA_TASK_ROOT"));
                    out.put("ownCode", attempt(() -> Files.readAllBytes(own.resolve("fn/Probe.class")).length > 0 ? "read" : "empty"));
                    out.put("ownWorkingDirectory", attempt(() -> Files.isSameFile(own, Paths.get("").toAbsolutePath()) ? "is its code" : "elsewhere"));
                    out.put("codeParentListing", attempt(() -> list(own.getParent())));
                    for (String guess : input.get("guesses").split(",")) {
                        out.put("guess " + guess, attempt(() -> list(own.getParent().resolve(guess))));
                        out.put("guess " + guess + "/fn/Env.class",
                                attempt(() -> Files.readAllBytes(own.getParent().resolve(guess).resolve("fn/Env.class")).length + " bytes"));
                    }
                    out.put("stateFile", attempt(() -> Files.readAllBytes(Paths.get(input.get("dataDirectory"), "state.mv.db")).length + " bytes"));
                    List<String> needles = new ArrayList<>(Arrays.asList(input.get("needles").split(",")));
                    needles.add(System.getenv("AWS_SECRET_ACCESS_KEY"));
                    needles.add(System.getenv("AWS_SESSION_TOKEN"));
                    List<String> found = new ArrayList<>();
                    int readable = 0;
                    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
                        for (Path process : processes) {
                            for (String file : List.of("environ", "cmdline")) {
                                try {
                                    String text = new String(Files.readAllBytes(process.resolve(file)), StandardCharsets.UTF_8);
                                    readable++;
                                    for (String needle : needles) {
                                        if (text.contains(needle)) {
                                            found.add(process.getFileName() + "/" + file + " has " + needle.substring(0, 8));
                                        }
                                    }
                                } catch (Exception gone) {
                                }
                            }
                        }
                    } catch (Exception noProc) {
                        out.put("proc", "none");
                    }
                    out.put("procFilesRead", readable);
                    out.put("secretsFoundInProc", found);
                    out.put("envKey", System.getenv("AWS_ACCESS_KEY_ID"));
                    out.put("propertyKey", System.getProperty("aws.accessKeyId"));
                    out.put("defaultChainKey", DefaultCredentialsProvider.builder().build().resolveCredentials().accessKeyId());
                    try (StsClient sts = StsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                        out.put("callerArn", sts.getCallerIdentity().arn());
                    }
                    return out;
                }
            }
            """;

    @TempDir
    static Path data;

    static TestCloud cloud;
    static JsonNode neighbour;
    static String neighbourCodeHex;
    static JsonNode probe;

    @BeforeAll
    static void start() throws Exception {
        cloud = TestCloud.start(LocalCloudConfig.forTests().withDataDirectory(data));
        LambdaClient lambda = cloud.client(LambdaClient.builder()).build();
        LambdaTesting.createLambdaRole(cloud, "chat-lambda-role");
        lambda.createFunction(b -> b.functionName("neighbour").runtime("java21").role(LambdaExecutionTest.ROLE).handler("fn.Env")
                .code(c -> c.zipFile(HandlerPackages.zip(Map.of("fn.Env", TestHandlers.all().get("fn.Env"))))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("neighbour"));
        neighbour = json(lambda.invoke(b -> b.functionName("neighbour").payload(SdkBytes.fromUtf8String("{}"))));
        neighbourCodeHex = HexFormat.of().formatHex(Base64.getDecoder().decode(
                lambda.getFunction(b -> b.functionName("neighbour")).configuration().codeSha256()));

        SdkBytes probeZip = SdkBytes.fromByteArray(HandlerPackages.zipBytes(Map.of("fn.Probe", PROBE), HandlerPackages.sdkJars()));
        lambda.createFunction(b -> b.functionName("prober").runtime("java21").role(LambdaExecutionTest.ROLE).handler("fn.Probe")
                .timeout(60).memorySize(512).code(c -> c.zipFile(probeZip)));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("prober"));
        String runtimeApi = neighbour.path("AWS_LAMBDA_RUNTIME_API").asText();
        Map<String, String> event = Map.of(
                // where the neighbour's code would be if its directory were named after its package or the function
                "guesses", neighbourCodeHex + ",neighbour",
                "dataDirectory", data.toAbsolutePath().toString(),
                "needles", String.join(",", neighbour.path("AWS_SECRET_ACCESS_KEY").asText(),
                        neighbour.path("AWS_SESSION_TOKEN").asText(), runtimeApi.substring(runtimeApi.lastIndexOf('/') + 1)));
        SdkBytes payload = SdkBytes.fromUtf8String(JSON.writeValueAsString(event));
        InvokeResponse answer = lambda.invoke(b -> b.functionName("prober").payload(payload));
        assertNull(answer.functionError(), answer.payload().asUtf8String());
        probe = json(answer);
        // the neighbour's instance still runs while the prober looks for it
        assertEquals(1, cloud.cloud().services().lambda().runtime().instanceCount("neighbour"));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static JsonNode json(InvokeResponse response) throws Exception {
        return JSON.readTree(response.payload().asUtf8String());
    }

    /** True where file permissions hold a process back: POSIX, and not root (which reads any file). */
    private static boolean permissionsApply() throws Exception {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return false;
        }
        Path closed = Files.createTempFile(data, "closed", ".txt");
        Files.setPosixFilePermissions(closed, Set.of());
        return !Files.isReadable(closed);
    }

    @Test
    void aFunction_readsItsOwnCode_inTheDirectoryItRunsIn() {
        assertEquals("read", probe.path("ownCode").asText(), probe.toString());
        assertEquals("is its code", probe.path("ownWorkingDirectory").asText(), probe.toString());
    }

    @Test
    void aFunction_cannotListTheDirectoryAboveItsCode() throws Exception {
        assumeTrue(permissionsApply(), "file permissions do not apply here (no POSIX, or root)");
        assertEquals("refused: AccessDeniedException", probe.path("codeParentListing").asText(), probe.toString());
    }

    @Test
    void anotherFunctionsCode_isNotWhereItsPackageDigestOrNameWouldPutIt() {
        for (String guess : List.of(neighbourCodeHex, "neighbour")) {
            assertTrue(probe.path("guess " + guess).asText().startsWith("refused: "), probe.toString());
            assertTrue(probe.path("guess " + guess + "/fn/Env.class").asText().startsWith("refused: "), probe.toString());
        }
        Path neighbourRoot = Path.of(neighbour.path("LAMBDA_TASK_ROOT").asText());
        assertTrue(neighbourRoot.getFileName().toString().matches("[0-9a-f]{32}"), neighbourRoot.toString());
        assertNotEquals(neighbourRoot.getParent().resolve(neighbourCodeHex), neighbourRoot);
    }

    @Test
    void theStateFile_cannotBeReadByItsPathInTheDataDirectory() throws Exception {
        assumeTrue(permissionsApply(), "file permissions do not apply here (no POSIX, or root)");
        assertTrue(Files.exists(data.resolve("state.mv.db")));
        assertEquals("refused: AccessDeniedException", probe.path("stateFile").asText(), probe.toString());
    }

    @Test
    void anotherInstancesCredentialsAndRuntimeApiAddress_areInNoProcessEnvironmentOrCommandLine() {
        assumeTrue(!probe.has("proc"), "no /proc here");
        assertTrue(probe.path("procFilesRead").asInt() > 2, "it could read some: " + probe);
        assertEquals(0, probe.path("secretsFoundInProc").size(), probe.path("secretsFoundInProc").toString());
    }

    @Test
    void theRuntimeApiAddress_isASecretOfItsOwn_notTheLogStreamsInstanceId() {
        String runtimeApi = neighbour.path("AWS_LAMBDA_RUNTIME_API").asText();
        String token = runtimeApi.substring(runtimeApi.lastIndexOf('/') + 1);
        assertTrue(token.matches("[0-9a-f]{32}"), runtimeApi);
        assertFalse(neighbour.path("AWS_LAMBDA_LOG_STREAM_NAME").asText().contains(token));
        String guessed = runtimeApi.substring(runtimeApi.indexOf('/'), runtimeApi.lastIndexOf('/') + 1)
                + "0".repeat(32) + "/2018-06-01/runtime/invocation/next";
        assertEquals(404, cloud.get(guessed).statusCode());
    }

    @Test
    void aFunctionsOwnRoleCredentials_reachSystemGetenvTheSdksDefaultChainAndSts() {
        String key = probe.path("envKey").asText();
        assertTrue(key.startsWith("ASIA"), probe.toString());
        assertEquals(key, probe.path("propertyKey").asText());
        assertEquals(key, probe.path("defaultChainKey").asText());
        assertNotEquals(neighbour.path("AWS_ACCESS_KEY_ID").asText(), key);
        assertEquals("arn:aws:sts::000000000000:assumed-role/chat-lambda-role/prober", probe.path("callerArn").asText());
    }
}
