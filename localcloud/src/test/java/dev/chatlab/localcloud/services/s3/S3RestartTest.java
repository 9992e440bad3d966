package dev.chatlab.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Buckets, objects and bucket configuration survive a restart of localcloud on the same data directory. */
class S3RestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void restart_keepsBucketsObjectsMetadataPolicyAndWebsite() {
        LocalCloudConfig config = LocalCloudConfig.forTests().withDataDirectory(dataDirectory);
        try (TestCloud cloud = TestCloud.start(config); S3Client s3 = S3Testing.client(cloud)) {
            S3Testing.create(s3, "durable-bucket");
            S3Testing.unblock(s3, "durable-bucket");
            s3.putBucketPolicy(b -> b.bucket("durable-bucket").policy(S3Testing.publicRead("durable-bucket")));
            s3.putBucketWebsite(b -> b.bucket("durable-bucket").websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
            s3.putObject(b -> b.bucket("durable-bucket").key("index.html").contentType("text/html").metadata(Map.of("v", "1")),
                    RequestBody.fromString("<h1>still here</h1>"));
            s3.putObject(b -> b.bucket("durable-bucket").key("js/app.js"), RequestBody.fromString("1+1"));
        }
        try (TestCloud cloud = TestCloud.start(config); S3Client s3 = S3Testing.client(cloud)) {
            ResponseBytes<GetObjectResponse> page = s3.getObjectAsBytes(b -> b.bucket("durable-bucket").key("index.html"));
            assertEquals("<h1>still here</h1>", page.asUtf8String());
            assertEquals("text/html", page.response().contentType());
            assertEquals("1", page.response().metadata().get("v"));
            assertEquals(List.of("index.html", "js/app.js"), s3.listObjectsV2(b -> b.bucket("durable-bucket")).contents().stream()
                    .map(S3Object::key).collect(Collectors.toList()));
            assertFalse(s3.getPublicAccessBlock(b -> b.bucket("durable-bucket")).publicAccessBlockConfiguration().blockPublicPolicy());
            assertEquals("index.html", s3.getBucketWebsite(b -> b.bucket("durable-bucket")).indexDocument().suffix());
            assertEquals(200, cloud.get("/_aws/s3-website/durable-bucket/").statusCode());
            assertEquals("ap-northeast-2", s3.headBucket(b -> b.bucket("durable-bucket")).bucketRegion());
        }
    }
}
