package dev.chatlab.localcloud.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.services.lambda.LambdaTesting;
import dev.chatlab.localcloud.services.lambda.HandlerPackages;
import dev.chatlab.localcloud.services.lambda.TestHandlers;
import dev.chatlab.localcloud.testing.TestCloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a web page the student visits can make their browser send to localcloud, and what it
 * must not achieve. Requests go over a raw socket so that every header is exactly what a
 * browser would send (Java's HttpClient refuses to set Host). Each attack is first shown to
 * be refused; the legitimate callers (the SDK here, the AWS CLI and the lab's web client in
 * their own tests) keep working.
 */
class WebPagesCannotDriveLocalCloudTest {

    static final String ATTACKER = "http://attacker.example";
    static final String FUNCTION = "victim";

    static TestCloud cloud;
    static LambdaClient lambda;
    static String createBody;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        lambda = cloud.client(LambdaClient.builder()).build();
        LambdaTesting.createLambdaRole(cloud, "chat-lambda-role");
        byte[] zip = HandlerPackages.zipBytes(Map.of("fn.Upper", TestHandlers.all().get("fn.Upper")));
        lambda.createFunction(b -> b.functionName(FUNCTION).runtime("java21").role("arn:aws:iam::000000000000:role/chat-lambda-role")
                .handler("fn.Upper").code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        createBody = "{\"FunctionName\":\"planted\",\"Runtime\":\"java21\",\"Role\":\"arn:aws:iam::000000000000:role/chat-lambda-role\","
                + "\"Handler\":\"fn.Upper\",\"Code\":{\"ZipFile\":\"" + Base64.getEncoder().encodeToString(zip) + "\"}}";
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    /** A form-style POST: text/plain, no custom header, so no CORS preflight, and credentials in the query string. */
    static String queryStringCredentials() {
        return "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test/20261206/ap-northeast-2/lambda/aws4_request"
                + "&X-Amz-Date=20261206T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=00";
    }

    @Test
    void createFunction_simplePostFromAnotherSite_isRefusedAndCreatesNothing() throws IOException {
        Answer answer = send("POST", "/2015-03-31/functions?" + queryStringCredentials(), local(),
                Map.of("Origin", ATTACKER, "Sec-Fetch-Site", "cross-site", "Content-Type", "text/plain"), createBody);

        assertEquals(403, answer.status, answer.text);
        assertTrue(answer.text.contains("AccessDenied"), answer.text);
        assertFalse(functionExists("planted"));
    }

    @Test
    void createFunction_fromAnotherSiteWithoutFetchMetadata_isRefusedByItsOrigin() throws IOException {
        Answer answer = send("POST", "/2015-03-31/functions?" + queryStringCredentials(), local(),
                Map.of("Origin", ATTACKER, "Content-Type", "text/plain"), createBody);

        assertEquals(403, answer.status, answer.text);
        assertFalse(functionExists("planted"));
    }

    @Test
    void createFunction_fromASandboxedFrame_originNull_isRefused() throws IOException {
        Answer answer = send("POST", "/2015-03-31/functions?" + queryStringCredentials(), local(),
                Map.of("Origin", "null", "Content-Type", "text/plain"), createBody);

        assertEquals(403, answer.status, answer.text);
        assertFalse(functionExists("planted"));
    }

    @Test
    void createFunction_throughDnsRebinding_foreignHostWithoutOrigin_isRefused() throws IOException {
        Answer answer = send("POST", "/2015-03-31/functions?" + queryStringCredentials(), "attacker.example:" + cloud.cloud().port(),
                Map.of("Content-Type", "text/plain"), createBody);

        assertEquals(403, answer.status, answer.text);
        assertTrue(answer.text.contains("attacker.example"), "the refusal names the foreign host: " + answer.text);
        assertFalse(functionExists("planted"));
    }

    @Test
    void invoke_fromAnotherSite_isRefused() throws IOException {
        Answer answer = send("POST", "/2015-03-31/functions/" + FUNCTION + "/invocations?" + queryStringCredentials(), local(),
                Map.of("Origin", ATTACKER, "Sec-Fetch-Site", "cross-site", "Content-Type", "text/plain"), "\"hello\"");

        assertEquals(403, answer.status, answer.text);
    }

    @Test
    void iamCreateRole_asAnImageFromAnotherSite_isRefused() throws IOException {
        // IAM's Query protocol takes GET: an <img src> is enough to send it, with no Origin at all.
        Answer answer = send("GET", "/?Action=CreateRole&Version=2010-05-08&RoleName=planted&AssumeRolePolicyDocument=%7B%7D&"
                + queryStringCredentials().replace("/lambda/", "/iam/"), local(), Map.of("Sec-Fetch-Site", "cross-site"), null);

        assertEquals(403, answer.status, answer.text);
        try (IamClient iam = cloud.client(IamClient.builder()).region(Region.AWS_GLOBAL).build()) {
            assertTrue(iam.listRoles().roles().stream().noneMatch(role -> role.roleName().equals("planted")));
        }
    }

    @Test
    void shutdown_fromAnotherSiteOrWithoutTheToken_isRefused_andTheCloudKeepsRunning() throws IOException {
        String foreign = "attacker.example:" + cloud.cloud().port();
        assertEquals(403, send("POST", "/_localcloud/shutdown", foreign, Map.of("Origin", ATTACKER), "").status);
        assertEquals(403, send("POST", "/_localcloud/shutdown", local(), Map.of(), "").status, "no token");
        assertEquals(403, send("POST", "/_localcloud/shutdown", local(), Map.of("X-Localcloud-Token", "guess"), "").status);

        assertEquals(200, send("GET", "/_localcloud/health", local(), Map.of(), null).status);
    }

    @Test
    void codeDownload_unsignedOrTampered_isRefused_whileGetFunctionsLocationWorks() throws IOException {
        assertEquals(403, send("GET", "/_aws/lambda-code/" + FUNCTION, local(), Map.of(), null).status);

        URI location = URI.create(lambda.getFunction(b -> b.functionName(FUNCTION)).code().location());
        Answer download = send("GET", location.getRawPath() + "?" + location.getRawQuery(), local(), Map.of(), null);
        assertEquals(200, download.status, "the signed Code.Location downloads the package");
        String tampered = location.getRawPath().replace(FUNCTION, "other") + "?" + location.getRawQuery();
        assertEquals(403, send("GET", tampered, local(), Map.of(), null).status, "a link is good for its own function only");
    }

    @Test
    void publicReads_fromAnyPage_keepWorkingAsOnAws() throws IOException {
        try (S3Client s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket("public-site").createBucketConfiguration(c -> c.locationConstraint("ap-northeast-2")));
            s3.putPublicAccessBlock(b -> b.bucket("public-site").publicAccessBlockConfiguration(c -> c
                    .blockPublicAcls(false).ignorePublicAcls(false).blockPublicPolicy(false).restrictPublicBuckets(false)));
            s3.putBucketPolicy(b -> b.bucket("public-site").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::public-site/*\"}]}"));
            s3.putBucketWebsite(b -> b.bucket("public-site").websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
            s3.putObject(b -> b.bucket("public-site").key("index.html").contentType("text/html"), RequestBody.fromString("<p>hi</p>"));
        }
        Map<String, String> fromAnotherSite = Map.of("Origin", ATTACKER, "Sec-Fetch-Site", "cross-site");

        assertEquals(200, send("GET", "/_aws/s3-website/public-site/", local(), fromAnotherSite, null).status, "the website");
        assertEquals(200, send("GET", "/", "public-site.s3-website.ap-northeast-2.localhost:" + cloud.cloud().port(),
                fromAnotherSite, null).status, "the website by its host name");
        assertEquals(200, send("GET", "/public-site/index.html", local(), fromAnotherSite, null).status, "an anonymous object read");
        assertEquals(403, send("PUT", "/public-site/index.html", local(), fromAnotherSite, "<p>defaced</p>").status,
                "but no write");
    }

    @Test
    void theKitsOwnCallers_sendNoOriginAndKeepWorking() throws IOException {
        String presigned = SignedHttp.presignedQuery(cloud, SdkHttpMethod.GET, "/2015-03-31/functions/" + FUNCTION, "lambda");
        Answer sdkLike = send("GET", "/2015-03-31/functions/" + FUNCTION + "?" + presigned, local(), Map.of(), null);
        assertEquals(200, sdkLike.status, sdkLike.text);
        Answer fromALocalPage = send("GET", "/2015-03-31/functions/" + FUNCTION + "?" + presigned, local(),
                Map.of("Origin", "http://localhost:3000", "Sec-Fetch-Site", "same-site"), null);
        assertEquals(200, fromALocalPage.status, "a page of the user's own machine is not another site: " + fromALocalPage.text);
    }

    private static boolean functionExists(String name) {
        return lambda.listFunctions().functions().stream().anyMatch(f -> f.functionName().equals(name));
    }

    private static String local() {
        return "127.0.0.1:" + cloud.cloud().port();
    }

    record Answer(int status, String text) {
    }

    /** One HTTP/1.1 exchange with exactly these headers, the connection closed after it. */
    static Answer send(String method, String path, String host, Map<String, String> headers, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", cloud.cloud().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            return new Answer(status, text);
        }
    }
}
