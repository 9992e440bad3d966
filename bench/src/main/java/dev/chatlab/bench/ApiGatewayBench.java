package dev.chatlab.bench;

import dev.chatlab.bench.noop.NoopFunction;
import dev.chatlab.bench.noop.NoopHandler;
import dev.chatlab.labkit.chat.ChatConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * API Gateway's data plane in front of a no-op function (a real one, in its own JVM): a REST
 * call, a one-frame WebSocket echo round trip, and WebSocket connects per second (each runs
 * {@code $connect}). Targets (issue 6): REST p50 &lt; 3 ms, echo p50 &lt; 3 ms, &ge; 200 connects/s.
 */
@Command(name = "apigateway", mixinStandardHelpOptions = true,
        description = "REST call and WebSocket echo latency (p50/p99) and WebSocket connects/s through a no-op Lambda function.")
final class ApiGatewayBench implements Callable<Integer> {

    static final double TARGET_REST_P50_MILLIS = 3;
    static final double TARGET_ECHO_P50_MILLIS = 3;
    static final double TARGET_CONNECTS_PER_SECOND = 200;
    private static final String STAGE = "dev";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    @Mixin
    BenchOptions options;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public Integer call() throws Exception {
        String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (BenchTarget target = BenchTarget.open(options);
             LambdaClient lambda = target.client(LambdaClient.builder());
             IamClient iam = target.client(IamClient.builder());
             ApiGatewayClient rest = target.client(ApiGatewayClient.builder());
             ApiGatewayV2Client webSockets = target.client(ApiGatewayV2Client.builder())) {
            System.out.println("deploying the no-op function " + name + " and two APIs ...");
            try (NoopFunction function = NoopFunction.deploy(lambda, iam, name, 512)) {
                String restApiId = restApi(rest, name, function);
                String webSocketApiId = webSocketApi(webSockets, name, function);
                try {
                    URI restUrl = target.endpoint().resolve("/_aws/execute-api/" + restApiId + "/" + STAGE + "/ping");
                    URI webSocketUrl = URI.create(webSockets.getApi(b -> b.apiId(webSocketApiId)).apiEndpoint() + "/" + STAGE);
                    List<BenchResult> results = new ArrayList<>();
                    results.add(benchRest(restUrl));
                    results.add(benchEcho(webSocketUrl));
                    results.add(benchConnects(webSocketUrl));
                    System.out.println();
                    BenchResult.printTable(results, System.out);
                    printTargets(results);
                    Map<String, Object> document = target.jsonHeader("apigateway");
                    document.put("targets", Map.of("restP50Millis", TARGET_REST_P50_MILLIS, "echoP50Millis", TARGET_ECHO_P50_MILLIS,
                            "connectsPerSecond", TARGET_CONNECTS_PER_SECOND));
                    document.put("results", results);
                    target.writeJson(document);
                } finally {
                    rest.deleteRestApi(b -> b.restApiId(restApiId));
                    webSockets.deleteApi(b -> b.apiId(webSocketApiId));
                }
            }
        }
        return 0;
    }

    /** GET /ping, an AWS_PROXY integration to the function, deployed to the stage. */
    private String restApi(ApiGatewayClient rest, String name, NoopFunction function) {
        String apiId = rest.createRestApi(b -> b.name(name)).id();
        String root = rest.getResources(b -> b.restApiId(apiId)).items().get(0).id();
        String ping = rest.createResource(b -> b.restApiId(apiId).parentId(root).pathPart("ping")).id();
        rest.putMethod(b -> b.restApiId(apiId).resourceId(ping).httpMethod("GET").authorizationType("NONE"));
        rest.putIntegration(b -> b.restApiId(apiId).resourceId(ping).httpMethod("GET").type(IntegrationType.AWS_PROXY)
                .integrationHttpMethod("POST").uri(function.integrationUri(options.region)));
        rest.createDeployment(b -> b.restApiId(apiId).stageName(STAGE));
        return apiId;
    }

