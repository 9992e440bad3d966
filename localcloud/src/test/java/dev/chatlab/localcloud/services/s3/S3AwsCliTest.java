package dev.chatlab.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.AwsCli;
import dev.chatlab.localcloud.testing.AwsCli.Result;
import dev.chatlab.localcloud.testing.TestCloud;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI against localcloud, as a student would use it beside the lab: {@code aws s3}
 * (mb, cp, sync, ls, website, rb --force) and {@code aws s3api}. Skipped when {@code aws} is
 * not on the PATH (CI installs it).
 */
class S3AwsCliTest {

    static TestCloud cloud;
    static String aws;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        aws = AwsCli.required();
        cloud = TestCloud.start();
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    Result run(String... args) throws IOException, InterruptedException {
        return new AwsCli(aws, cloud, work).run(args);
    }

    Result ok(String... args) throws IOException, InterruptedException {
        return new AwsCli(aws, cloud, work).ok(args);
    }

    @Test
    void cli_s3CommandsAndS3api_workAgainstLocalcloud() throws Exception {
        ok("s3", "mb", "s3://cli-site-bucket");
        assertTrue(ok("s3", "ls").out().contains("cli-site-bucket"));

        Path site = Files.createDirectories(work.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<h1>cli</h1>");
        Files.createDirectories(site.resolve("css"));
        Files.writeString(site.resolve("css/app.css"), "body{}");
        ok("s3", "sync", site.toString(), "s3://cli-site-bucket/");
        String listing = ok("s3", "ls", "s3://cli-site-bucket/", "--recursive").out();
        assertTrue(listing.contains("index.html") && listing.contains("css/app.css"), listing);
        assertTrue(ok("s3", "ls", "s3://cli-site-bucket/").out().contains("PRE css/"));
        // a CLI configured for another region follows S3's PermanentRedirect to the bucket's region, as on AWS
        assertTrue(ok("--region", "us-east-1", "s3", "ls", "s3://cli-site-bucket/").out().contains("index.html"));
        // a second sync finds nothing to upload
        assertEquals("", ok("s3", "sync", site.toString(), "s3://cli-site-bucket/").out().trim());

        assertEquals("<h1>cli</h1>", ok("s3", "cp", "s3://cli-site-bucket/index.html", "-").out());
        assertTrue(ok("s3api", "head-object", "--bucket", "cli-site-bucket", "--key", "index.html").out().contains("text/html"));
        ok("s3", "cp", "s3://cli-site-bucket/index.html", work.resolve("copy.html").toString());
        assertEquals("<h1>cli</h1>", Files.readString(work.resolve("copy.html")));

        byte[] big = new byte[9 * 1024 * 1024]; // above the CLI's 8 MB multipart threshold
        Arrays.fill(big, (byte) 'x');
        Files.write(work.resolve("big.bin"), big);
        ok("s3", "cp", work.resolve("big.bin").toString(), "s3://cli-site-bucket/big.bin");
        ok("s3", "cp", "s3://cli-site-bucket/big.bin", work.resolve("big-back.bin").toString());
        assertEquals(big.length, Files.size(work.resolve("big-back.bin")));

        ok("s3api", "put-public-access-block", "--bucket", "cli-site-bucket", "--public-access-block-configuration",
                "BlockPublicAcls=false,IgnorePublicAcls=false,BlockPublicPolicy=false,RestrictPublicBuckets=false");
        Files.writeString(work.resolve("policy.json"), S3Testing.publicRead("cli-site-bucket"), StandardCharsets.UTF_8);
        ok("s3api", "put-bucket-policy", "--bucket", "cli-site-bucket", "--policy", "file://" + work.resolve("policy.json"));
        assertTrue(ok("s3api", "get-bucket-policy", "--bucket", "cli-site-bucket").out().contains("PublicReadGetObject"));
        ok("s3", "website", "s3://cli-site-bucket", "--index-document", "index.html", "--error-document", "index.html");
        assertEquals("<h1>cli</h1>", cloud.get("/_aws/s3-website/cli-site-bucket/").body());
        assertEquals(404, cloud.get("/_aws/s3-website/cli-site-bucket/deep/link").statusCode());

        ok("s3", "rb", "s3://cli-site-bucket", "--force");
        assertFalse(ok("s3", "ls").out().contains("cli-site-bucket"));
    }

    @Test
    void cli_createBucketWithoutLocationConstraint_isIllegalLocationConstraint() throws Exception {
        Result result = run("s3api", "create-bucket", "--bucket", "cli-no-constraint-bucket");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.err().contains("IllegalLocationConstraintException"), result.toString());
        assertTrue(result.err().contains("The unspecified location constraint is incompatible for the region specific endpoint"),
                result.toString());
    }

    @Test
    void cli_malformedPolicy_isReportedWithS3sCode() throws Exception {
        ok("s3api", "create-bucket", "--bucket", "cli-policy-bucket", "--create-bucket-configuration", "LocationConstraint=ap-northeast-2");
        Result result = run("s3api", "put-bucket-policy", "--bucket", "cli-policy-bucket", "--policy", "{\"Version\":");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.err().contains("MalformedPolicy"), result.toString());
    }
}
