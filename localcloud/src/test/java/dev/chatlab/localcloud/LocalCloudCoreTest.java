package dev.chatlab.localcloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalCloudCoreTest {

    static TestCloud cloud;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void health_answersRunningWithTheServices() {
        HttpResponse<String> health = cloud.get("/_localcloud/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"running\""), health.body());
    }

    @Test
    void unknownInternalEndpoint_isA404WithAnAwsShapedError() {
        HttpResponse<String> answer = cloud.get("/_localcloud/nope");
        assertEquals(404, answer.statusCode());
        assertTrue(answer.body().contains("<Code>NotFound</Code>"), answer.body());
    }

    @Test
    void requestSignedForAServiceLocalcloudLacks_isRefusedWithItsName() {
        HttpResponse<String> answer = cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261125/ap-northeast-2/sqs/aws4_request, SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues")).build());
        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("'sqs'"), answer.body());
    }

    @Test
    void malformedPercentEscapeInPath_isS3sInvalidUri_notAnHtmlPage() throws Exception {
        String answer = rawRequest("GET /bucket/a%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("<Code>InvalidURI</Code>") && answer.contains("Couldn't parse the specified URI."), answer);
        assertTrue(answer.contains("application/xml") && !answer.contains("<html>"), answer);
    }

    @Test
    void headerSectionOverTheLimit_isS3sRequestHeaderSectionTooLarge() throws Exception {
        String answer = rawRequest("GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(70_000) + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("<Code>RequestHeaderSectionTooLarge</Code>"), answer);
    }

    private static String rawRequest(String request) {
        return cloud.raw(request);
    }
}
