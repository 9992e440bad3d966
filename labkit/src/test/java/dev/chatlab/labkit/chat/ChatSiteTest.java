package dev.chatlab.labkit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a config.js as the page does, and what a browser would refuse that a Java client does not. */
class ChatSiteTest {

    @Test
    void configValue_readsJavaScriptAndJsonKeys_withoutTrailingSlash() {
        assertEquals(Optional.of("https://a1.execute-api.ap-northeast-2.amazonaws.com/dev"),
                ChatSite.configValue("window.CHAT_CONFIG = {\n  restUrl: \"https://a1.execute-api.ap-northeast-2.amazonaws.com/dev/\"\n};", "restUrl"));
        assertEquals(Optional.of("wss://b2.execute-api.ap-northeast-2.amazonaws.com/dev"),
                ChatSite.configValue("window.CHAT_CONFIG = {'webSocketUrl': 'wss://b2.execute-api.ap-northeast-2.amazonaws.com/dev'}", "webSocketUrl"));
    }

    @Test
    void configValue_readsStepEightsConfigJs_pastItsFirstLineComment() {
        String published = "// Published by step 8 of the Serverless Chat Lab.\nwindow.CHAT_CONFIG = {\n"
                + "  restUrl: \"http://localhost:4566/_aws/execute-api/k3x9qz1a7b/dev\",\n"
                + "  webSocketUrl: \"ws://localhost:4566/_aws/execute-api/w5m2d8r4tc/dev\"\n};\n";
        assertEquals(Optional.of("http://localhost:4566/_aws/execute-api/k3x9qz1a7b/dev"), ChatSite.configValue(published, "restUrl"));
        assertEquals(Optional.of("ws://localhost:4566/_aws/execute-api/w5m2d8r4tc/dev"), ChatSite.configValue(published, "webSocketUrl"));
    }

    @Test
    void configValue_leavesOutComments_soThatAnExampleInACommentSetsNothing() {
        String placeholder = "// window.CHAT_CONFIG = {\n//   restUrl: \"https://<rest-api-id>.execute-api.<region>.amazonaws.com/dev\",\n"
                + "/* webSocketUrl: \"wss://x/dev\" */\nwindow.CHAT_CONFIG = null;\n";
        assertEquals(Optional.empty(), ChatSite.configValue(placeholder, "restUrl"));
        assertEquals(Optional.empty(), ChatSite.configValue(placeholder, "webSocketUrl"));
    }

    @Test
    void mixedContent_isAnHttpsPageCallingHttpOrWs() {
        ChatEndpoints secure = new ChatEndpoints(URI.create("wss://b2.execute-api.ap-northeast-2.amazonaws.com/dev"),
                URI.create("https://a1.execute-api.ap-northeast-2.amazonaws.com/dev"));
        ChatEndpoints plainWebSocket = new ChatEndpoints(URI.create("ws://localhost:4566/_aws/execute-api/b2/dev"), secure.restUrl());
        URI httpsPage = URI.create("https://chat.example.com/");
        assertTrue(new ChatSite(httpsPage, httpsPage.resolve("config.js"), plainWebSocket).mixedContent().isPresent());
        assertTrue(new ChatSite(httpsPage, httpsPage.resolve("config.js"), secure).mixedContent().isEmpty());
        URI s3Website = URI.create("http://chat.s3-website.ap-northeast-2.amazonaws.com/");
        assertTrue(new ChatSite(s3Website, s3Website.resolve("config.js"), secure).mixedContent().isEmpty(), "an http page may call https and wss");
    }
}
