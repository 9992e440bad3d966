package dev.chatlab.localcloud.services.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * API Gateway's own overhead through no-op functions (Lambda itself is not measured):
 * REST call and WebSocket echo round trip p50/p99, WebSocket connects per second.
 * Targets: REST p50 &lt; 3 ms, echo p50 &lt; 3 ms, &ge; 200 connects/s.
 * Run with {@code ./mvnw -o -pl localcloud test -Dtest=ApiGatewayBenchmarkTest -Dbenchmark=true}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ApiGatewayBenchmarkTest {

    static TestCloud cloud;
    static final FakeLambda lambda = new FakeLambda() {
        @Override
        public byte[] invoke(String functionArn, String sourceArn, byte[] event) {
            // no recording: the benchmark measures API Gateway, not the test's bookkeeping
            return functionArn.endsWith(":echo") ? ("{\"statusCode\":200,\"body\":\"pong\"}").getBytes() : "{\"statusCode\":200}".getBytes();
        }
    };
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        cloud.cloud().services().apiGateway().useLambda(lambda);
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void restCall_p50Under3ms() throws Exception {
        String apiId;
        try (ApiGatewayClient apigateway = cloud.client(ApiGatewayClient.builder()).build()) {
            apiId = apigateway.createRestApi(r -> r.name("bench")).id();
            String api = apiId;
            String root = apigateway.getResources(r -> r.restApiId(api)).items().get(0).id();
            String ping = apigateway.createResource(r -> r.restApiId(api).parentId(root).pathPart("ping")).id();
            apigateway.putMethod(r -> r.restApiId(api).resourceId(ping).httpMethod("GET").authorizationType("NONE"));
            apigateway.putIntegration(r -> r.restApiId(api).resourceId(ping).httpMethod("GET").type(IntegrationType.AWS_PROXY)
                    .integrationHttpMethod("POST").uri(FakeLambda.uri("echo")));
            apigateway.createDeployment(r -> r.restApiId(api).stageName("dev"));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_aws/execute-api/" + apiId + "/dev/ping")).GET().build();
        long[] micros = measure(3000, 500, () -> assertEquals(200, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()));
        report("REST call", micros);
        assertTrue(percentile(micros, 50) < 3000, "REST p50 under 3 ms");
    }

    @Test
    void webSocketEchoRoundTrip_p50Under3ms_andConnectsPerSecond() throws Exception {
        String apiId;
        try (ApiGatewayV2Client apigw = cloud.client(ApiGatewayV2Client.builder()).build()) {
            WebSocketApiDataPlaneTest.apigw = apigw;
            apiId = WebSocketApiDataPlaneTest.api(Map.of("$connect", "noop", "$default", "echo"), "$default");
        }
        URI url = URI.create("ws://127.0.0.1:" + cloud.cloud().port() + "/_aws/execute-api/" + apiId + "/dev");

        WebSocketApiDataPlaneTest.Client client = new WebSocketApiDataPlaneTest.Client();
        client.socket = http.newWebSocketBuilder().buildAsync(url, client).get(5, TimeUnit.SECONDS);
        long[] echo = measure(3000, 500, () -> {
            client.send("{\"action\":\"ping\"}");
            assertEquals("pong", client.next());
        });
        report("WebSocket echo round trip", echo);
        client.close();

        int connects = 800;
        int inFlight = 8;
        List<WebSocket> sockets = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < connects; i += inFlight) {
            List<java.util.concurrent.CompletableFuture<WebSocket>> batch = new ArrayList<>();
            for (int j = 0; j < inFlight; j++) {
                batch.add(http.newWebSocketBuilder().buildAsync(url, new WebSocketApiDataPlaneTest.Client()));
            }
            for (var pending : batch) {
                sockets.add(pending.get(5, TimeUnit.SECONDS));
            }
        }
        double perSecond = connects / ((System.nanoTime() - start) / 1e9);
        System.out.printf("WebSocket connects: %.0f/s (%d connects, %d at a time, each running $connect)%n", perSecond, connects, inFlight);
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, ""));

        assertTrue(percentile(echo, 50) < 3000, "echo p50 under 3 ms");
        assertTrue(perSecond >= 200, "at least 200 connects/s");
    }

    interface Call {
        void run() throws Exception;
    }

    static long[] measure(int count, int warmUp, Call call) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            call.run();
        }
        long[] micros = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            call.run();
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        return micros;
    }

    static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    static void report(String what, long[] micros) {
        System.out.printf("%s: p50 %.2f ms, p99 %.2f ms (%d calls)%n", what, percentile(micros, 50) / 1000.0, percentile(micros, 99) / 1000.0,
                micros.length);
    }
}
