package dev.chatlab.localcloud.services.apigateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.apigateway.FakeLambda;
import dev.chatlab.localcloud.services.apigateway.common.LambdaIntegration;
import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/** Calls to a deployed REST API stage through java.net.http, with small Java functions standing in for Lambda. */
class RestApiInvokeTest {

    static TestCloud cloud;
    static ApiGatewayClient apigateway;
    static FakeLambda lambda = new FakeLambda();
    static String apiId;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        cloud.cloud().services().apiGateway().useLambda(lambda);
        apigateway = cloud.client(ApiGatewayClient.builder()).build();
        lambda.function("echo", event -> FakeLambda.answer(200, Json.write(event)))
                .function("shaped", event -> "{\"statusCode\":201,\"headers\":{\"X-One\":\"1\",\"Content-Type\":\"text/plain\"},"
                        + "\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"]},\"body\":\"" + Base64.getEncoder().encodeToString("héllo".getBytes(StandardCharsets.UTF_8))
                        + "\",\"isBase64Encoded\":true}")
                .function("broken", event -> {
                    throw new LambdaIntegration.FunctionError("Unhandled: java.lang.IllegalStateException");
                })
                .function("malformed", event -> "{\"body\": {\"not\": \"a string\"}}")
                .function("slow", event -> {
                    sleep(1500);
                    return FakeLambda.answer(200, "late");
                });

        apiId = apigateway.createRestApi(r -> r.name("chat-rest")).id();
        String root = apigateway.getResources(r -> r.restApiId(apiId)).items().get(0).id();
        String rooms = resource(root, "rooms");
        String room = resource(rooms, "{roomId}");
        String messages = resource(room, "messages");
        proxy(messages, "GET", "echo", null);
        proxy(messages, "POST", "echo", null);
        cors(messages);
        proxy(resource(root, "shaped"), "GET", "shaped", null);
        proxy(resource(root, "fail"), "GET", "broken", null);
        proxy(resource(root, "denied"), "GET", "not-permitted", null);
        proxy(resource(root, "malformed"), "GET", "malformed", null);
        proxy(resource(root, "slow"), "GET", "slow", 300);
        proxy(resource(resource(root, "files"), "{proxy+}"), "ANY", "echo", null);
        apigateway.createDeployment(r -> r.restApiId(apiId).stageName("dev"));
    }

    @AfterAll
    static void stop() {
        apigateway.close();
        cloud.close();
    }

    @BeforeEach
    void forgetInvocations() {
        lambda.invocations.clear();
    }

    @Test
    void get_pathForm_sendsProxyEventV1() throws Exception {
        HttpResponse<String> response = call("GET", "/rooms/general/messages?limit=5&x=1&x=2", null);
        assertEquals(200, response.statusCode());
        JsonNode event = Json.MAPPER.readTree(response.body());
        assertEquals("/rooms/{roomId}/messages", event.get("resource").asText());
        assertEquals("/rooms/general/messages", event.get("path").asText());
        assertEquals("GET", event.get("httpMethod").asText());
        assertEquals("general", event.get("pathParameters").get("roomId").asText());
        assertEquals("5", event.get("queryStringParameters").get("limit").asText());
        assertEquals("2", event.get("queryStringParameters").get("x").asText());
        assertEquals(List.of("1", "2"), List.of(event.get("multiValueQueryStringParameters").get("x").get(0).asText(),
                event.get("multiValueQueryStringParameters").get("x").get(1).asText()));
        assertTrue(event.get("body").isNull());
        assertFalse(event.get("isBase64Encoded").asBoolean());
        assertNotNull(event.get("headers").get("user-agent"));
        JsonNode context = event.get("requestContext");
        assertEquals("dev", context.get("stage").asText());
        assertEquals(apiId, context.get("apiId").asText());
        assertEquals("/dev/rooms/general/messages", context.get("path").asText());
        assertFalse(context.get("requestId").asText().isEmpty());
        assertEquals("127.0.0.1", context.get("identity").get("sourceIp").asText());
        assertEquals(context.get("requestId").asText(), response.headers().firstValue("x-amzn-RequestId").orElseThrow());

        FakeLambda.Invocation invocation = lambda.invocations.poll(1, TimeUnit.SECONDS);
        assertEquals(FakeLambda.arn("echo"), invocation.functionArn());
        assertEquals("arn:aws:execute-api:ap-northeast-2:000000000000:" + apiId + "/dev/GET/rooms/{roomId}/messages", invocation.sourceArn());
    }

    @Test
    void post_passesTheBodyAsText() throws Exception {
        HttpResponse<String> response = call("POST", "/rooms/r1/messages", "{\"text\":\"안녕\"}");
        JsonNode event = Json.MAPPER.readTree(response.body());
        assertEquals("{\"text\":\"안녕\"}", event.get("body").asText());
        assertEquals("POST", event.get("requestContext").get("httpMethod").asText());
    }

    @Test
    void hostForm_reachesTheSameStage() throws Exception {
        String answer = rawGet(apiId + ".execute-api.localhost:" + cloud.cloud().port(), "/dev/rooms/general/messages");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("\"roomId\":\"general\""), answer);
    }

    @Test
    void greedyPath_takesTheRestOfThePath() throws Exception {
        JsonNode event = Json.MAPPER.readTree(call("DELETE", "/files/a/b/c.txt", null).body());
        assertEquals("a/b/c.txt", event.get("pathParameters").get("proxy").asText());
        assertEquals("/files/{proxy+}", event.get("resource").asText());
    }

    @Test
    void proxyResponse_mapsStatusHeadersMultiValueHeadersAndBase64Body() {
        HttpResponse<String> response = call("GET", "/shaped", null);
        assertEquals(201, response.statusCode());
        assertEquals("1", response.headers().firstValue("X-One").orElseThrow());
        assertEquals("text/plain", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(List.of("a=1", "b=2"), response.headers().allValues("Set-Cookie"));
        assertEquals("héllo", response.body());
    }

    @Test
    void corsPreflight_mockIntegration_answersWithStaticHeaders() {
        HttpResponse<String> response = call("OPTIONS", "/rooms/general/messages", null);
        assertEquals(200, response.statusCode());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("GET,OPTIONS", response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
    }

    @Test
    void unknownPath_isMissingAuthenticationToken() {
        HttpResponse<String> response = call("GET", "/nothing/here", null);
        assertEquals(403, response.statusCode());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", response.body());
        assertEquals("MissingAuthenticationTokenException", response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    }

    @Test
    void unknownMethod_isMissingAuthenticationToken() {
        HttpResponse<String> response = call("DELETE", "/rooms/general/messages", null);
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("Missing Authentication Token"));
    }

    @Test
    void unknownStage_isForbidden() {
        HttpResponse<String> response = cloud.send(HttpRequest.newBuilder(invokeUrl("nostage", "/rooms/a/messages")).GET().build());
        assertEquals(403, response.statusCode());
    }

    @Test
    void functionNotInvokable_isInternalServerError500() {
        HttpResponse<String> response = call("GET", "/denied", null);
        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal server error\"}", response.body());
    }

    @Test
    void functionError_is502() {
        HttpResponse<String> response = call("GET", "/fail", null);
        assertEquals(502, response.statusCode());
        assertEquals("{\"message\":\"Internal server error\"}", response.body());
    }

    @Test
    void malformedProxyResponse_is502() {
        assertEquals(502, call("GET", "/malformed", null).statusCode());
    }

    @Test
    void integrationTimeout_is504() {
        long start = System.nanoTime();
        HttpResponse<String> response = call("GET", "/slow", null);
        assertEquals(504, response.statusCode());
        assertTrue(response.body().contains("Endpoint request timed out"));
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1400), "answered before the function finished");
    }

    @Test
    void changesAfterDeployment_areNotServedUntilRedeployed() {
        String root = apigateway.getResources(r -> r.restApiId(apiId)).items().stream().filter(x -> x.path().equals("/")).findFirst().orElseThrow().id();
        proxy(resource(root, "later"), "GET", "echo", null);
        assertEquals(403, call("GET", "/later", null).statusCode());
        apigateway.createDeployment(r -> r.restApiId(apiId).stageName("dev"));
        assertEquals(200, call("GET", "/later", null).statusCode());
    }

    // Helpers

    static URI invokeUrl(String stage, String path) {
        return URI.create("http://127.0.0.1:" + cloud.cloud().port() + "/_aws/execute-api/" + apiId + "/" + stage + path);
    }

    static HttpResponse<String> call(String method, String path, String body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return cloud.send(HttpRequest.newBuilder(invokeUrl("dev", path)).method(method, publisher).build());
    }

    /** A GET with a Host header of our choosing (java.net.http refuses to set Host), as a browser resolving *.localhost sends it. */
    static String rawGet(String host, String path) {
        return cloud.raw("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    private static String resource(String parentId, String pathPart) {
        return apigateway.createResource(r -> r.restApiId(apiId).parentId(parentId).pathPart(pathPart)).id();
    }

    private static void proxy(String resourceId, String verb, String function, Integer timeoutMillis) {
        apigateway.putMethod(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(verb).authorizationType("NONE"));
        apigateway.putIntegration(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(verb).type(IntegrationType.AWS_PROXY)
                .integrationHttpMethod("POST").uri(FakeLambda.uri(function)).timeoutInMillis(timeoutMillis));
    }

    private static void cors(String resourceId) {
        apigateway.putMethod(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod("OPTIONS").authorizationType("NONE"));
        apigateway.putIntegration(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod("OPTIONS").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        apigateway.putMethodResponse(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod("OPTIONS").statusCode("200")
                .responseParameters(Map.of("method.response.header.Access-Control-Allow-Origin", false,
                        "method.response.header.Access-Control-Allow-Methods", false)));
        apigateway.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(resourceId).httpMethod("OPTIONS").statusCode("200")
                .responseParameters(Map.of("method.response.header.Access-Control-Allow-Origin", "'*'",
                        "method.response.header.Access-Control-Allow-Methods", "'GET,OPTIONS'")));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
