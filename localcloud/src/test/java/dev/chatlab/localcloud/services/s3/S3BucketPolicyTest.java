package dev.chatlab.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Bucket policies, Block Public Access and anonymous access on the REST endpoint: the lesson of
 * the lab's first two steps (unblocking public access grants nothing; a policy does).
 */
class S3BucketPolicyTest {

    static TestCloud cloud;
    static S3Client s3;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        s3 = S3Testing.client(cloud);
    }

    @AfterAll
    static void stop() {
        s3.close();
        cloud.close();
    }

    static void create(String name) {
        S3Testing.create(s3, name);
    }

    static void unblock(String name) {
        S3Testing.unblock(s3, name);
    }

    static String publicRead(String bucket) {
        return S3Testing.publicRead(bucket);
    }

    static S3Exception s3Error(Executable call) {
        return assertThrows(S3Exception.class, call);
    }

    static void assertMalformed(String bucket, String policy, String message) {
        S3Exception e = s3Error(() -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy)));
        assertEquals("MalformedPolicy", e.awsErrorDetails().errorCode(), policy);
        assertEquals(400, e.statusCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    @Test
    void putBucketPolicy_publicPolicyWhileBlockPublicPolicyOn_isAccessDenied() {
        create("blocked-policy-bucket");
        S3Exception e = s3Error(() -> s3.putBucketPolicy(b -> b.bucket("blocked-policy-bucket").policy(publicRead("blocked-policy-bucket"))));
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        assertEquals(403, e.statusCode());
        assertEquals("NoSuchBucketPolicy", s3Error(() -> s3.getBucketPolicy(b -> b.bucket("blocked-policy-bucket"))).awsErrorDetails().errorCode());
    }

    @Test
    void putBucketPolicy_nonPublicPolicyWhileBlockPublicPolicyOn_isAccepted() {
        create("private-policy-bucket");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},"
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::private-policy-bucket/*\"}]}";
        s3.putBucketPolicy(b -> b.bucket("private-policy-bucket").policy(policy));
        assertEquals(policy, s3.getBucketPolicy(b -> b.bucket("private-policy-bucket")).policy());
        assertFalse(s3.getBucketPolicyStatus(b -> b.bucket("private-policy-bucket")).policyStatus().isPublic());
    }

    @Test
    void putBucketPolicy_wildcardPrincipalFixedBySourceIp_isNotPublic() {
        create("ip-policy-bucket");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::ip-policy-bucket/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}}]}";
        s3.putBucketPolicy(b -> b.bucket("ip-policy-bucket").policy(policy)); // BlockPublicPolicy is on: accepted because not public
        assertFalse(s3.getBucketPolicyStatus(b -> b.bucket("ip-policy-bucket")).policyStatus().isPublic());
    }

    @Test
    void putBucketPolicy_afterUnblocking_acceptsAPublicPolicy_andStatusIsPublic() {
        create("public-policy-bucket");
        unblock("public-policy-bucket");
        s3.putBucketPolicy(b -> b.bucket("public-policy-bucket").policy(publicRead("public-policy-bucket")));
        assertTrue(s3.getBucketPolicyStatus(b -> b.bucket("public-policy-bucket")).policyStatus().isPublic());
        s3.deleteBucketPolicy(b -> b.bucket("public-policy-bucket"));
        assertEquals("NoSuchBucketPolicy", s3Error(() -> s3.getBucketPolicy(b -> b.bucket("public-policy-bucket"))).awsErrorDetails().errorCode());
    }

    @Test
    void putBucketPolicy_invalidDocuments_areMalformedPolicyWithS3sMessages() {
        create("malformed-policy-bucket");
        unblock("malformed-policy-bucket");
        assertMalformed("malformed-policy-bucket", "[\"not an object\"]", "Policies must be valid JSON and the first byte must be '{'");
        assertMalformed("malformed-policy-bucket", "{\"Version\":\"2012-10-17\",\"Statement\":[", "This policy contains invalid Json");
        assertMalformed("malformed-policy-bucket", publicRead("malformed-policy-bucket") + " trailing", "This policy contains invalid Json");
        assertMalformed("malformed-policy-bucket", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::some-other-bucket/*\"}]}", "Policy has invalid resource");
        assertMalformed("malformed-policy-bucket", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}", "Policy has invalid resource");
        assertMalformed("malformed-policy-bucket", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::malformed-policy-bucket\"}]}",
                "Action does not apply to any resource(s) in statement");
        assertMalformed("malformed-policy-bucket", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"alice\"},"
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::malformed-policy-bucket/*\"}]}", "Invalid principal in policy");
        assertMalformed("malformed-policy-bucket", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObjet\",\"Resource\":\"arn:aws:s3:::malformed-policy-bucket/*\"}]}", "Policy has invalid action");
        assertEquals("NoSuchBucketPolicy", s3Error(() -> s3.getBucketPolicy(b -> b.bucket("malformed-policy-bucket"))).awsErrorDetails().errorCode());
    }

    // anonymous callers on the REST endpoint

    private static HttpResponse<String> anonymousGet(String path) {
        return cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + path)).GET().build());
    }

    @Test
    void anonymousGetObject_withoutPolicy_isAccessDeniedEvenWithBlockPublicAccessOff() {
        create("unblocked-only-bucket");
        unblock("unblocked-only-bucket");
        s3.putObject(b -> b.bucket("unblocked-only-bucket").key("index.html"), RequestBody.fromString("<h1>hi</h1>"));
        HttpResponse<String> answer = anonymousGet("/unblocked-only-bucket/index.html");
        assertEquals(403, answer.statusCode());
        assertTrue(answer.body().contains("<Code>AccessDenied</Code>"), answer.body());
    }

    @Test
    void anonymousGetObject_withPublicReadPolicy_isAllowed_andMissingKeyWithoutListBucketIs403() {
        create("anonymous-read-bucket");
        unblock("anonymous-read-bucket");
        s3.putObject(b -> b.bucket("anonymous-read-bucket").key("index.html"), RequestBody.fromString("<h1>hi</h1>"));
        s3.putBucketPolicy(b -> b.bucket("anonymous-read-bucket").policy(publicRead("anonymous-read-bucket")));
        HttpResponse<String> answer = anonymousGet("/anonymous-read-bucket/index.html");
        assertEquals(200, answer.statusCode());
        assertEquals("<h1>hi</h1>", answer.body());
        assertEquals(403, anonymousGet("/anonymous-read-bucket/missing.html").statusCode());
        assertEquals(403, anonymousGet("/anonymous-read-bucket?list-type=2").statusCode(), "the policy does not grant s3:ListBucket");
    }

    @Test
    void anonymousGetObject_publicPolicyWithRestrictPublicBuckets_isAccessDenied() {
        create("restricted-bucket");
        unblock("restricted-bucket");
        s3.putObject(b -> b.bucket("restricted-bucket").key("index.html"), RequestBody.fromString("x"));
        s3.putBucketPolicy(b -> b.bucket("restricted-bucket").policy(publicRead("restricted-bucket")));
        assertEquals(200, anonymousGet("/restricted-bucket/index.html").statusCode());
        s3.putPublicAccessBlock(b -> b.bucket("restricted-bucket").publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
        assertEquals(403, anonymousGet("/restricted-bucket/index.html").statusCode());
    }

    @Test
    void anonymousPutObject_withoutAGrant_isAccessDenied() {
        create("anonymous-write-bucket");
        HttpResponse<String> answer = cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/anonymous-write-bucket/x.txt"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build());
        assertEquals(403, answer.statusCode());
        assertTrue(answer.body().contains("<Code>AccessDenied</Code>"), answer.body());
    }

    @Test
    void anonymousRequest_toMissingBucket_isNoSuchBucket() {
        HttpResponse<String> answer = anonymousGet("/no-bucket-by-this-name/x");
        assertEquals(404, answer.statusCode());
        assertTrue(answer.body().contains("<Code>NoSuchBucket</Code>"), answer.body());
    }

    // ACLs

    @Test
    void putObject_publicReadAclOnBucketOwnerEnforcedBucket_isAccessControlListNotSupported() {
        create("enforced-acl-bucket");
        S3Exception e = s3Error(() -> s3.putObject(b -> b.bucket("enforced-acl-bucket").key("x").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x")));
        assertEquals("AccessControlListNotSupported", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        s3.putObject(b -> b.bucket("enforced-acl-bucket").key("y").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL), RequestBody.fromString("y"));
    }

    @Test
    void putObject_publicReadAclWhileBlockPublicAclsOn_isAccessDenied() {
        s3.createBucket(b -> b.bucket("writer-acl-bucket").objectOwnership(ObjectOwnership.OBJECT_WRITER)
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.AP_NORTHEAST_2)));
        S3Exception e = s3Error(() -> s3.putObject(b -> b.bucket("writer-acl-bucket").key("x").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x")));
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        unblock("writer-acl-bucket");
        s3.putObject(b -> b.bucket("writer-acl-bucket").key("x").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x"));
        assertEquals(200, anonymousGet("/writer-acl-bucket/x").statusCode(), "a public-read ACL grants anonymous reads");
        s3.putPublicAccessBlock(b -> b.bucket("writer-acl-bucket").publicAccessBlockConfiguration(c -> c.ignorePublicAcls(true)));
        assertEquals(403, anonymousGet("/writer-acl-bucket/x").statusCode(), "IgnorePublicAcls cancels it");
    }

    @Test
    void createBucket_withPublicReadAcl_isInvalidBucketAclWithObjectOwnership() {
        S3Exception e = s3Error(() -> s3.createBucket(b -> b.bucket("public-acl-bucket")
                .acl(BucketCannedACL.PUBLIC_READ)
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.AP_NORTHEAST_2))));
        assertEquals("InvalidBucketAclWithObjectOwnership", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
    }

    @Test
    void anonymousDeleteObjects_isAuthorisedPerKeyByTheBucketPolicy() {
        create("anonymous-delete-bucket");
        unblock("anonymous-delete-bucket");
        s3.putObject(b -> b.bucket("anonymous-delete-bucket").key("tmp/a"), RequestBody.fromString("a"));
        s3.putObject(b -> b.bucket("anonymous-delete-bucket").key("keep/b"), RequestBody.fromString("b"));
        s3.putBucketPolicy(b -> b.bucket("anonymous-delete-bucket").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::anonymous-delete-bucket/tmp/*\"}]}"));
        String delete = "<Delete><Object><Key>tmp/a</Key></Object><Object><Key>keep/b</Key></Object></Delete>";
        HttpResponse<String> answer = cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/anonymous-delete-bucket?delete"))
                .header("Content-MD5", Base64.getEncoder().encodeToString(md5(delete)))
                .POST(HttpRequest.BodyPublishers.ofString(delete)).build());
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("<Deleted><Key>tmp/a</Key></Deleted>"), answer.body());
        assertTrue(answer.body().contains("<Error><Key>keep/b</Key><Code>AccessDenied</Code>"), answer.body());
        assertEquals(1, s3.listObjectsV2(b -> b.bucket("anonymous-delete-bucket")).keyCount());
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
