package dev.chatlab.localcloud.services.apigateway.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.services.apigateway.FakeLambda;
import dev.chatlab.localcloud.testing.RunsBesideTheSuite;
import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.DeploymentStatus;
import software.amazon.awssdk.services.apigatewayv2.model.GetDeploymentResponse;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * A WebSocket deployment under the default ("aws") timing (stretched to 3 s here): PENDING, with
 * the stage still serving the deployment it had, then DEPLOYED, serving the new routes. The fast
 * timing answers DEPLOYED at once (the data-plane tests connect right after deploying).
 */
@RunsBesideTheSuite
class WebSocketDeploymentTimingTest {

    static TestCloud cloud;
    static ApiGatewayV2Client apigw;
    static final FakeLambda lambda = new FakeLambda();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        cloud = TestCloud.startWithAwsTiming();
        cloud.cloud().services().apiGateway().useLambda(lambda);
        apigw = cloud.client(ApiGatewayV2Client.builder()).build();
        lambda.function("v1", event -> FakeLambda.answer(200, "v1:" + event.get("body").asText()))
                .function("v2", event -> FakeLambda.answer(200, "v2:" + event.get("body").asText()));
    }

    @AfterAll
    static void stop() {
        apigw.close();
        cloud.close();
    }

    /** What a user builds, as the lab's step 6 does: the SDK has no waiter for a deployment. */
    static void waitUntilDeployed(String apiId, String deploymentId) {
        Waiter<GetDeploymentResponse> deployed = Waiter.builder(GetDeploymentResponse.class)
                .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(r -> r.deploymentStatus() == DeploymentStatus.DEPLOYED))
                .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(r -> r.deploymentStatus() == DeploymentStatus.PENDING))
                .overrideConfiguration(c -> c.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))).maxAttempts(300))
                .build();
        assertTrue(deployed.run(() -> apigw.getDeployment(b -> b.apiId(apiId).deploymentId(deploymentId))).attemptsExecuted() > 1,
                "the waiter saw PENDING first");
    }

    /** Sends a frame and answers the frame that comes back (the $default route answers). */
    static String echo(WebSocket socket, WebSocketApiDataPlaneTest.Client client, String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
        return client.messages.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void createDeployment_isPendingForTheWindow_theStageServesItsPreviousDeploymentUntilItIsDeployed() throws Exception {
        String apiId = apigw.createApi(r -> r.name("timed").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
        String integrationId = apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(FakeLambda.uri("v1"))).integrationId();
        String routeId = apigw.createRoute(r -> r.apiId(apiId).routeKey("$default").target("integrations/" + integrationId)).routeId();
        apigw.createRouteResponse(r -> r.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
        apigw.createStage(r -> r.apiId(apiId).stageName("dev"));
        URI url = URI.create(apigw.getApi(r -> r.apiId(apiId)).apiEndpoint().replace("localhost", "127.0.0.1") + "/dev");

        long deployed = System.nanoTime();
        String first = apigw.createDeployment(r -> r.apiId(apiId).stageName("dev")).deploymentId();
        assertEquals(DeploymentStatus.PENDING, apigw.getDeployment(b -> b.apiId(apiId).deploymentId(first)).deploymentStatus());
        assertEquals(DeploymentStatus.PENDING, apigw.getDeployments(b -> b.apiId(apiId)).items().get(0).deploymentStatus());
        assertEquals(first, apigw.getStage(b -> b.apiId(apiId).stageName("dev")).deploymentId(), "the stage names its new deployment at once");
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> http.newWebSocketBuilder().buildAsync(url, new WebSocketApiDataPlaneTest.Client()).get(5, TimeUnit.SECONDS));
        assertEquals(403, assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse().statusCode(),
                "a stage whose only deployment is PENDING serves nothing yet");

        waitUntilDeployed(apiId, first);
        assertTrue(System.nanoTime() - deployed >= TestCloud.STRETCHED_AWS_TIMING.deploymentPending().toNanos(), "DEPLOYED only after the window");
        WebSocketApiDataPlaneTest.Client client = new WebSocketApiDataPlaneTest.Client();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(url, client).get(5, TimeUnit.SECONDS);
        assertEquals("v1:hello", echo(socket, client, "hello"));

        String pingIntegration = apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(FakeLambda.uri("v2"))).integrationId();
        String pingRoute = apigw.createRoute(r -> r.apiId(apiId).routeKey("ping").target("integrations/" + pingIntegration)).routeId();
        apigw.createRouteResponse(r -> r.apiId(apiId).routeId(pingRoute).routeResponseKey("$default"));
        String second = apigw.createDeployment(r -> r.apiId(apiId).stageName("dev")).deploymentId();
        assertEquals(DeploymentStatus.PENDING, apigw.getDeployment(b -> b.apiId(apiId).deploymentId(second)).deploymentStatus());
        String ping = "{\"action\":\"ping\"}";
        assertEquals("v1:" + ping, echo(socket, client, ping), "the stage still serves the deployment before, without the new route");

        waitUntilDeployed(apiId, second);
        assertEquals("v2:" + ping, echo(socket, client, ping));
        assertEquals(DeploymentStatus.DEPLOYED, apigw.getDeployment(b -> b.apiId(apiId).deploymentId(first)).deploymentStatus());
    }
}
