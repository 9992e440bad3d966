package dev.chatlab.localcloud.services.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * API Gateway in front of real functions (each in its own JVM): the proxy event reaches the
 * handler as {@code APIGatewayProxyRequestEvent}, and API Gateway may invoke a function only
 * once its resource policy allows {@code apigateway.amazonaws.com} for the API's ARN.
 */
class ApiGatewayLambdaTest {

    static final String REGION = "ap-northeast-2";
    static TestCloud cloud;
    static LambdaClient lambda;
    static ApiGatewayClient rest;
    static ApiGatewayV2Client webSockets;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        lambda = cloud.client(LambdaClient.builder()).build();
        rest = cloud.client(ApiGatewayClient.builder()).build();
        webSockets = cloud.client(ApiGatewayV2Client.builder()).build();
        LambdaTesting.createLambdaRole(cloud, "chat-lambda-role");
        var zip = HandlerPackages.zip(TestHandlers.all());
        for (String[] function : new String[][] {{"history", "fn.Api"}, {"broken", "fn.Boom"}, {"echo", "fn.Echo"}}) {
            lambda.createFunction(b -> b.functionName(function[0]).runtime("java21").role(LambdaExecutionTest.ROLE).handler(function[1])
                    .timeout(20).memorySize(256).code(c -> c.zipFile(zip)));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(function[0]));
        }
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void restCall_isRefusedUntilTheFunctionAllowsApiGateway_thenReachesTheHandler() throws Exception {
        String apiId = restApi("history", "GET");
        HttpRequest call = HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_aws/execute-api/" + apiId + "/dev/rooms/general/messages?limit=5")).build();

        HttpResponse<String> refused = http.send(call, HttpResponse.BodyHandlers.ofString());
        assertEquals(500, refused.statusCode());
        assertEquals("{\"message\":\"Internal server error\"}", refused.body());

        allowApiGateway("history", "arn:aws:execute-api:" + REGION + ":000000000000:" + apiId + "/*/GET/rooms/*");
        HttpResponse<String> answer = http.send(call, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals("GET /rooms/general/messages room=general limit=5", answer.body());
        assertEquals("*", answer.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void restCall_permissionForAnotherApi_isStillRefused() throws Exception {
        String apiId = restApi("history", "POST");
        allowApiGateway("history", "arn:aws:execute-api:" + REGION + ":000000000000:otherapi00/*");
        HttpRequest call = HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_aws/execute-api/" + apiId + "/dev/rooms/x/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertEquals(500, http.send(call, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void restCall_functionThrows_is502() throws Exception {
        String apiId = restApi("broken", "GET");
        allowApiGateway("broken", "arn:aws:execute-api:" + REGION + ":000000000000:" + apiId + "/*");
        HttpRequest call = HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_aws/execute-api/" + apiId + "/dev/rooms/a/messages")).build();
        assertEquals(502, http.send(call, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void webSocketMessage_reachesTheFunction_andItsAnswerComesBack() throws Exception {
        String apiId = webSockets.createApi(b -> b.name("ws").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
        String functionArn = lambda.getFunction(b -> b.functionName("echo")).configuration().functionArn();
        String integrationId = webSockets.createIntegration(b -> b.apiId(apiId).integrationType("AWS_PROXY").integrationMethod("POST")
                .integrationUri("arn:aws:apigateway:" + REGION + ":lambda:path/2015-03-31/functions/" + functionArn + "/invocations")).integrationId();
        String routeId = webSockets.createRoute(b -> b.apiId(apiId).routeKey("$default").target("integrations/" + integrationId)).routeId();
        webSockets.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
        webSockets.createStage(b -> b.apiId(apiId).stageName("dev"));
        webSockets.createDeployment(b -> b.apiId(apiId).stageName("dev"));
        allowApiGateway("echo", "arn:aws:execute-api:" + REGION + ":000000000000:" + apiId + "/*");

        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(webSockets.getApi(b -> b.apiId(apiId)).apiEndpoint() + "/dev"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"action\":\"hello\"}", true).get(5, TimeUnit.SECONDS);
        JsonNode echoed = new ObjectMapper().readTree(reply.get(30, TimeUnit.SECONDS));
        assertEquals("$default", echoed.path("input").path("requestContext").path("routeKey").asText());
        assertEquals("{\"action\":\"hello\"}", echoed.path("input").path("body").asText());
        assertTrue(echoed.path("input").path("requestContext").path("connectionId").asText().endsWith("="));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
    }

    static String restApi(String function, String verb) {
        String functionArn = lambda.getFunction(b -> b.functionName(function)).configuration().functionArn();
        String apiId = rest.createRestApi(b -> b.name("rest-" + function)).id();
        String root = rest.getResources(b -> b.restApiId(apiId)).items().get(0).id();
        String rooms = rest.createResource(b -> b.restApiId(apiId).parentId(root).pathPart("rooms")).id();
        String room = rest.createResource(b -> b.restApiId(apiId).parentId(rooms).pathPart("{roomId}")).id();
        String messages = rest.createResource(b -> b.restApiId(apiId).parentId(room).pathPart("messages")).id();
        rest.putMethod(b -> b.restApiId(apiId).resourceId(messages).httpMethod(verb).authorizationType("NONE"));
        rest.putIntegration(b -> b.restApiId(apiId).resourceId(messages).httpMethod(verb).type(IntegrationType.AWS_PROXY)
                .integrationHttpMethod("POST").uri("arn:aws:apigateway:" + REGION + ":lambda:path/2015-03-31/functions/" + functionArn + "/invocations"));
        rest.createDeployment(b -> b.restApiId(apiId).stageName("dev"));
        return apiId;
    }

    static void allowApiGateway(String function, String sourceArn) {
        lambda.addPermission(b -> b.functionName(function).statementId("apigw-" + Integer.toHexString(sourceArn.hashCode()))
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com").sourceArn(sourceArn));
    }
}
