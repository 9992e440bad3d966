package dev.chatlab.cli.mistakes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.labkit.HeadlessBrowser;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Names;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * Step 8's mistakes, made on the complete lab as a console user would: a config.js that names
 * an API that does not exist or is not deployed, and a page that renders a message as HTML.
 */
class Step8MistakesTest {

    static MistakeLab mistakes;
    static Lab lab;
    static Names names;

    @BeforeAll
    static void lab() {
        mistakes = MistakeLab.shared();
        lab = mistakes.lab();
        names = lab.names();
    }

    @Test
    void configNamingAnApiThatDoesNotExist_failsOnConfig() {
        withObject("config.js", right -> right.replaceAll("(restUrl: \"[^\"]*/_aws/execute-api/)[a-z0-9]+/", "$1nosuchapi0/")
                        .replaceAll("(restUrl: \"https://)[a-z0-9]+\\.", "$1nosuchapi0."),
                () -> mistakes.assertFailsFirstOn(8, "config.js names both APIs", "names API nosuchapi0, which does not exist"));
    }

    @Test
    void configNamingAnApiThatIsNotDeployed_failsOnConfig() {
        ApiGatewayV2Client webSocket = lab.client(ApiGatewayV2Client.builder());
        var other = webSocket.createApi(b -> b.name(names.prefix() + "-undeployed").protocolType("WEBSOCKET")
                .routeSelectionExpression("$request.body.action"));
        String realId = webSocket.getApis(b -> b.maxResults("500")).items().stream()
                .filter(a -> a.name().equals(names.webSocketApi())).findFirst().orElseThrow().apiId();
        try {
            withObject("config.js", right -> right.replace(realId, other.apiId()),
                    () -> mistakes.assertFailsFirstOn(8, "config.js names both APIs", "which is not deployed to stage dev"));
        } finally {
            webSocket.deleteApi(b -> b.apiId(other.apiId()));
        }
        mistakes.assertPasses(8);
    }

    @Test
    void pageRenderingAMessageAsHtml_failsOnTheLiteralTextCheck() {
        Assumptions.assumeTrue(HeadlessBrowser.locate().isPresent(), "needs Chromium and ChromeDriver");
        String textContent = "if (text !== undefined) element.textContent = text;";
        withObject("app.js", right -> {
            assertTrue(right.contains(textContent), "app.js changed: update this test's mistake");
            return right.replace(textContent, "if (text !== undefined) element.innerHTML = text;");
        }, () -> mistakes.assertFailsFirstOn(8, "shows a message as text, never as HTML", "textContent, never innerHTML"));
    }

    /** Makes the mistake in a site object, runs the assertion, puts the original back and asserts step 8 passes again. */
    private static void withObject(String key, UnaryOperator<String> mistake, Runnable assertion) {
        mistakes.withSiteObject(key, mistake, assertion);
        mistakes.assertPasses(8);
    }
}
