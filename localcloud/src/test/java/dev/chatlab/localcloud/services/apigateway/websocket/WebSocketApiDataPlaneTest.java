package dev.chatlab.localcloud.services.apigateway.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.apigateway.FakeLambda;
import dev.chatlab.localcloud.services.apigateway.common.LambdaIntegration;
import dev.chatlab.localcloud.services.apigateway.websocket.runtime.IamConnectionAuthorizer;
import dev.chatlab.localcloud.testing.TestCloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.iam.IamClient;

/** WebSocket connections through java.net.http's client, and the @connections API through the SDK, with Java functions standing in for Lambda. */
class WebSocketApiDataPlaneTest {

    static TestCloud cloud;
    static ApiGatewayV2Client apigw;
    static final FakeLambda lambda = new FakeLambda();
    static final HttpClient http = HttpClient.newHttpClient();
    static String chatApi;
    static String noDefaultApi;
    static String deniedApi;
    static String crashingConnectApi;
    static final CountDownLatch slowMayAnswer = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        cloud.cloud().services().apiGateway().useLambda(lambda);
        apigw = cloud.client(ApiGatewayV2Client.builder()).build();
        lambda.function("connect", event -> {
                    JsonNode query = event.get("queryStringParameters");
                    if (query == null || !query.has("roomId")) {
                        return FakeLambda.answer(400, "roomId is required");
                    }
                    return event.path("headers").has("Sec-WebSocket-Protocol")
                            ? "{\"statusCode\":200,\"headers\":{\"Sec-WebSocket-Protocol\":\"chat.v1\"}}" : FakeLambda.answer(200, "ok");
                })
                .function("disconnect", event -> FakeLambda.answer(200, ""))
                .function("echo", event -> FakeLambda.answer(200, "echo:" + event.get("body").asText()))
                .function("default", event -> FakeLambda.answer(200, "default:" + event.get("body").asText()))
                .function("slow", event -> {
                    try {
                        slowMayAnswer.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return FakeLambda.answer(200, "slow:done");
                })
                .function("crash", event -> {
                    throw new LambdaIntegration.FunctionError("Unhandled exception");
                });

        chatApi = api(Map.of("$connect", "connect", "$disconnect", "disconnect", "echo", "echo", "oneway", "echo",
                "crash", "crash", "slow", "slow", "$default", "default"), "echo", "crash", "slow", "$default");
        noDefaultApi = api(Map.of("echo", "echo"), "echo");
        deniedApi = api(Map.of("$connect", "not-permitted", "$default", "echo"));
        crashingConnectApi = api(Map.of("$connect", "crash", "$default", "echo"));
    }

    @AfterAll
    static void stop() {
        apigw.close();
        cloud.close();
    }

    @BeforeEach
    void forgetInvocations() {
        lambda.invocations.clear();
    }

    @Test
    void connect_runsConnectRouteWithQueryHeadersAndContext() throws Exception {
        Client client = connect(chatApi, "?roomId=general&nickname=alice");
        JsonNode event = awaitInvocation("$connect").event();
        JsonNode context = event.get("requestContext");
        assertEquals("CONNECT", context.get("eventType").asText());
        assertEquals("general", event.get("queryStringParameters").get("roomId").asText());
        assertEquals("alice", event.get("queryStringParameters").get("nickname").asText());
        assertNotNull(event.get("headers"));
        assertEquals("dev", context.get("stage").asText());
        assertEquals(chatApi, context.get("apiId").asText());
        assertEquals("localhost:" + cloud.cloud().port() + "/_aws/execute-api/" + chatApi, context.get("domainName").asText());
        String connectionId = context.get("connectionId").asText();
        assertEquals(16, connectionId.length());
        assertTrue(connectionId.endsWith("="));
        assertTrue(context.get("connectedAt").asLong() > 0);
        assertTrue(context.get("requestTimeEpoch").asLong() > 0);
        assertEquals("127.0.0.1", context.get("identity").get("sourceIp").asText());
        client.close();
    }

