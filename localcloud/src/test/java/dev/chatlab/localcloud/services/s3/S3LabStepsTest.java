package dev.chatlab.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The lab's steps 1 and 2 in one run, as the step scripts call S3 and check the result: the
 * tutorial's lesson (unblocking grants nothing, the policy does) from start to finish.
 */
class S3LabStepsTest {

    @Test
    void steps1And2_bucketUnblockedIsStillPrivate_policyAndWebsiteMakeThePagePublic() {
        try (TestCloud cloud = TestCloud.start(); S3Client s3 = S3Testing.client(cloud)) {
            String bucket = "chatlab-student1-site";
            // step 1: create in the region, tag, unblock
            S3Testing.create(s3, bucket);
            s3.waiter().waitUntilBucketExists(b -> b.bucket(bucket));
            s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(Tag.builder().key("chatlab").value("student1").build())));
            S3Testing.unblock(s3, bucket);
            assertEquals("ap-northeast-2", s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString());
            s3.putObject(b -> b.bucket(bucket).key("index.html").contentType("text/html; charset=utf-8"),
                    RequestBody.fromString("<!doctype html><title>Chat</title>"));
            assertEquals(403, anonymous(cloud, "/" + bucket + "/index.html").statusCode(), "unblocking grants nothing");

            // step 2: policy, website hosting with index.html as index and error document
            s3.putBucketPolicy(b -> b.bucket(bucket).policy(S3Testing.publicRead(bucket)));
            s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w
                    .indexDocument(i -> i.suffix("index.html")).errorDocument(e -> e.key("index.html"))));
            assertEquals(200, anonymous(cloud, "/" + bucket + "/index.html").statusCode(), "the policy grants reads");
            String host = bucket + ".s3-website.ap-northeast-2.localhost:" + cloud.cloud().port();
            HttpResponse<String> page = cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/")).header("Host", host).GET().build());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>Chat</title>"));
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
            HttpResponse<String> deepLink = cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/rooms/general"))
                    .header("Host", host).GET().build());
            assertEquals(404, deepLink.statusCode());
            assertTrue(deepLink.body().contains("<title>Chat</title>"));
            assertEquals(Map.of("chatlab", "student1"), Map.of(s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().get(0).key(),
                    s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().get(0).value()));
        }
    }

    private static HttpResponse<String> anonymous(TestCloud cloud, String path) {
        return cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + path)).GET().build());
    }
}
