package dev.chatlab.localcloud.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.apigateway.FakeLambda;
import dev.chatlab.localcloud.services.apigateway.rest.model.Resource;
import dev.chatlab.localcloud.services.apigateway.rest.model.RestApiState;
import dev.chatlab.localcloud.services.apigateway.websocket.model.RouteTable;
import dev.chatlab.localcloud.services.apigateway.websocket.model.WebSocketApiState;
import dev.chatlab.localcloud.services.cloudformation.model.ChangeSet;
import dev.chatlab.localcloud.services.cloudformation.model.Stack;
import dev.chatlab.localcloud.services.s3.model.Bucket;
import dev.chatlab.localcloud.services.s3.model.MultipartUpload;
import dev.chatlab.localcloud.services.s3.model.ObjectMetadata;
import dev.chatlab.localcloud.services.s3.model.PublicAccessBlock;
import dev.chatlab.localcloud.testing.SignedRequests;
import dev.chatlab.localcloud.testing.TestCloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * A {@code .lab} written before API Gateway, CloudFormation and S3 kept their state as
 * {@link Documents} reads the same after: {@code state-before-documents.json} holds the stored
 * text of every map they use, as the code before wrote it (a REST API with a deployed tree and
 * stage, a WebSocket API with routes, an auto-deploying stage and two deployments, a bucket with
 * tags, policy and website, an object, a multipart upload, the account's Block Public Access, a
 * stack with a pending change set). Same map names, and the new code writes the same JSON back.
 */
class StoredStateCompatibilityTest {

    private static final Map<String, Function<String, Object>> TYPES = Map.of(
            "apigateway.restapis", text -> read(text, RestApiState.class),
            "apigateway.deployments", text -> read(text, new TypeReference<Map<String, Resource>>() { }),
            "apigatewayv2.apis", text -> read(text, WebSocketApiState.class),
            "apigatewayv2.deployments", text -> read(text, RouteTable.class),
            "s3.buckets", text -> read(text, Bucket.class),
            "s3.objects", text -> read(text, ObjectMetadata.class),
            "s3.account", text -> read(text, PublicAccessBlock.class),
            "s3.uploads", text -> read(text, MultipartUpload.class),
            "cloudformation.stacks", text -> read(text, Stack.class),
            "cloudformation.changesets", text -> read(text, ChangeSet.class));

    @TempDir
    Path state;

    @Test
    void documentsWrittenBefore_readTheSame_andAreWrittenBackAsTheyWere() {
        Map<String, Map<String, String>> before = stateBefore();
        assertEquals(TYPES.keySet(), before.keySet());
        before.forEach((name, documents) -> documents.forEach((key, text) -> {
            Object parsed = TYPES.get(name).apply(text);
            assertEquals(text, Json.write(parsed), name + " " + key);
        }));
    }

    @Test
    void aCloudOnAStateWrittenBefore_servesIt() throws Exception {
        try (Storage storage = Storage.open(state)) {
            stateBefore().forEach((name, documents) -> storage.<String, String>map(name).putAll(documents));
            // the object's body, in the store's own map (the body file of the run that wrote the state is not kept)
            storage.<String, byte[]>map("s3.object-data").put("kept-bucket/index.html", "<p>hello</p>".getBytes(StandardCharsets.UTF_8));
            storage.awaitDurable();
        }
        LocalCloudConfig config = LocalCloudConfig.forTests().withDataDirectory(state);
        try (TestCloud cloud = TestCloud.start(config);
             ApiGatewayClient rest = cloud.client(ApiGatewayClient.builder()).build();
             ApiGatewayV2Client ws = cloud.client(ApiGatewayV2Client.builder()).build();
             S3Client s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build();
             CloudFormationClient cfn = cloud.client(CloudFormationClient.builder()).build()) {
            RestApi api = rest.getRestApis().items().get(0);
            assertEquals("kept", api.name());
            assertEquals(Map.of("lab", "chat"), api.tags());
            assertEquals(3, rest.getResources(r -> r.restApiId(api.id())).items().size());
            assertEquals(Map.of("v", "1"), rest.getStage(r -> r.restApiId(api.id()).stageName("dev")).variables());
            cloud.cloud().services().apiGateway().useLambda(new FakeLambda().function("chat-connect",
                    event -> FakeLambda.answer(200, event.path("pathParameters").path("roomId").asText())));
            HttpResponse<String> answer = cloud.send(HttpRequest.newBuilder(
                    URI.create(cloud.endpoint() + "/_aws/execute-api/" + api.id() + "/dev/rooms/general")).GET().build());
            assertEquals(200, answer.statusCode());
            assertEquals("general", answer.body());

            Api webSocket = ws.getApis(r -> { }).items().get(0);
            assertEquals("ws://localhost:" + cloud.cloud().port() + "/_aws/execute-api/" + webSocket.apiId(), webSocket.apiEndpoint());
            assertEquals(2, ws.getRoutes(r -> r.apiId(webSocket.apiId())).items().size());
            assertEquals(2, ws.getDeployments(r -> r.apiId(webSocket.apiId())).items().size());
            assertTrue(ws.getStage(r -> r.apiId(webSocket.apiId()).stageName("dev")).autoDeploy());

            Tag tag = s3.getBucketTagging(r -> r.bucket("kept-bucket")).tagSet().get(0);
            assertEquals("lab=chat", tag.key() + "=" + tag.value());
            assertTrue(s3.getBucketPolicy(r -> r.bucket("kept-bucket")).policy().contains("s3:GetObject"));
            assertEquals("index.html", s3.getBucketWebsite(r -> r.bucket("kept-bucket")).indexDocument().suffix());
            HeadObjectResponse object = s3.headObject(r -> r.bucket("kept-bucket").key("index.html"));
            assertEquals("text/html", object.contentType());
            assertEquals(Map.of("who", "kim"), object.metadata());
            assertEquals(12L, object.contentLength());
            assertEquals("<p>hello</p>", s3.getObjectAsBytes(r -> r.bucket("kept-bucket").key("index.html")).asUtf8String());
            assertEquals("big.bin", s3.listMultipartUploads(r -> r.bucket("kept-bucket")).uploads().get(0).key());
            HttpResponse<String> account = cloud.send(SignedRequests.s3(cloud, "GET", "/v20180820/configuration/publicAccessBlock",
                    Map.of("x-amz-account-id", "000000000000"), ""));
            assertTrue(account.body().contains("<BlockPublicAcls>true</BlockPublicAcls>"), account.body());

            var stack = cfn.describeStacks(r -> r.stackName("kept-stack")).stacks().get(0);
            assertEquals(StackStatus.CREATE_COMPLETE, stack.stackStatus());
            assertEquals("kept-stack-site", stack.outputs().get(0).outputValue());
            assertEquals("AVAILABLE", cfn.describeChangeSet(r -> r.stackName("kept-stack").changeSetName("second"))
                    .executionStatusAsString());
        }
    }

    private static Map<String, Map<String, String>> stateBefore() {
        try (InputStream in = StoredStateCompatibilityTest.class.getResourceAsStream("state-before-documents.json")) {
            return Json.MAPPER.readValue(in, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(String text, Class<?> type) {
        return Json.read(text.getBytes(StandardCharsets.UTF_8), type);
    }

    private static Object read(String text, TypeReference<?> type) {
        try {
            return Json.MAPPER.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
