package dev.chatlab.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.RoutingRule;

/**
 * The S3 website endpoint over plain HTTP, as a browser sees it: by Host header
 * ({@code <bucket>.s3-website.ap-northeast-2.localhost}), by the path form
 * ({@code /_aws/s3-website/<bucket>/...}) and by a custom domain named like the bucket.
 */
class S3WebsiteTest {

    static final String SITE = "website-test-bucket";
    static final String PRIVATE_SITE = "private-website-bucket";
    static TestCloud cloud;
    static S3Client s3;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        s3 = S3Testing.client(cloud);
        publicSite(SITE, "index.html", "error.html");
        put(SITE, "index.html", "<h1>chat</h1>", "text/html");
        put(SITE, "error.html", "<h1>spa fallback</h1>", "text/html");
        put(SITE, "app.js", "console.log('hi')", "application/javascript");
        put(SITE, "docs/index.html", "<h1>docs</h1>", "text/html");

        S3Testing.create(s3, PRIVATE_SITE);
        website(PRIVATE_SITE, "index.html", null);
        put(PRIVATE_SITE, "index.html", "<h1>secret</h1>", "text/html");
    }

    @AfterAll
    static void stop() {
        s3.close();
        cloud.close();
    }

    static void publicSite(String bucket, String index, String error) {
        S3Testing.create(s3, bucket);
        S3Testing.unblock(s3, bucket);
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(S3Testing.publicRead(bucket)));
        website(bucket, index, error);
    }

    static void website(String bucket, String index, String error) {
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> {
            w.indexDocument(i -> i.suffix(index));
            if (error != null) {
                w.errorDocument(e -> e.key(error));
            }
        }));
    }

    static void put(String bucket, String key, String body, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromString(body));
    }

    /** A GET with the Host header a browser sends for http://<host>:<port><path>. */
    static HttpResponse<String> browse(String host, String path) {
        return browse("GET", host, path);
    }

    static HttpResponse<String> browse(String method, String host, String path) {
        return cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + path))
                .header("Host", host + ":" + cloud.cloud().port())
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    static String websiteHost(String bucket) {
        return bucket + ".s3-website.ap-northeast-2.localhost";
    }

    @Test
    void website_root_servesTheIndexDocumentWithItsContentType() {
        HttpResponse<String> page = browse(websiteHost(SITE), "/");
        assertEquals(200, page.statusCode());
        assertEquals("<h1>chat</h1>", page.body());
        assertEquals("text/html", page.headers().firstValue("Content-Type").orElse(""));
        assertTrue(page.headers().firstValue("ETag").isPresent());
    }

    @Test
    void website_olderDashRegionHostForm_servesTheSameSite() {
        assertEquals("<h1>chat</h1>", browse(SITE + ".s3-website-ap-northeast-2.localhost", "/").body());
    }

    @Test
    void website_pathForm_servesTheIndexAndObjects() {
        HttpResponse<String> page = cloud.get("/_aws/s3-website/" + SITE + "/");
        assertEquals(200, page.statusCode());
        assertEquals("<h1>chat</h1>", page.body());
        HttpResponse<String> script = cloud.get("/_aws/s3-website/" + SITE + "/app.js");
        assertEquals("application/javascript", script.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void website_pathFormWithoutTrailingSlash_redirectsToTheSiteRoot() {
        HttpResponse<String> answer = cloud.get("/_aws/s3-website/" + SITE);
        assertEquals(302, answer.statusCode());
        assertEquals("/_aws/s3-website/" + SITE + "/", answer.headers().firstValue("Location").orElse(""));
    }

    @Test
    void website_folderWithoutSlash_answers302ToFolderSlash() {
        HttpResponse<String> answer = browse(websiteHost(SITE), "/docs");
        assertEquals(302, answer.statusCode());
        assertEquals("/docs/", answer.headers().firstValue("Location").orElse(""));
    }

    @Test
    void website_folderWithSlash_servesTheFolderIndexDocument() {
        HttpResponse<String> page = browse(websiteHost(SITE), "/docs/");
        assertEquals(200, page.statusCode());
        assertEquals("<h1>docs</h1>", page.body());
    }

    @Test
    void website_deepLinkWithErrorDocument_answersErrorDocumentWith404() {
        HttpResponse<String> page = browse(websiteHost(SITE), "/rooms/general");
        assertEquals(404, page.statusCode());
        assertEquals("<h1>spa fallback</h1>", page.body());
        assertEquals("text/html", page.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void website_objectWithoutPolicy_is403AccessDeniedPage() {
        HttpResponse<String> page = browse(websiteHost(PRIVATE_SITE), "/");
        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("<title>403 Forbidden</title>"), page.body());
        assertTrue(page.body().contains("<h1>403 Forbidden</h1>"), page.body());
        assertTrue(page.body().contains("<li>Code: AccessDenied</li>"), page.body());
        assertTrue(page.body().contains("<li>Message: Access Denied</li>"), page.body());
        assertTrue(page.body().contains("<li>RequestId: "), page.body());
        assertTrue(page.body().contains("<li>HostId: "), page.body());
    }

    @Test
    void website_missingKeyWithoutErrorDocument_is404NoSuchKeyPage() {
        String bucket = "no-error-doc-bucket";
        publicSite(bucket, "index.html", null);
        HttpResponse<String> page = browse(websiteHost(bucket), "/missing.html");
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("<h1>404 Not Found</h1>"), page.body());
        assertTrue(page.body().contains("<li>Code: NoSuchKey</li>"), page.body());
        assertTrue(page.body().contains("<li>Message: The specified key does not exist.</li>"), page.body());
        assertTrue(page.body().contains("<li>Key: missing.html</li>"), page.body());
    }

    @Test
    void website_missingErrorDocument_reportsBothErrors() {
        String bucket = "broken-error-doc-bucket";
        publicSite(bucket, "index.html", "oops.html");
        HttpResponse<String> page = browse(websiteHost(bucket), "/nothing-here");
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>"), page.body());
        assertTrue(page.body().contains("<li>Key: oops.html</li>"), page.body());
    }

    @Test
    void website_hostingOff_is404NoSuchWebsiteConfiguration() {
        S3Testing.create(s3, "not-a-website-bucket");
        HttpResponse<String> page = browse(websiteHost("not-a-website-bucket"), "/");
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("<li>Code: NoSuchWebsiteConfiguration</li>"), page.body());
        assertTrue(page.body().contains("<li>BucketName: not-a-website-bucket</li>"), page.body());
    }

    @Test
    void website_missingBucket_is404NoSuchBucket() {
        HttpResponse<String> page = browse(websiteHost("no-such-site-bucket"), "/");
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("<li>Code: NoSuchBucket</li>"), page.body());
        assertTrue(page.body().contains("<li>BucketName: no-such-site-bucket</li>"), page.body());
    }

    @Test
    void website_postOrPut_is405MethodNotAllowed() {
        assertEquals(405, browse("POST", websiteHost(SITE), "/").statusCode());
        assertEquals(405, browse("PUT", websiteHost(SITE), "/index.html").statusCode());
    }

    @Test
    void website_head_answersHeadersWithoutABody() {
        HttpResponse<String> head = browse("HEAD", websiteHost(SITE), "/index.html");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals("13", head.headers().firstValue("Content-Length").orElse(""));
    }

    @Test
    void website_publicPolicyWithRestrictPublicBuckets_is403() {
        String bucket = "restricted-site-bucket";
        publicSite(bucket, "index.html", null);
        put(bucket, "index.html", "x", "text/html");
        assertEquals(200, browse(websiteHost(bucket), "/").statusCode());
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
        assertEquals(403, browse(websiteHost(bucket), "/").statusCode());
    }

    @Test
    void website_customDomainHost_servesTheBucketNamedLikeTheDomain() {
        publicSite("chat.lab.test", "index.html", null);
        put("chat.lab.test", "index.html", "<h1>custom domain</h1>", "text/html");
        HttpResponse<String> page = browse("chat.lab.test", "/");
        assertEquals(200, page.statusCode());
        assertEquals("<h1>custom domain</h1>", page.body());
    }

    @Test
    void website_redirectAllRequestsTo_answers301ToTheOtherHost() {
        S3Testing.create(s3, "redirecting-site-bucket");
        s3.putBucketWebsite(b -> b.bucket("redirecting-site-bucket").websiteConfiguration(w -> w
                .redirectAllRequestsTo(r -> r.hostName("www.example.com").protocol("https"))));
        HttpResponse<String> answer = browse(websiteHost("redirecting-site-bucket"), "/a/b.html");
        assertEquals(301, answer.statusCode());
        assertEquals("https://www.example.com/a/b.html", answer.headers().firstValue("Location").orElse(""));
    }

    @Test
    void website_routingRuleOnKeyPrefix_redirectsWithTheReplacedPrefix() {
        String bucket = "routing-site-bucket";
        publicSite(bucket, "index.html", null);
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))
                .routingRules(RoutingRule.builder().condition(c -> c.keyPrefixEquals("old/")).redirect(d -> d.replaceKeyPrefixWith("new/")).build())));
        HttpResponse<String> answer = browse(websiteHost(bucket), "/old/page.html");
        assertEquals(301, answer.statusCode());
        assertEquals("http://" + websiteHost(bucket) + ":" + cloud.cloud().port() + "/new/page.html",
                answer.headers().firstValue("Location").orElse(""));
    }

    @Test
    void website_ifNoneMatch_is304() {
        HttpResponse<String> page = browse(websiteHost(SITE), "/index.html");
        String etag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/index.html"))
                .header("Host", websiteHost(SITE)).header("If-None-Match", etag).GET().build());
        assertEquals(304, again.statusCode());
    }

    @Test
    void website_blockPublicAccessOffButNoPolicy_isStill403() {
        String bucket = "unblocked-no-policy-site";
        S3Testing.create(s3, bucket);
        S3Testing.unblock(s3, bucket);
        website(bucket, "index.html", null);
        put(bucket, "index.html", "<h1>not yet public</h1>", "text/html");
        HttpResponse<String> page = browse(websiteHost(bucket), "/");
        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("<li>Code: AccessDenied</li>"), page.body());
    }
}
