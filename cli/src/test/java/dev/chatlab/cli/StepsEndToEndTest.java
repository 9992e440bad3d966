package dev.chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabOptions;
import dev.chatlab.labkit.LabSettings;
import dev.chatlab.labkit.Lang;
import dev.chatlab.labkit.StepRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole lab through the entry point a student uses (the lab command, JBang, a
 * localcloud in its own process), on a cloud of its own (free ports, its own state folder):
 * steps 1-2 checked the way a browser sees the site, then all eight steps, whose step 8
 * chats through two WebSocket clients and two headless browser pages (skipped, and reported
 * as skipped, on a machine without Chromium). The cloud has localcloud's default, AWS-like
 * timing (tables CREATING, functions Pending, new roles propagating, Route53 PENDING), so the
 * steps, their checks and teardown are proven against waits as AWS has them. The full run of
 * all eight steps runs with every core busy ({@link CpuLoad}), as on a laptop building beside it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StepsEndToEndTest {

    @TempDir
    static Path state;
    static List<String> common;
    static Lab lab;

    @BeforeAll
    static void startCloud() throws IOException {
        int port = freePort();
        int dnsPort = freePort();
        String prefix = "e2e-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        common = List.of("--endpoint", "http://localhost:" + port, "--dns-port", String.valueOf(dnsPort),
                "--state-dir", state.toString(), "--prefix", prefix, "--lang", "en");
        assertEquals(0, lab("cloud", "start"));
        LabOptions options = new LabOptions();
        options.endpoint = "http://localhost:" + port;
        options.prefix = prefix;
        options.lang = "en";
        Kit kit = Kit.locate(state);
        lab = new Lab(LabSettings.resolve(options, kit.root(), kit.stateDirectory()),
                new Console(new PrintStream(System.out, true), false, Lang.EN));
    }

    @AfterAll
    static void stopCloud() {
        lab("cloud", "stop");
    }

    @Test
    @Order(1)
    void exerciseOfStep1_stopsAtItsTodo() {
        assertEquals(StepRunner.TODO_LEFT, lab("step", "1"));
    }

    @Test
    @Order(2)
    void up_toStep1_createsTheBucketAndItsCheckPasses() {
        assertEquals(0, lab("up", "--to", "1"));
        assertEquals(0, lab("check", "1"));
    }

    @Test
    @Order(3)
    void websiteWithoutPolicy_isForbidden_asStep1Teaches() {
        // What a student clicking through the console might do: hosting on, page up, but no policy yet.
        S3Client s3 = lab.s3();
        String bucket = lab.names().siteBucket();
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
        s3.putObject(b -> b.bucket(bucket).key("index.html").contentType("text/html"), RequestBody.fromString("<p>not yet</p>"));
        HttpResponse<String> page = lab.web().get(site());
        assertEquals(403, page.statusCode(), page.body());
        assertTrue(page.body().contains("AccessDenied"), page.body());
    }

    @Test
    @Order(4)
    void up_toStep2_servesThePageAndDeepLinksThroughTheErrorDocument() {
        assertEquals(0, lab("up", "--to", "2"));
        HttpResponse<String> page = lab.web().get(site());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("name=\"chatlab-client\""), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        HttpResponse<String> deepLink = lab.web().get(site().resolve("rooms/general"));
        assertEquals(404, deepLink.statusCode());
        assertTrue(deepLink.body().contains("name=\"chatlab-client\""), deepLink.body());
    }

    @Test
    @Order(5)
    void checkAll_afterTwoSteps_failsOnTheStepsNotDone() throws IOException {
        Path json = state.resolve("grades-partial.json");
        assertEquals(1, lab("check", "--all", "--json", json.toString()));
        JsonNode steps = new ObjectMapper().readTree(json.toFile());
        assertEquals("passed", steps.get(0).path("outcome").asText());
        assertEquals("passed", steps.get(1).path("outcome").asText());
        assertEquals("failed", steps.get(2).path("outcome").asText(), "step 3 was never run");
    }

    @Test
    @Order(6)
    void restart_keepsTheWebsite() {
        assertEquals(0, lab("cloud", "stop"));
        assertEquals(0, lab("cloud", "start"));
        assertEquals(200, lab.web().get(site()).statusCode());
    }

    /**
     * Under a parallel CPU load (issue 18, item 5): a busy thread on every core, as a build beside
     * the lab makes it, and the steps, their waiters and checks still pass. The lab's one full run
     * is the one loaded, so that the proof costs no run of its own.
     */
    @Test
    @Order(7)
    void up_withEveryCoreBusy_runsAllEightSteps_andLeavesAChatThatWorks() {
        try (CpuLoad load = CpuLoad.onEveryCore()) {
            assertEquals(0, lab("up"), "every step and its check passes on a busy machine, step 8's chat test included");
        }
        HttpResponse<String> config = lab.web().get(site().resolve("config.js"));
        assertTrue(config.body().contains("webSocketUrl"), config.body());
    }

    @Test
    @Order(8)
    void checkAll_afterUp_passesEveryStep_andWritesJsonAndJUnitForTheInstructor() throws IOException {
        Path json = state.resolve("grades.json");
        Path junit = state.resolve("grades.xml");
        assertEquals(0, lab("check", "--all", "--json", json.toString(), "--junit", junit.toString()));
        JsonNode steps = new ObjectMapper().readTree(json.toFile());
        assertEquals(8, steps.size());
        steps.forEach(step -> assertEquals("passed", step.path("outcome").asText(), step.toString()));
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<testsuites>") && xml.contains("chat through the website"), xml);
    }

    @Test
    @Order(9)
    void up_again_isIdempotent() {
        assertEquals(0, lab("up"));
    }

    @Test
    @Order(10)
    void teardown_deletesEverything_andReadsBackThatNothingIsLeft() {
        assertEquals(0, lab("teardown", "-y"));
        assertEquals(404, lab.web().get(site()).statusCode(), "the website is gone with its bucket");
        LambdaClient lambda = lab.client(LambdaClient.builder());
        assertTrue(lambda.listFunctions().functions().stream().noneMatch(f -> lab.names().functions().contains(f.functionName())));
    }

    @Test
    @Order(11)
    void teardown_whenATableWasMadeByHandWithoutTheLabsTag_failsNamingWhatIsLeft() {
        DynamoDbClient dynamo = lab.client(DynamoDbClient.builder());
        String table = lab.names().messagesTable();
        dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("roomId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("roomId").keyType(KeyType.HASH)));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table), lab.polling());
        try {
            assertEquals(1, lab("teardown", "-y"), "a table that keeps costing money must not pass unnoticed");
        } finally {
            dynamo.deleteTable(b -> b.tableName(table));
        }
    }

    @Test
    @Order(12)
    void up_afterTeardown_buildsTheLabAgain_route53TakesANewCallerReference() {
        assertEquals(0, lab("up", "--to", "3"), "Route53 never takes a CallerReference twice: step 3 must not reuse one");
        assertEquals(200, lab.web().get(site()).statusCode());
    }

    private static URI site() {
        return lab.websiteUrl(lab.names().siteBucket());
    }

    private static int lab(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        return LabCli.execute(all.toArray(String[]::new));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
