package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The benchmark: cold start (CreateFunction to first answer; first invoke of a new
 * instance), warm invoke latency of a no-op handler (p50/p99), invokes/s with 8 concurrent
 * callers, and the resident memory of an idle instance. Runs only with {@code -Dbenchmark=true}:
 * {@code ./mvnw -o -pl localcloud -am test -Dtest=LambdaBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class LambdaBenchmark {

    private static final String NOOP = """
            package fn;
            import com.amazonaws.services.lambda.runtime.*;
            import java.util.Map;
            public class Noop implements RequestHandler<Map<String, Object>, String> {
                public String handleRequest(Map<String, Object> input, Context context) {
                    return "ok";
                }
            }
            """;

    @Test
    void benchmark() throws Exception {
        assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        try (TestCloud cloud = TestCloud.start()) {
            LambdaClient lambda = cloud.client(LambdaClient.builder()).build();
            SdkBytes zip = HandlerPackages.zip(Map.of("fn.Noop", NOOP));
            ExecutionRolesForTests.createLambdaRole(cloud, "chat-lambda-role");
            SdkBytes payload = SdkBytes.fromUtf8String("{\"hello\":\"world\"}");

            long created = System.nanoTime();
            lambda.createFunction(b -> b.functionName("noop").runtime("java21").role(LambdaExecutionTest.ROLE)
                    .handler("fn.Noop").memorySize(512).code(c -> c.zipFile(zip)));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("noop"));
            long active = System.nanoTime();
            lambda.invoke(b -> b.functionName("noop").payload(payload));
            long answered = System.nanoTime();
            report("CreateFunction to first answer", (answered - created) / 1e6, "ms (of which the SDK waiter: "
                    + String.format(Locale.ROOT, "%.0f", (active - created) / 1e6) + " ms)");
            report("first invoke of a new instance", (answered - active) / 1e6, "ms");

            for (int i = 0; i < 2000; i++) {
                lambda.invoke(b -> b.functionName("noop").payload(payload));
            }
            int rounds = 3000;
            double[] latencies = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                lambda.invoke(b -> b.functionName("noop").payload(payload));
                latencies[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(latencies);
            report("warm invoke p50", latencies[rounds / 2], "ms");
            report("warm invoke p99", latencies[rounds * 99 / 100], "ms");

            double[] control = new double[1000];
            for (int i = 0; i < control.length; i++) {
                long begin = System.nanoTime();
                lambda.getFunctionConfiguration(b -> b.functionName("noop"));
                control[i] = (System.nanoTime() - begin) / 1e6;
            }
            Arrays.sort(control);
            report("GetFunctionConfiguration p50 (SDK + HTTP alone)", control[control.length / 2], "ms");
            String arn = lambda.getFunctionConfiguration(b -> b.functionName("noop")).functionArn();
            for (int i = 0; i < control.length; i++) {
                long begin = System.nanoTime();
                lambda.tagResource(b -> b.resource(arn).tags(Map.of("k", "v")));
                control[i] = (System.nanoTime() - begin) / 1e6;
            }
            Arrays.sort(control);
            report("TagResource p50 (a POST with a body)", control[control.length / 2], "ms");

            LambdaService service = cloud.cloud().services().lambda();
            byte[] raw = payload.asByteArray();
            double[] direct = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long begin = System.nanoTime();
                service.invoke("noop", raw);
                direct[i] = (System.nanoTime() - begin) / 1e6;
            }
            Arrays.sort(direct);
            report("warm invoke p50 through the Java API", direct[rounds / 2], "ms (no SDK, no HTTP to localcloud)");

            ExecutorService callers = Executors.newFixedThreadPool(8);
            int perCaller = 500;
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                done.add(callers.submit(() -> {
                    for (int i = 0; i < perCaller; i++) {
                        lambda.invoke(b -> b.functionName("noop").payload(payload));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            callers.shutdown();
            callers.awaitTermination(10, TimeUnit.SECONDS);
            report("invokes/s with 8 concurrent callers", 8 * perCaller / seconds,
                    "(" + cloud.cloud().services().lambda().runtime().instanceCount("noop") + " instances)");

            Thread.sleep(2000);
            ProcessHandle.current().descendants().forEach(child -> report("idle instance resident memory",
                    residentMegabytes(child.pid()), "MB (pid " + child.pid() + ")"));
        }
    }

    private static double residentMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    private static void report(String what, double value, String unit) {
        System.out.printf(Locale.ROOT, "BENCHMARK %-40s %10.2f %s%n", what, value, unit);
    }
}
