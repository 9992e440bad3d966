package dev.chatlab.cli.mistakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetIntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.GetStageResponse;
import software.amazon.awssdk.services.apigatewayv2.model.Route;

/**
 * Step 5's catalogue of mistakes, made as a console user makes them (API Gateway calls on the
 * finished lab's APIs): each fails the check that names it, with the hint that fixes it. Undoing
 * one puts back what step 6 had connected (the route's or method's integration) and deploys
 * again, so the chat and step 6's checks are as they were.
 */
class Step5MistakesTest {

    static final String MESSAGES_PATH = "/rooms/{roomId}/messages";

    static MistakeLab lab;
    static ApiGatewayClient rest;
    static ApiGatewayV2Client webSocket;
    static String restApiId;
    static String webSocketApiId;
    static String stage;

    @BeforeAll
    static void completeLab() {
        lab = MistakeLab.shared();
        rest = lab.lab().client(ApiGatewayClient.builder());
        webSocket = lab.lab().client(ApiGatewayV2Client.builder());
        restApiId = rest.getRestApis(b -> b.limit(500)).items().stream()
                .filter(a -> a.name().equals(lab.lab().names().restApi())).findFirst().orElseThrow().id();
        webSocketApiId = webSocket.getApis(b -> b.maxResults("500")).items().stream()
                .filter(a -> a.name().equals(lab.lab().names().webSocketApi())).findFirst().orElseThrow().apiId();
        stage = lab.lab().names().stage();
    }

    @Test
    void routeSelectionOnAnotherField_failsOnTheRouteSelection_withTheUpdateCommand() {
        try {
            webSocket.updateApi(b -> b.apiId(webSocketApiId).routeSelectionExpression("$request.body.type"));
            lab.assertFailsFirstOn(5, "selects routes by $request.body.action", "--route-selection-expression '$request.body.action'");
        } finally {
            webSocket.updateApi(b -> b.apiId(webSocketApiId).routeSelectionExpression("$request.body.action"));
        }
        lab.assertPasses(5);
    }