    @Test
    void connect_sourceArnNamesTheRoute() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        assertEquals("arn:aws:execute-api:ap-northeast-2:000000000000:" + chatApi + "/dev/$connect", awaitInvocation("$connect").sourceArn());
        client.close();
    }

    @Test
    void connect_functionAnswers400_refusesTheHandshakeWith400() {
        assertEquals(400, refusedStatus(chatApi, ""));
    }

    @Test
    void connect_functionNotInvokable_refusesWith500() {
        assertEquals(500, refusedStatus(deniedApi, ""));
    }

    @Test
    void connect_functionError_refusesWith502() {
        assertEquals(502, refusedStatus(crashingConnectApi, ""));
    }

    @Test
    void connect_unknownStage_isRefused() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> http.newWebSocketBuilder()
                .buildAsync(URI.create(wsUrl(chatApi).replace("/dev", "/nostage")), new Client()).get(5, TimeUnit.SECONDS));
        assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }

    @Test
    void connect_hostForm_isAcceptedToo() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", cloud.cloud().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /dev?roomId=x HTTP/1.1\r\nHost: " + chatApi + ".execute-api.localhost:" + cloud.cloud().port() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            assertEquals(12, in.readNBytes(head, 0, 12));
            assertEquals("HTTP/1.1 101", new String(head, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void connect_subprotocolAnsweredByConnect_isAccepted() throws Exception {
        Client client = new Client();
        client.socket = http.newWebSocketBuilder().subprotocols("chat.v1", "chat.v0")
                .buildAsync(URI.create(wsUrl(chatApi) + "?roomId=a"), client).get(5, TimeUnit.SECONDS);
        assertEquals("chat.v1", client.socket.getSubprotocol());
        client.close();
    }

    @Test
    void connectionIds_areUnique() throws Exception {
        Client first = connect(chatApi, "?roomId=a");
        String one = awaitInvocation("$connect").event().get("requestContext").get("connectionId").asText();
        Client second = connect(chatApi, "?roomId=a");
        String two = awaitInvocation("$connect").event().get("requestContext").get("connectionId").asText();
        assertNotEquals(one, two);
        first.close();
        second.close();
    }

    @Test
    void message_routedBySelectionExpression_withRouteResponse_answersTheSender() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        String frame = "{\"action\":\"echo\",\"text\":\"hi\"}";
        client.send(frame);
        assertEquals("echo:" + frame, client.next());
        JsonNode event = awaitInvocation("echo").event();
        JsonNode context = event.get("requestContext");
        assertEquals("MESSAGE", context.get("eventType").asText());
        assertEquals(frame, event.get("body").asText());
        assertFalse(context.get("messageId").asText().isEmpty());
        assertEquals("dev", context.get("stage").asText());
        client.close();
    }

    @Test
    void message_slowIntegration_doesNotHoldTheConnectionsNextFrame() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        client.send("{\"action\":\"slow\"}");
        awaitInvocation("slow");
        String frame = "{\"action\":\"echo\",\"text\":\"meanwhile\"}";
        client.send(frame);
        assertEquals("echo:" + frame, client.next());
        slowMayAnswer.countDown();
        assertEquals("slow:done", client.next());
        client.close();
    }

    @Test
    void message_routeWithoutRouteResponse_sendsNothingBack() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        client.send("{\"action\":\"oneway\"}");
        awaitInvocation("oneway");
        assertNull(client.messages.poll(300, TimeUnit.MILLISECONDS));
        client.close();
    }

    @Test
    void message_unknownActionOrNotJson_goesToDefault() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        client.send("{\"action\":\"dance\"}");
        assertEquals("default:{\"action\":\"dance\"}", client.next());
        client.send("plain text");
        assertEquals("default:plain text", client.next());
        client.close();
    }

    @Test
    void message_noRouteAndNoDefault_getsForbiddenErrorFrame() throws Exception {
        Client client = connect(noDefaultApi, "");
        client.send("{\"action\":\"nothing\"}");
        JsonNode frame = Json.MAPPER.readTree(client.next());
        assertEquals("Forbidden", frame.get("message").asText());
        assertEquals(16, frame.get("connectionId").asText().length());
        assertFalse(frame.get("requestId").asText().isEmpty());
        client.close();
    }

    @Test
    void message_functionError_getsInternalServerErrorFrame() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        client.send("{\"action\":\"crash\"}");
        assertEquals("Internal server error", Json.MAPPER.readTree(client.next()).get("message").asText());
        client.close();
    }

    @Test
    void connections_postGetDelete_thenGone() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        JsonNode context = client.connectContext();
        String connectionId = context.get("connectionId").asText();
        try (ApiGatewayManagementApiClient connections = managementClient(context)) {
            connections.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String("{\"type\":\"message\"}")));
            assertEquals("{\"type\":\"message\"}", client.next());

            GetConnectionResponse info = connections.getConnection(r -> r.connectionId(connectionId));
            assertNotNull(info.connectedAt());
            assertNotNull(info.lastActiveAt());
            assertEquals("127.0.0.1", info.identity().sourceIp());
            assertTrue(info.identity().userAgent().contains("Java"), info.identity().userAgent());

            connections.deleteConnection(r -> r.connectionId(connectionId));
            assertNotNull(client.closed.get(5, TimeUnit.SECONDS));
            JsonNode disconnect = awaitInvocation("$disconnect", connectionId).event();
            assertEquals("DISCONNECT", disconnect.get("requestContext").get("eventType").asText());

            GoneException gone = assertThrows(GoneException.class,
                    () -> connections.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String("late"))));
            assertEquals(410, gone.statusCode());
            assertThrows(GoneException.class, () -> connections.getConnection(r -> r.connectionId(connectionId)));
        }
    }

    @Test
    void connections_concurrentPostsToOneConnection_allArrive() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        JsonNode context = client.connectContext();
        String connectionId = context.get("connectionId").asText();
        int posts = 40;
        try (ApiGatewayManagementApiClient connections = managementClient(context)) {
            ExecutorService senders = Executors.newFixedThreadPool(8);
            for (int i = 0; i < posts; i++) {
                String data = "m" + i;
                senders.submit(() -> connections.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String(data))));
            }
            senders.shutdown();
            assertTrue(senders.awaitTermination(20, TimeUnit.SECONDS));
        }
        Set<String> received = new HashSet<>();
        for (int i = 0; i < posts; i++) {
            received.add(client.next());
        }
        assertEquals(posts, received.size());
        client.close();
    }

    @Test
    void clientCloses_runsDisconnect_andConnectionIsGone() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        JsonNode context = client.connectContext();
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        JsonNode disconnect = awaitInvocation("$disconnect", context.get("connectionId").asText()).event();
        assertEquals(1000, disconnect.get("requestContext").get("disconnectStatusCode").asInt());
        try (ApiGatewayManagementApiClient connections = managementClient(context)) {
            assertThrows(GoneException.class, () -> connections.postToConnection(r -> r.connectionId(context.get("connectionId").asText())
                    .data(SdkBytes.fromUtf8String("x"))));
        }
    }

    @Test
    void connections_unknownConnection_isGone() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        JsonNode context = client.connectContext();
        try (ApiGatewayManagementApiClient connections = managementClient(context)) {
            assertThrows(GoneException.class, () -> connections.postToConnection(r -> r.connectionId("AAAAAAAAAAAAAAA=").data(SdkBytes.fromUtf8String("x"))));
        }
        client.close();
    }

    @Test
    void connections_unsigned_isForbidden() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        String connectionId = client.connectContext().get("connectionId").asText();
        HttpResponse<String> response = cloud.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cloud.cloud().port()
                + "/_aws/execute-api/" + chatApi + "/dev/@connections/" + connectionId)).POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertEquals(403, response.statusCode());
        client.close();
    }

    @Test
    void connections_callerWithoutManageConnections_isForbidden() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        JsonNode context = client.connectContext();
        String connectionId = context.get("connectionId").asText();
        List<String> asked = new CopyOnWriteArrayList<>();
        cloud.cloud().services().apiGateway().useAuthorizer((request, action, resourceArn) -> {
            asked.add(action + " " + resourceArn);
            throw new AwsException("ForbiddenException", 403, "not authorized to perform: " + action);
        });
        try (ApiGatewayManagementApiClient connections = managementClient(context)) {
            var denied = assertThrows(ForbiddenException.class,
                    () -> connections.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String("x"))));
            assertEquals(403, denied.statusCode());
            assertEquals(List.of("execute-api:ManageConnections arn:aws:execute-api:ap-northeast-2:000000000000:" + chatApi + "/dev/POST/@connections/"
                    + connectionId), asked);
        } finally {
            cloud.cloud().services().apiGateway().useAuthorizer(
                    new IamConnectionAuthorizer(cloud.cloud().services().authorizer()));
        }
        client.close();
    }

    @Test
    void connections_roleSession_needsManageConnectionsOnTheConnection() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        JsonNode context = client.connectContext();
        String connectionId = context.get("connectionId").asText();
        var credentials = roleSession("chat-sender-" + System.nanoTime(), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"execute-api:ManageConnections\",\"Resource\":\"arn:aws:execute-api:ap-northeast-2:000000000000:" + chatApi
                + "/*/POST/@connections/*\"}]}");
        try (ApiGatewayManagementApiClient connections = cloud.client(ApiGatewayManagementApiClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .endpointOverride(URI.create("http://" + context.get("domainName").asText() + "/dev")).build()) {
            connections.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String("allowed")));
            assertEquals("allowed", client.next());
            var denied = assertThrows(ForbiddenException.class,
                    () -> connections.getConnection(r -> r.connectionId(connectionId)));
            assertTrue(denied.getMessage().contains("execute-api:ManageConnections"), denied.getMessage());
        }
        client.close();
    }

    /** A Lambda function's credentials: a session of a new role (trusting Lambda) whose only inline policy is {@code policy}. */
    static AwsSessionCredentials roleSession(String roleName, String policy) {
        try (var iam = cloud.client(IamClient.builder()).region(Region.AWS_GLOBAL).build()) {
            String roleArn = iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                    + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
            iam.putRolePolicy(r -> r.roleName(roleName).policyName("connections").policyDocument(policy));
            var issued = cloud.cloud().services().sts().credentialsForServicePrincipal(roleArn, "lambda.amazonaws.com", roleName);
            return AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
        }
    }

    @Test
    void message_over128KB_closesWith1009() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        String chunk = "x".repeat(16 * 1024);
        for (int i = 0; i < 8; i++) {
            client.socket.sendText(chunk, false).get(5, TimeUnit.SECONDS);
        }
        client.socket.sendText("y", true).get(5, TimeUnit.SECONDS);
        assertEquals(1009, client.closed.get(5, TimeUnit.SECONDS));
    }

    @Test
    void message_ofExactly128KBInSmallFrames_isRouted() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        String chunk = "x".repeat(16 * 1024);
        for (int i = 0; i < 7; i++) {
            client.socket.sendText(chunk, false).get(5, TimeUnit.SECONDS);
        }
        client.socket.sendText(chunk, true).get(5, TimeUnit.SECONDS);
        assertEquals(8 * 16 * 1024 + "default:".length(), client.next().length());
        client.close();
    }

    @Test
    void message_oneFrameOver32KB_closesWith1009() throws Exception {
        // java.net.http splits a message into frames of its own size, so the frame is written by hand
        try (Socket socket = new Socket("127.0.0.1", cloud.cloud().port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /dev?roomId=x HTTP/1.1\r\nHost: " + chatApi + ".execute-api.localhost:" + cloud.cloud().port() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String handshake = readHead(in);
            assertTrue(handshake.startsWith("HTTP/1.1 101"), handshake);
            int length = 32 * 1024 + 1;
            // FIN + text, masked with a zero key, 16-bit extended length
            out.write(new byte[] {(byte) 0x81, (byte) (0x80 | 126), (byte) (length >> 8), (byte) length, 0, 0, 0, 0});
            out.write("x".repeat(length).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] close = in.readNBytes(4);
            assertEquals(0x88, close[0] & 0xff, "a close frame");
            assertEquals(1009, ((close[2] & 0xff) << 8) | (close[3] & 0xff));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }

    @Test
    void message_oneFrameOfExactly32KB_isRouted() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        client.send("x".repeat(32 * 1024));
        assertEquals(32 * 1024 + "default:".length(), client.next().length());
        client.close();
    }

    @Test
    void message_binaryFrame_closesWith1003() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        client.socket.sendBinary(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0, 1}), true).get(5, TimeUnit.SECONDS);
        assertEquals(1003, client.closed.get(5, TimeUnit.SECONDS));
        assertTrue(lambda.invocations.stream().noneMatch(i -> i.event().path("requestContext").path("eventType").asText().equals("MESSAGE")),
                "a binary frame reaches no route");
    }

    @Test
    void connections_postOver32KB_arrivesWhole() throws Exception {
        Client client = connect(chatApi, "?roomId=a");
        JsonNode context = client.connectContext();
        String big = "\uD83D\uDE00".repeat(30_000); // 120 KB of UTF-8, in surrogate pairs that no frame may split
        try (ApiGatewayManagementApiClient connections = managementClient(context)) {
            connections.postToConnection(r -> r.connectionId(context.get("connectionId").asText()).data(SdkBytes.fromUtf8String(big)));
        }
        assertEquals(big, client.next());
        client.close();
    }

    @Test
    void connections_clientThatDoesNotRead_isDisconnected_andPostsAreGone() throws Exception {
        lambda.invocations.clear();
        Client client = new Client() {
            @Override
            public void onOpen(WebSocket webSocket) {
                // never asks for a message: java.net.http then stops reading the socket
            }
        };
        client.socket = http.newWebSocketBuilder().buildAsync(URI.create(wsUrl(chatApi) + "?roomId=a"), client).get(5, TimeUnit.SECONDS);
        JsonNode context = client.connectContext();
        String connectionId = context.get("connectionId").asText();
        SdkBytes message = SdkBytes.fromUtf8String("m".repeat(120 * 1024));
        int posted = 0;
        try (ApiGatewayManagementApiClient connections = managementClient(context)) {
            GoneException gone = null;
            while (gone == null && posted < 500) {
                try {
                    connections.postToConnection(r -> r.connectionId(connectionId).data(message));
                    posted++;
                } catch (GoneException e) {
                    gone = e;
                }
            }
            assertNotNull(gone, "still accepted after " + posted + " posts of 120 KB to a client that reads nothing");
            assertEquals(410, gone.statusCode());
            awaitInvocation("$disconnect", connectionId);
            assertThrows(GoneException.class, () -> connections.getConnection(r -> r.connectionId(connectionId)));
        }
    }

    @Test
    void idleConnection_isClosedAfterTheIdleTimeout_andDisconnectRuns() throws Exception {
        cloud.cloud().services().apiGateway().useConnectionLimits(Duration.ofMillis(300), Duration.ofHours(2));
        try {
            Client client = connect(chatApi, "?roomId=a");
            String connectionId = client.connectContext().get("connectionId").asText();
            assertEquals(1001, client.closed.get(5, TimeUnit.SECONDS));
            awaitInvocation("$disconnect", connectionId);
        } finally {
            cloud.cloud().services().apiGateway().useConnectionLimits(Duration.ofMinutes(10), Duration.ofHours(2));
        }
    }

    @Test
    void connection_isClosedAtItsMaximumDuration_evenWhenBusy() throws Exception {
        cloud.cloud().services().apiGateway().useConnectionLimits(Duration.ofMinutes(10), Duration.ofMillis(500));
        try {
            Client client = connect(chatApi, "?roomId=a");
            client.send("{\"action\":\"oneway\"}");
            assertEquals(1001, client.closed.get(5, TimeUnit.SECONDS));
        } finally {
            cloud.cloud().services().apiGateway().useConnectionLimits(Duration.ofMinutes(10), Duration.ofHours(2));
        }
    }

    // Helpers

    /** A WebSocket API with one AWS_PROXY integration per function, a route per key, stage "dev", deployed. */
    static String api(Map<String, String> routeToFunction, String... twoWayRoutes) {
        String apiId = apigw.createApi(r -> r.name("chat-ws").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
        routeToFunction.forEach((routeKey, function) -> {
            String integrationId = apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                    .integrationUri(FakeLambda.uri(function))).integrationId();
            String routeId = apigw.createRoute(r -> r.apiId(apiId).routeKey(routeKey).target("integrations/" + integrationId)).routeId();
            if (Arrays.asList(twoWayRoutes).contains(routeKey)) {
                apigw.createRouteResponse(r -> r.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
            }
        });
        apigw.createStage(r -> r.apiId(apiId).stageName("dev"));
        apigw.createDeployment(r -> r.apiId(apiId).stageName("dev"));
        return apiId;
    }

    static String wsUrl(String apiId) {
        return apigw.getApi(r -> r.apiId(apiId)).apiEndpoint().replace("localhost", "127.0.0.1") + "/dev";
    }

    static Client connect(String apiId, String query) throws Exception {
        // Invocations left by earlier tests (a $connect never read, a late $disconnect) must not
        // pass for this client's: $connect runs during the handshake, so the next one is ours.
        lambda.invocations.clear();
        Client client = new Client();
        client.socket = http.newWebSocketBuilder().buildAsync(URI.create(wsUrl(apiId) + query), client).get(5, TimeUnit.SECONDS);
        return client;
    }

    static int refusedStatus(String apiId, String query) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> http.newWebSocketBuilder().buildAsync(URI.create(wsUrl(apiId) + query), new Client()).get(5, TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode();
    }

    /** The management client a function builds: endpoint "http://" + requestContext.domainName + "/" + stage. */
    static ApiGatewayManagementApiClient managementClient(JsonNode context) {
        return cloud.client(ApiGatewayManagementApiClient.builder())
                .endpointOverride(URI.create("http://" + context.get("domainName").asText() + "/" + context.get("stage").asText()))
                .build();
    }

    static FakeLambda.Invocation awaitInvocation(String routeKey) throws InterruptedException {
        return awaitInvocation(routeKey, null);
    }

    /**
     * The next invocation of the route (for that connection, when given): a $disconnect of an
     * earlier test's client may still be on its way, since $disconnect runs after the close.
     */
    static FakeLambda.Invocation awaitInvocation(String routeKey, String connectionId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            FakeLambda.Invocation invocation = lambda.invocations.poll(100, TimeUnit.MILLISECONDS);
            if (invocation == null) {
                continue;
            }
            JsonNode context = invocation.event().get("requestContext");
            if (context.get("routeKey").asText().equals(routeKey)
                    && (connectionId == null || connectionId.equals(context.get("connectionId").asText()))) {
                return invocation;
            }
        }
        throw new AssertionError("no invocation of route " + routeKey + (connectionId == null ? "" : " for " + connectionId));
    }

    static class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        /** The requestContext of this connection's $connect event (the connection id, domainName, stage...). */
        JsonNode connectContext() throws InterruptedException {
            return awaitInvocation("$connect").event().get("requestContext");
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(5, TimeUnit.SECONDS);
        }

        String next() throws InterruptedException {
            String message = messages.poll(5, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within 5 s");
            }
            return message;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }
}
