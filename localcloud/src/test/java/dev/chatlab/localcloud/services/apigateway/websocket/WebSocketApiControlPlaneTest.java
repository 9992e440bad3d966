package dev.chatlab.localcloud.services.apigateway.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateIntegrationResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateRouteResponse;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

class WebSocketApiControlPlaneTest {

    static final String URI = "arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:ap-northeast-2:000000000000:function:chat-connect/invocations";

    static TestCloud cloud;
    static ApiGatewayV2Client apigw;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        // Apache's client: UpdateRoute is a PATCH, which the URLConnection client cannot send.
        apigw = cloud.client(ApiGatewayV2Client.builder()).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        apigw.close();
        cloud.close();
    }

    @Test
    void createApi_websocket_hasAnEndpointThatResolvesEverywhere() {
        CreateApiResponse api = apigw.createApi(r -> r.name("chat-ws").protocolType(ProtocolType.WEBSOCKET)
                .routeSelectionExpression("$request.body.action").tags(Map.of("lab", "chat")));
        assertEquals(10, api.apiId().length());
        assertEquals("ws://localhost:" + cloud.cloud().port() + "/_aws/execute-api/" + api.apiId(), api.apiEndpoint());
        assertEquals("$request.body.action", api.routeSelectionExpression());
        assertEquals(ProtocolType.WEBSOCKET, api.protocolType());
        assertEquals(Map.of("lab", "chat"), api.tags());
        assertNotNull(api.createdDate());

        assertEquals(api.apiEndpoint(), apigw.getApi(r -> r.apiId(api.apiId())).apiEndpoint());
        assertTrue(apigw.getApis(r -> { }).items().stream().anyMatch(a -> a.apiId().equals(api.apiId())));
    }

    @Test
    void updateApi_changesNameAndKeepsTheEndpoint() {
        String apiId = newApi();
        var updated = apigw.updateApi(r -> r.apiId(apiId).name("renamed").description("now described"));
        assertEquals("renamed", updated.name());
        assertEquals("now described", updated.description());
        assertEquals("ws://localhost:" + cloud.cloud().port() + "/_aws/execute-api/" + apiId, updated.apiEndpoint());
        assertEquals("renamed", apigw.getApi(r -> r.apiId(apiId)).name());
    }

    @Test
    void createApi_http_isAClearBadRequest() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> apigw.createApi(r -> r.name("http").protocolType(ProtocolType.HTTP)));
        assertTrue(e.getMessage().contains("WEBSOCKET"), e.getMessage());
    }

    @Test
    void createApi_withoutRouteSelectionExpression_isBadRequest() {
        assertThrows(BadRequestException.class, () -> apigw.createApi(r -> r.name("x").protocolType(ProtocolType.WEBSOCKET)));
    }

    @Test
    void getApi_unknown_isNotFound() {
        assertThrows(NotFoundException.class, () -> apigw.getApi(r -> r.apiId("nosuchapi1")));
    }

    @Test
    void integrationsRoutesAndRouteResponses_roundTrip() {
        String apiId = newApi();
        CreateIntegrationResponse integration = apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(URI).integrationMethod("POST"));
        assertEquals(IntegrationType.AWS_PROXY, integration.integrationType());
        assertEquals(29000, integration.timeoutInMillis());
        assertEquals(URI, apigw.getIntegration(r -> r.apiId(apiId).integrationId(integration.integrationId())).integrationUri());

        for (String key : new String[] {"$connect", "$disconnect", "$default", "sendMessage"}) {
            apigw.createRoute(r -> r.apiId(apiId).routeKey(key).target("integrations/" + integration.integrationId()));
        }
        assertEquals(4, apigw.getRoutes(r -> r.apiId(apiId)).items().size());
        CreateRouteResponse route = apigw.getRoutes(r -> r.apiId(apiId)).items().stream().filter(x -> x.routeKey().equals("sendMessage"))
                .findFirst().map(x -> apigw.createRoute(r -> r.apiId(apiId).routeKey("echo"))).orElseThrow();
        apigw.createRouteResponse(r -> r.apiId(apiId).routeId(route.routeId()).routeResponseKey("$default"));
        assertEquals(1, apigw.getRouteResponses(r -> r.apiId(apiId).routeId(route.routeId())).items().size());

        var updated = apigw.updateRoute(r -> r.apiId(apiId).routeId(route.routeId()).target("integrations/" + integration.integrationId()));
        assertEquals("integrations/" + integration.integrationId(), updated.target());
        apigw.deleteRoute(r -> r.apiId(apiId).routeId(route.routeId()));
        assertEquals(4, apigw.getRoutes(r -> r.apiId(apiId)).items().size());
        assertEquals(1, apigw.getIntegrations(r -> r.apiId(apiId)).items().size());
    }

    @Test
    void updateIntegration_withoutIntegrationType_changesOnlyWhatIsGiven() {
        String apiId = newApi();
        String integrationId = apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(URI).integrationMethod("POST")).integrationId();

        var updated = apigw.updateIntegration(r -> r.apiId(apiId).integrationId(integrationId).timeoutInMillis(5000));

        assertEquals(IntegrationType.AWS_PROXY, updated.integrationType());
        assertEquals(URI, updated.integrationUri());
        assertEquals(5000, updated.timeoutInMillis());
        var stored = apigw.getIntegration(r -> r.apiId(apiId).integrationId(integrationId));
        assertEquals(IntegrationType.AWS_PROXY, stored.integrationType());
        assertEquals(5000, stored.timeoutInMillis());
    }

    @Test
    void createRoute_sameKeyTwice_isConflict() {
        String apiId = newApi();
        apigw.createRoute(r -> r.apiId(apiId).routeKey("$default"));
        assertThrows(ConflictException.class, () -> apigw.createRoute(r -> r.apiId(apiId).routeKey("$default")));
    }

    @Test
    void createRoute_targetOfUnknownIntegration_isBadRequest() {
        String apiId = newApi();
        assertThrows(BadRequestException.class, () -> apigw.createRoute(r -> r.apiId(apiId).routeKey("x").target("integrations/zzzzzzz")));
    }

    @Test
    void createDeployment_withoutRoutes_isBadRequest_thenStageServesTheDeployment() {
        String apiId = newApi();
        apigw.createStage(r -> r.apiId(apiId).stageName("dev"));
        assertThrows(BadRequestException.class, () -> apigw.createDeployment(r -> r.apiId(apiId).stageName("dev")));
        apigw.createRoute(r -> r.apiId(apiId).routeKey("$default"));
        String deploymentId = apigw.createDeployment(r -> r.apiId(apiId).stageName("dev")).deploymentId();
        assertEquals(deploymentId, apigw.getStage(r -> r.apiId(apiId).stageName("dev")).deploymentId());
        assertEquals(1, apigw.getDeployments(r -> r.apiId(apiId)).items().size());
        assertEquals(1, apigw.getStages(r -> r.apiId(apiId)).items().size());
        assertThrows(ConflictException.class, () -> apigw.createStage(r -> r.apiId(apiId).stageName("dev")));
        apigw.deleteStage(r -> r.apiId(apiId).stageName("dev"));
        assertThrows(NotFoundException.class, () -> apigw.getStage(r -> r.apiId(apiId).stageName("dev")));
    }

    @Test
    void createDeployment_forUnknownStage_isNotFound() {
        String apiId = newApi();
        apigw.createRoute(r -> r.apiId(apiId).routeKey("$default"));
        assertThrows(NotFoundException.class, () -> apigw.createDeployment(r -> r.apiId(apiId).stageName("nope")));
    }

    @Test
    void autoDeployStage_getsADeploymentAfterEachChange() {
        String apiId = newApi();
        apigw.createStage(r -> r.apiId(apiId).stageName("live").autoDeploy(true));
        assertEquals(null, apigw.getStage(r -> r.apiId(apiId).stageName("live")).deploymentId());
        apigw.createRoute(r -> r.apiId(apiId).routeKey("$default"));
        String first = apigw.getStage(r -> r.apiId(apiId).stageName("live")).deploymentId();
        assertNotNull(first);
        apigw.createRoute(r -> r.apiId(apiId).routeKey("other"));
        assertFalse(first.equals(apigw.getStage(r -> r.apiId(apiId).stageName("live")).deploymentId()));
    }

    @Test
    void deleteIntegration_stillTargeted_isConflict_thenDeletable() {
        String apiId = newApi();
        String integrationId = apigw.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY).integrationUri(URI)).integrationId();
        String routeId = apigw.createRoute(r -> r.apiId(apiId).routeKey("$default").target("integrations/" + integrationId)).routeId();
        assertThrows(ConflictException.class, () -> apigw.deleteIntegration(r -> r.apiId(apiId).integrationId(integrationId)));
        apigw.deleteRoute(r -> r.apiId(apiId).routeId(routeId));
        apigw.deleteIntegration(r -> r.apiId(apiId).integrationId(integrationId));
        assertTrue(apigw.getIntegrations(r -> r.apiId(apiId)).items().isEmpty());
    }

    @Test
    void tags_onApiAndStage() {
        String apiId = newApi();
        apigw.createStage(r -> r.apiId(apiId).stageName("dev").tags(Map.of("a", "1")));
        String arn = "arn:aws:apigateway:ap-northeast-2::/apis/" + apiId;
        apigw.tagResource(r -> r.resourceArn(arn).tags(Map.of("lab", "chat", "x", "y")));
        apigw.untagResource(r -> r.resourceArn(arn).tagKeys("x"));
        assertEquals(Map.of("lab", "chat"), apigw.getTags(r -> r.resourceArn(arn)).tags());
        assertEquals(Map.of("a", "1"), apigw.getTags(r -> r.resourceArn(arn + "/stages/dev")).tags());
    }

    @Test
    void deleteApi_thenGet_isNotFound() {
        String apiId = newApi();
        apigw.deleteApi(r -> r.apiId(apiId));
        assertThrows(NotFoundException.class, () -> apigw.getApi(r -> r.apiId(apiId)));
    }

    private static String newApi() {
        return apigw.createApi(r -> r.name("ws").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")).apiId();
    }
}