    /** $connect and a two-way $default (its answer goes back to the client), both to the function. */
    private String webSocketApi(ApiGatewayV2Client webSockets, String name, NoopFunction function) {
        String apiId = webSockets.createApi(b -> b.name(name).protocolType(ProtocolType.WEBSOCKET)
                .routeSelectionExpression("$request.body.action")).apiId();
        String integrationId = webSockets.createIntegration(b -> b.apiId(apiId).integrationType("AWS_PROXY").integrationMethod("POST")
                .integrationUri(function.integrationUri(options.region))).integrationId();
        webSockets.createRoute(b -> b.apiId(apiId).routeKey("$connect").target("integrations/" + integrationId));
        String echo = webSockets.createRoute(b -> b.apiId(apiId).routeKey("$default").target("integrations/" + integrationId)
                .routeResponseSelectionExpression("$default")).routeId();
        webSockets.createRouteResponse(b -> b.apiId(apiId).routeId(echo).routeResponseKey("$default"));
        webSockets.createStage(b -> b.apiId(apiId).stageName(STAGE));
        webSockets.createDeployment(b -> b.apiId(apiId).stageName(STAGE));
        return apiId;
    }

    private BenchResult benchRest(URI url) throws InterruptedException {
        System.out.println("REST call: 1 client, " + options.durationSeconds + " s ...");
        HttpRequest request = HttpRequest.newBuilder(url).timeout(ANSWER_TIMEOUT).GET().build();
        return LoadRunner.run("REST call (GET /ping)", 1, options.warmUp(), options.duration(), i -> () -> {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !answer.body().equals(NoopHandler.BODY)) {
                throw new IllegalStateException("GET " + url + " answered " + answer.statusCode() + ": " + answer.body());
            }
        });
    }

    private BenchResult benchEcho(URI url) throws Exception {
        System.out.println("WebSocket echo: 1 connection, " + options.durationSeconds + " s ...");
        try (ChatConnection connection = ChatConnection.open(http, url, "bench", "bench")) {
            return LoadRunner.run("WebSocket echo round trip", 1, options.warmUp(), options.duration(),
                    i -> () -> {
                        connection.sendRaw("{\"action\":\"ping\"}");
                        ChatConnection.Frame reply = connection.next(ANSWER_TIMEOUT);
                        if (reply == null || !reply.type().equals("pong")) {
                            throw new IllegalStateException("expected the pong frame, got " + (reply == null ? "nothing" : reply.json()));
                        }
                    });
        }
    }

    /** Handshakes (each runs $connect) from several clients at once; each connection closes once open. */
    private BenchResult benchConnects(URI url) throws InterruptedException {
        System.out.println("WebSocket connects: " + options.clients + " at a time, " + options.durationSeconds + " s ...");
        return LoadRunner.run("WebSocket connect", options.clients, options.warmUp(), 500, options.duration(),
                i -> () -> ChatConnection.open(http, url, "bench", "bench").close());
    }

    private static void printTargets(List<BenchResult> results) {
        System.out.println();
        target("REST call p50", results.get(0).p50Millis(), "ms", "<", TARGET_REST_P50_MILLIS, results.get(0).p50Millis() < TARGET_REST_P50_MILLIS);
        target("WebSocket echo p50", results.get(1).p50Millis(), "ms", "<", TARGET_ECHO_P50_MILLIS,
                results.get(1).p50Millis() < TARGET_ECHO_P50_MILLIS);
        target("WebSocket connects", results.get(2).opsPerSecond(), "/s", ">=", TARGET_CONNECTS_PER_SECOND,
                results.get(2).opsPerSecond() >= TARGET_CONNECTS_PER_SECOND);
    }

    static void target(String what, double value, String unit, String relation, double target, boolean met) {
        System.out.printf(Locale.ROOT, "  %s %-24s %10.2f %-3s (target %s %.0f %s)%n", met ? "✔" : "✘", what, value, unit, relation, target, unit);
    }
}
