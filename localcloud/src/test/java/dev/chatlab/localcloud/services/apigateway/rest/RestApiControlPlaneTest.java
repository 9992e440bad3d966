package dev.chatlab.localcloud.services.apigateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateDeploymentResponse;
import software.amazon.awssdk.services.apigateway.model.CreateResourceResponse;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.Resource;

class RestApiControlPlaneTest {

    static final String FUNCTION_ARN = "arn:aws:lambda:ap-northeast-2:000000000000:function:chat-get-messages";
    static final String INVOCATION_URI = "arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/" + FUNCTION_ARN + "/invocations";

    static TestCloud cloud;
    static ApiGatewayClient apigateway;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        // Apache's client: UpdateStage is a PATCH, which the URLConnection client cannot send.
        apigateway = cloud.client(ApiGatewayClient.builder()).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        apigateway.close();
        cloud.close();
    }

    @Test
    void createRestApi_hasRootResourceAndIsListed() {
        CreateRestApiResponse api = apigateway.createRestApi(r -> r.name("chat-rest").description("lab").tags(Map.of("lab", "chat")));
        assertEquals(10, api.id().length());
        assertEquals("chat-rest", api.name());
        assertNotNull(api.createdDate());
        assertEquals(Map.of("lab", "chat"), api.tags());

        List<Resource> resources = apigateway.getResources(r -> r.restApiId(api.id())).items();
        assertEquals(1, resources.size());
        assertEquals("/", resources.get(0).path());
        assertTrue(apigateway.getRestApis(r -> { }).items().stream().anyMatch(a -> a.id().equals(api.id())));
        assertEquals("chat-rest", apigateway.getRestApi(r -> r.restApiId(api.id())).name());
    }

    @Test
    void getRestApi_unknownId_isNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> apigateway.getRestApi(r -> r.restApiId("nosuchapi1")));
        assertEquals(404, e.statusCode());
        assertTrue(e.getMessage().contains("Invalid API identifier specified"), e.getMessage());
    }

    @Test
    void createResource_buildsPathsWithVariablesAndGreedyParts() {
        String apiId = apigateway.createRestApi(r -> r.name("tree")).id();
        String root = rootOf(apiId);
        CreateResourceResponse rooms = apigateway.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("rooms"));
        CreateResourceResponse room = apigateway.createResource(r -> r.restApiId(apiId).parentId(rooms.id()).pathPart("{roomId}"));
        CreateResourceResponse messages = apigateway.createResource(r -> r.restApiId(apiId).parentId(room.id()).pathPart("messages"));
        CreateResourceResponse proxy = apigateway.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("{proxy+}"));

        assertEquals("/rooms/{roomId}/messages", messages.path());
        assertEquals(room.id(), messages.parentId());
        assertEquals("/{proxy+}", proxy.path());
        assertEquals(5, apigateway.getResources(r -> r.restApiId(apiId)).items().size());
    }

    @Test
    void createResource_sameNameTwice_isConflict() {
        String apiId = apigateway.createRestApi(r -> r.name("dup")).id();
        String root = rootOf(apiId);
        apigateway.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("rooms"));
        assertThrows(ConflictException.class, () -> apigateway.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("rooms")));
    }

    @Test
    void createResource_secondVariableSibling_isBadRequest() {
        String apiId = apigateway.createRestApi(r -> r.name("vars")).id();
        String root = rootOf(apiId);
        apigateway.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("{a}"));
        assertThrows(BadRequestException.class, () -> apigateway.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("{b}")));
    }

    @Test
    void deleteResource_removesItsChildren() {
        String apiId = apigateway.createRestApi(r -> r.name("del")).id();
        String root = rootOf(apiId);
        String rooms = apigateway.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("rooms")).id();
        apigateway.createResource(r -> r.restApiId(apiId).parentId(rooms).pathPart("{roomId}"));
        apigateway.deleteResource(r -> r.restApiId(apiId).resourceId(rooms));
        assertEquals(1, apigateway.getResources(r -> r.restApiId(apiId)).items().size());
    }

    @Test
    void putMethodAndIntegration_areShownByGetMethod() {
        String apiId = apigateway.createRestApi(r -> r.name("methods")).id();
        String root = rootOf(apiId);
        apigateway.putMethod(r -> r.restApiId(apiId).resourceId(root).httpMethod("GET").authorizationType("NONE")
                .requestParameters(Map.of("method.request.querystring.limit", false)));
        apigateway.putIntegration(r -> r.restApiId(apiId).resourceId(root).httpMethod("GET")
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri(INVOCATION_URI));
        apigateway.putMethodResponse(r -> r.restApiId(apiId).resourceId(root).httpMethod("GET").statusCode("200")
                .responseParameters(Map.of("method.response.header.Access-Control-Allow-Origin", true)));

        GetMethodResponse method = apigateway.getMethod(r -> r.restApiId(apiId).resourceId(root).httpMethod("GET"));
        assertEquals("NONE", method.authorizationType());
        assertEquals(IntegrationType.AWS_PROXY, method.methodIntegration().type());
        assertEquals(INVOCATION_URI, method.methodIntegration().uri());
        assertEquals("POST", method.methodIntegration().httpMethod());
        assertEquals(29000, method.methodIntegration().timeoutInMillis());
        assertTrue(method.methodResponses().containsKey("200"));
        assertEquals(INVOCATION_URI, apigateway.getIntegration(r -> r.restApiId(apiId).resourceId(root).httpMethod("GET")).uri());
    }

    @Test
    void putMethod_twice_isConflict_andUnknownMethod_isNotFound() {
        String apiId = apigateway.createRestApi(r -> r.name("m2")).id();
        String root = rootOf(apiId);
        apigateway.putMethod(r -> r.restApiId(apiId).resourceId(root).httpMethod("GET").authorizationType("NONE"));
        assertThrows(ConflictException.class,
                () -> apigateway.putMethod(r -> r.restApiId(apiId).resourceId(root).httpMethod("GET").authorizationType("NONE")));
        assertThrows(NotFoundException.class, () -> apigateway.getMethod(r -> r.restApiId(apiId).resourceId(root).httpMethod("POST")));
    }

    @Test
    void putIntegration_awsProxyWithoutLambdaUri_isBadRequest() {
        String apiId = apigateway.createRestApi(r -> r.name("baduri")).id();
        String root = rootOf(apiId);
        apigateway.putMethod(r -> r.restApiId(apiId).resourceId(root).httpMethod("GET").authorizationType("NONE"));
        assertThrows(BadRequestException.class, () -> apigateway.putIntegration(r -> r.restApiId(apiId).resourceId(root).httpMethod("GET")
                .type(IntegrationType.AWS_PROXY).integrationHttpMethod("POST").uri("arn:aws:lambda:ap-northeast-2:000000000000:function:x")));
    }

    @Test
    void mockIntegrationWithResponses_forCorsPreflight() {
        String apiId = apigateway.createRestApi(r -> r.name("cors")).id();
        String root = rootOf(apiId);
        apigateway.putMethod(r -> r.restApiId(apiId).resourceId(root).httpMethod("OPTIONS").authorizationType("NONE"));
        apigateway.putIntegration(r -> r.restApiId(apiId).resourceId(root).httpMethod("OPTIONS").type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
        apigateway.putMethodResponse(r -> r.restApiId(apiId).resourceId(root).httpMethod("OPTIONS").statusCode("200")
                .responseParameters(Map.of("method.response.header.Access-Control-Allow-Origin", false)));
        apigateway.putIntegrationResponse(r -> r.restApiId(apiId).resourceId(root).httpMethod("OPTIONS").statusCode("200")
                .responseParameters(Map.of("method.response.header.Access-Control-Allow-Origin", "'*'")));
        var integration = apigateway.getIntegration(r -> r.restApiId(apiId).resourceId(root).httpMethod("OPTIONS"));
        assertEquals("'*'", integration.integrationResponses().get("200").responseParameters().get("method.response.header.Access-Control-Allow-Origin"));
    }

    @Test
    void createDeployment_withoutMethods_isBadRequest() {
        String apiId = apigateway.createRestApi(r -> r.name("empty")).id();
        assertThrows(BadRequestException.class, () -> apigateway.createDeployment(r -> r.restApiId(apiId).stageName("dev")));
    }

    @Test
    void createDeployment_withStageName_createsTheStage_andStagesCanBeUpdatedAndDeleted() {
        String apiId = deployableApi("stages");
        CreateDeploymentResponse deployment = apigateway.createDeployment(r -> r.restApiId(apiId).stageName("dev").description("first"));
        GetStageResponse stage = apigateway.getStage(r -> r.restApiId(apiId).stageName("dev"));
        assertEquals(deployment.id(), stage.deploymentId());
        assertEquals(1, apigateway.getDeployments(r -> r.restApiId(apiId)).items().size());

        CreateDeploymentResponse second = apigateway.createDeployment(r -> r.restApiId(apiId));
        apigateway.createStage(r -> r.restApiId(apiId).stageName("prod").deploymentId(second.id()).variables(Map.of("table", "ChatMessages")));
        assertThrows(ConflictException.class, () -> apigateway.createStage(r -> r.restApiId(apiId).stageName("prod").deploymentId(second.id())));
        assertEquals(2, apigateway.getStages(r -> r.restApiId(apiId)).item().size());

        var updated = apigateway.updateStage(r -> r.restApiId(apiId).stageName("prod").patchOperations(
                p -> p.op(Op.REPLACE).path("/description").value("production"),
                p -> p.op(Op.REPLACE).path("/variables/limit").value("50")));
        assertEquals("production", updated.description());
        assertEquals(Map.of("table", "ChatMessages", "limit", "50"), updated.variables());

        apigateway.deleteStage(r -> r.restApiId(apiId).stageName("prod"));
        assertThrows(NotFoundException.class, () -> apigateway.getStage(r -> r.restApiId(apiId).stageName("prod")));
    }

    @Test
    void createStage_unknownDeployment_isNotFound() {
        String apiId = deployableApi("nodeploy");
        assertThrows(NotFoundException.class, () -> apigateway.createStage(r -> r.restApiId(apiId).stageName("dev").deploymentId("zzzzzz")));
    }

    @Test
    void tags_onApiAndStage() {
        String apiId = deployableApi("tags");
        apigateway.createDeployment(r -> r.restApiId(apiId).stageName("dev"));
        String apiArn = "arn:aws:apigateway:ap-northeast-2::/restapis/" + apiId;
        apigateway.tagResource(r -> r.resourceArn(apiArn).tags(Map.of("lab", "chat", "owner", "me")));
        apigateway.untagResource(r -> r.resourceArn(apiArn).tagKeys("owner"));
        assertEquals(Map.of("lab", "chat"), apigateway.getTags(r -> r.resourceArn(apiArn)).tags());
        String stageArn = apiArn + "/stages/dev";
        apigateway.tagResource(r -> r.resourceArn(stageArn).tags(Map.of("stage", "yes")));
        assertEquals(Map.of("stage", "yes"), apigateway.getTags(r -> r.resourceArn(stageArn)).tags());
    }

    @Test
    void deleteRestApi_thenGet_isNotFound() {
        String apiId = apigateway.createRestApi(r -> r.name("gone")).id();
        apigateway.deleteRestApi(r -> r.restApiId(apiId));
        assertThrows(NotFoundException.class, () -> apigateway.getRestApi(r -> r.restApiId(apiId)));
    }

    private static String rootOf(String apiId) {
        return apigateway.getResources(r -> r.restApiId(apiId)).items().stream().filter(res -> res.path().equals("/")).findFirst().orElseThrow().id();
    }

    private static String deployableApi(String name) {
        String apiId = apigateway.createRestApi(r -> r.name(name)).id();
        String root = rootOf(apiId);
        apigateway.putMethod(r -> r.restApiId(apiId).resourceId(root).httpMethod("GET").authorizationType("NONE"));
        apigateway.putIntegration(r -> r.restApiId(apiId).resourceId(root).httpMethod("GET").type(IntegrationType.AWS_PROXY)
                .integrationHttpMethod("POST").uri(INVOCATION_URI));
        return apiId;
    }
}
