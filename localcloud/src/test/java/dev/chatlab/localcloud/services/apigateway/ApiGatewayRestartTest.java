package dev.chatlab.localcloud.services.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/** APIs, stages and deployments live in Storage: a restarted cloud (on another port) still serves them. */
class ApiGatewayRestartTest {

    @TempDir
    Path state;

    @Test
    void restApiAndWebSocketApi_surviveARestart_andEndpointsFollowTheNewPort() throws Exception {
        LocalCloudConfig config = LocalCloudConfig.forTests().withDataDirectory(state);
        String restApiId;
        String webSocketApiId;
        try (TestCloud cloud = TestCloud.start(config);
             ApiGatewayClient rest = cloud.client(ApiGatewayClient.builder()).build();
             ApiGatewayV2Client ws = cloud.client(ApiGatewayV2Client.builder()).build()) {
            restApiId = rest.createRestApi(r -> r.name("kept")).id();
            String root = rest.getResources(r -> r.restApiId(restApiId)).items().get(0).id();
            rest.putMethod(r -> r.restApiId(restApiId).resourceId(root).httpMethod("GET").authorizationType("NONE"));
            rest.putIntegration(r -> r.restApiId(restApiId).resourceId(root).httpMethod("GET").type(IntegrationType.AWS_PROXY)
                    .integrationHttpMethod("POST").uri(FakeLambda.uri("echo")));
            rest.createDeployment(r -> r.restApiId(restApiId).stageName("dev"));
            webSocketApiId = ws.createApi(r -> r.name("kept-ws").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
        }
        try (TestCloud cloud = TestCloud.start(config);
             ApiGatewayClient rest = cloud.client(ApiGatewayClient.builder()).build();
             ApiGatewayV2Client ws = cloud.client(ApiGatewayV2Client.builder()).build()) {
            cloud.cloud().services().apiGateway().useLambda(new FakeLambda().function("echo", event -> FakeLambda.answer(200, "still here")));
            assertEquals("kept", rest.getRestApi(r -> r.restApiId(restApiId)).name());
            assertEquals("dev", rest.getStage(r -> r.restApiId(restApiId).stageName("dev")).stageName());
            assertEquals("ws://localhost:" + cloud.cloud().port() + "/_aws/execute-api/" + webSocketApiId,
                    ws.getApi(r -> r.apiId(webSocketApiId)).apiEndpoint());
            var answer = cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_aws/execute-api/" + restApiId + "/dev/")).GET().build());
            assertEquals(200, answer.statusCode());
            assertEquals("still here", answer.body());
        }
    }
}