    @Test
    void routeSelectionMisspelled_runAgain_correctsIt() {
        try {
            webSocket.updateApi(b -> b.apiId(webSocketApiId).routeSelectionExpression("$request.body.Action"));
            assertEquals(0, lab.lab("step", "5", "--solution"), "a second run corrects the expression and passes");
            assertEquals("$request.body.action", webSocket.getApi(b -> b.apiId(webSocketApiId)).routeSelectionExpression());
        } finally {
            webSocket.updateApi(b -> b.apiId(webSocketApiId).routeSelectionExpression("$request.body.action"));
        }
        lab.assertPasses(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$connect", "$disconnect", "sendMessage", "$default"})
    void routeMissing_failsOnTheRoutes_sayingWhatBreaksWithoutIt(String routeKey) {
        Route route = route(routeKey);
        try {
            webSocket.deleteRoute(b -> b.apiId(webSocketApiId).routeId(route.routeId()));
            lab.assertFailsFirstOn(5, "routes [$connect, $disconnect, sendMessage, $default] exist", "Without " + routeKey);
        } finally {
            restoreRoute(route);
        }
        lab.assertPasses(5);
    }

    @Test
    void routeSpelledInAnotherCase_failsOnTheRoutes_showingTheRoutesFound() {
        Route route = route("sendMessage");
        try {
            webSocket.deleteRoute(b -> b.apiId(webSocketApiId).routeId(route.routeId()));
            webSocket.createRoute(b -> b.apiId(webSocketApiId).routeKey("SendMessage").target(route.target()));
            lab.assertFailsFirstOn(5, "routes", "Missing [sendMessage] (found [$connect, $default, $disconnect, SendMessage])");
        } finally {
            webSocket.getRoutes(b -> b.apiId(webSocketApiId)).items().stream().filter(r -> r.routeKey().equals("SendMessage"))
                    .forEach(stray -> webSocket.deleteRoute(b -> b.apiId(webSocketApiId).routeId(stray.routeId())));
            restoreRoute(route);
        }
        lab.assertPasses(5);
    }

    @Test
    void routeMissing_runAgain_addsIt() {
        Route route = route("$disconnect");
        try {
            webSocket.deleteRoute(b -> b.apiId(webSocketApiId).routeId(route.routeId()));
            assertEquals(0, lab.lab("step", "5", "--solution"), "a second run adds the route and passes");
        } finally {
            // step 6 connects the route again: here, as step 6 did, to the same integration
            Route added = webSocket.getRoutes(b -> b.apiId(webSocketApiId)).items().stream()
                    .filter(r -> r.routeKey().equals("$disconnect")).findFirst().orElse(null);
            if (added != null) {
                webSocket.updateRoute(b -> b.apiId(webSocketApiId).routeId(added.routeId()).target(route.target()));
                webSocket.createDeployment(b -> b.apiId(webSocketApiId).stageName(stage));
            } else {
                restoreRoute(route);
            }
        }
        lab.assertPasses(5);
    }

    @Test
    void routesCompletedWithoutDefault_runPrintsTheRoutesThereAre() {
        Route route = route("$default");
        try {
            webSocket.deleteRoute(b -> b.apiId(webSocketApiId).routeId(route.routeId()));
            String printed = lab.run(5, source -> source.replace("for (String routeKey : ROUTE_KEYS) {", "for (String routeKey : ROUTE_KEYS.subList(0, 3)) {"));
            assertTrue(printed.contains("routes selected by $request.body.action, routes [$connect, $disconnect, sendMessage], stages [dev]"), printed);
            lab.assertFailsFirstOn(5, "routes", "Without $default");
        } finally {
            restoreRoute(route);
        }
        lab.assertPasses(5);
    }

    @Test
    void stageMissing_failsOnTheStage_withTheCreateCommand() {
        GetStageResponse before = webSocket.getStage(b -> b.apiId(webSocketApiId).stageName(stage));
        try {
            webSocket.deleteStage(b -> b.apiId(webSocketApiId).stageName(stage));
            lab.assertFailsFirstOn(5, "stage dev exists", "aws apigatewayv2 create-stage --api-id " + webSocketApiId + " --stage-name dev");
        } finally {
            webSocket.createStage(b -> b.apiId(webSocketApiId).stageName(stage).deploymentId(before.deploymentId()).tags(before.tags()));
        }
        lab.assertPasses(5);
    }

    @Test
    void messagesResourceMissing_failsOnTheResource_listingThePathsFound() {
        GetIntegrationResponse history = getIntegration();
        try {
            String rooms = resource("/rooms").id();
            rest.deleteResource(b -> b.restApiId(restApiId).resourceId(rooms));
            lab.assertFailsFirstOn(5, "resource " + MESSAGES_PATH + " exists", "Paths found: /.");
        } finally {
            assertEquals(0, lab.lab("step", "5", "--solution"), "a second run builds the path again");
            restoreHistoryIntegration(history);
        }
        lab.assertPasses(5);
    }

    @Test
    void getMethodMissing_failsOnTheMethods() {
        GetIntegrationResponse history = getIntegration();
        try {
            rest.deleteMethod(b -> b.restApiId(restApiId).resourceId(resource(MESSAGES_PATH).id()).httpMethod("GET"));
            lab.assertFailsFirstOn(5, "has GET (no authorization) and OPTIONS", "Methods found: [OPTIONS]. Add GET");
        } finally {
            restoreHistoryIntegration(history);
        }
        lab.assertPasses(5);
    }

    @Test
    void getMethodWithIamAuthorization_failsOnTheMethods_becauseABrowserCannotSign() {
        GetIntegrationResponse history = getIntegration();
        String messages = resource(MESSAGES_PATH).id();
        try {
            rest.deleteMethod(b -> b.restApiId(restApiId).resourceId(messages).httpMethod("GET"));
            rest.putMethod(b -> b.restApiId(restApiId).resourceId(messages).httpMethod("GET").authorizationType("AWS_IAM"));
            lab.assertFailsFirstOn(5, "has GET (no authorization) and OPTIONS", "GET asks for authorization AWS_IAM");
        } finally {
            rest.deleteMethod(b -> b.restApiId(restApiId).resourceId(messages).httpMethod("GET"));
            restoreHistoryIntegration(history);
        }
        lab.assertPasses(5);
    }

    @Test
    void optionsMissing_failsOnTheMethods_namingCors_andARunAgainAddsIt() {
        try {
            rest.deleteMethod(b -> b.restApiId(restApiId).resourceId(resource(MESSAGES_PATH).id()).httpMethod("OPTIONS"));
            lab.assertFailsFirstOn(5, "has GET (no authorization) and OPTIONS", "Add OPTIONS, the CORS preflight");
        } finally {
            assertEquals(0, lab.lab("step", "5", "--solution"), "a second run adds the preflight");
            rest.createDeployment(b -> b.restApiId(restApiId).stageName(stage));
        }
        lab.assertPasses(5);
    }

    // --- the lab's parts, and putting back what step 6 had connected ---

    static Route route(String routeKey) {
        return webSocket.getRoutes(b -> b.apiId(webSocketApiId)).items().stream()
                .filter(r -> r.routeKey().equals(routeKey)).findFirst().orElseThrow();
    }

    static void restoreRoute(Route route) {
        if (webSocket.getRoutes(b -> b.apiId(webSocketApiId)).items().stream().noneMatch(r -> r.routeKey().equals(route.routeKey()))) {
            webSocket.createRoute(b -> b.apiId(webSocketApiId).routeKey(route.routeKey()).target(route.target()));
        }
        webSocket.createDeployment(b -> b.apiId(webSocketApiId).stageName(stage));
    }

    static Resource resource(String path) {
        return rest.getResources(b -> b.restApiId(restApiId).limit(500)).items().stream()
                .filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }

    static GetIntegrationResponse getIntegration() {
        GetIntegrationResponse integration = rest.getIntegration(b -> b.restApiId(restApiId).resourceId(resource(MESSAGES_PATH).id()).httpMethod("GET"));
        assertTrue(integration.uri().contains(lab.lab().names().getMessagesFunction()), integration.uri());
        return integration;
    }

    /** The GET method as step 5 makes it and its integration as step 6 connects it, then a deployment, as step 6 ends. */
    static void restoreHistoryIntegration(GetIntegrationResponse history) {
        String messages = resource(MESSAGES_PATH).id();
        var methods = rest.getResource(b -> b.restApiId(restApiId).resourceId(messages)).resourceMethods();
        if (methods == null || !methods.containsKey("GET")) {
            rest.putMethod(b -> b.restApiId(restApiId).resourceId(messages).httpMethod("GET").authorizationType("NONE")
                    .requestParameters(Map.of("method.request.path.roomId", true)));
        }
        rest.putIntegration(b -> b.restApiId(restApiId).resourceId(messages).httpMethod("GET")
                .type(history.type()).integrationHttpMethod(history.httpMethod()).uri(history.uri()));
        rest.createDeployment(b -> b.restApiId(restApiId).stageName(stage));
    }
}
