package dev.chatlab.cli.mistakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.cli.LabRun;
import dev.chatlab.labkit.HeadlessBrowser;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.chat.ChatEndpoints;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@code lab verify} on the complete lab's chat, given nothing but its website URL (no prefix,
 * no endpoint, no state): it passes; broken the way a console user breaks it, it fails on the
 * line that names the mistake, with exit code 1.
 */
class VerifyMistakesTest {

    static MistakeLab mistakes;
    static Names names;
    static String site;

    @BeforeAll
    static void lab() {
        mistakes = MistakeLab.shared();
        names = mistakes.lab().names();
        site = mistakes.lab().websiteUrl(names.siteBucket()).toString();
    }

    @Test
    void labsChat_passesEveryCheck() {
        LabRun run = LabRun.of("verify", site, "--lang", "en");
        assertEquals(0, run.exit(), run.output());
        List<String> checks = List.of("config.js names a REST and a WebSocket URL", "two clients join a fresh room",
                "a message reaches both members of the room", "the history (REST) returns it, with CORS",
                "a malformed frame gets an error frame (bad_request)");
        for (String check : checks) {
            assertTrue(run.output().contains("✔ " + check), check + ":\n" + run.output());
        }
        boolean browser = HeadlessBrowser.locate().isPresent();
        assertTrue(run.output().contains(browser ? "✔ the page shows a message as text, never as HTML" : "↷ the page shows a message as text"),
                run.output());
        assertTrue(run.output().contains(browser ? "7/7 checks passed" : "5/7 checks passed · 0 failed · 2 skipped"), run.output());
    }

    @Test
    void configNamingAWebSocketApiThatDoesNotExist_failsOnTheJoin() {
        mistakes.withSiteObject("config.js", right -> right.replaceAll("(webSocketUrl: \"[^\"]*/_aws/execute-api/)[a-z0-9]+/", "$1nosuchapi0/"),
                () -> assertFailsFirstOn("two clients join a fresh room", "/_aws/execute-api/nosuchapi0/dev?roomId=verify-"));
    }

    /** The send function posts to an API that does not exist: it stores the message, and nobody receives it. */
    @Test
    void sendFunctionThatDoesNotDeliver_failsOnDelivery() {
        String function = names.sendMessageFunction();
        String callback = mistakes.lab().client(LambdaClient.builder()).getFunctionConfiguration(b -> b.functionName(function))
                .environment().variables().get("WEBSOCKET_CALLBACK_URL");
        String elsewhere = callback.replace(ChatEndpoints.apiIdOf(callback).orElseThrow(), "nosuchapi0");
        mistakes.withFunctionEnvironment(function, Map.of("WEBSOCKET_CALLBACK_URL", elsewhere),
                () -> assertFailsFirstOn("a message reaches both members of the room", "alice got it: false, bob got it: false. Read the send function's log"));
    }

    @Test
    void pageRenderingAMessageAsHtml_failsOnTheLiteralTextCheck() {
        Assumptions.assumeTrue(HeadlessBrowser.locate().isPresent(), "needs Chromium and ChromeDriver");
        String textContent = "if (text !== undefined) element.textContent = text;";
        mistakes.withSiteObject("app.js", right -> right.replace(textContent, "if (text !== undefined) element.innerHTML = text;"),
                () -> assertFailsFirstOn("the page shows a message as text, never as HTML", "turned the message into HTML (its <img> ran onerror)"));
    }

    /** lab verify exits 1, and its first failing line is {@code check}, with {@code detail} in what it printed. */
    private static void assertFailsFirstOn(String check, String detail) {
        LabRun run = LabRun.of("verify", site, "--lang", "en");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.firstFailure().endsWith("✘ " + check), run.output());
        assertTrue(run.output().contains(detail), run.output());
    }
}
