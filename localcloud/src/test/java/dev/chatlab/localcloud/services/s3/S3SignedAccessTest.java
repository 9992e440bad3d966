package dev.chatlab.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatlab.localcloud.testing.TestCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Signed requests, authorized as S3 does: the signer's IAM policies and the bucket policy
 * together, an explicit Deny in either winning. The lab's own keys are the account's root,
 * which only a bucket policy's Deny stops; an IAM user needs an Allow in one of the two.
 */
class S3SignedAccessTest {

    static TestCloud cloud;
    static S3Client root;
    static IamClient iam;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        root = S3Testing.client(cloud);
        iam = cloud.client(IamClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        root.close();
        iam.close();
        cloud.close();
    }

    @Test
    void bucketPolicyDeny_stopsEvenTheRoot_forThatActionOnly() {
        S3Testing.create(root, "kept-objects");
        root.putObject(b -> b.bucket("kept-objects").key("a.txt"), RequestBody.fromString("a"));
        root.putBucketPolicy(b -> b.bucket("kept-objects").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::kept-objects/*\"}]}"));
        S3Exception denied = assertThrows(S3Exception.class, () -> root.deleteObject(b -> b.bucket("kept-objects").key("a.txt")));
        assertEquals(403, denied.statusCode());
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        assertEquals("a", root.getObjectAsBytes(b -> b.bucket("kept-objects").key("a.txt")).asUtf8String());
    }

    @Test
    void user_mayDoWhatItsPolicyAllows_andNothingElse() {
        S3Testing.create(root, "ana-site");
        iam.createUser(b -> b.userName("ana"));
        iam.putUserPolicy(b -> b.userName("ana").policyName("read-site").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::ana-site/*\"}]}"));
        root.putObject(b -> b.bucket("ana-site").key("index.html"), RequestBody.fromString("<h1>hi</h1>"));
        try (S3Client ana = as(key("ana"))) {
            assertEquals("<h1>hi</h1>", ana.getObjectAsBytes(b -> b.bucket("ana-site").key("index.html")).asUtf8String());
            S3Exception put = assertThrows(S3Exception.class, () -> ana.putObject(b -> b.bucket("ana-site").key("x.html"), RequestBody.fromString("x")));
            assertEquals("AccessDenied", put.awsErrorDetails().errorCode());
        }
    }

    @Test
    void user_withoutIdentityPolicies_mayDoWhatTheBucketPolicyGrantsIt() {
        S3Testing.create(root, "shared-drop");
        iam.createUser(b -> b.userName("ben"));
        root.putBucketPolicy(b -> b.bucket("shared-drop").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/ben\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::shared-drop/*\"}]}"));
        try (S3Client ben = as(key("ben"))) {
            ben.putObject(b -> b.bucket("shared-drop").key("report.txt"), RequestBody.fromString("done"));
            S3Exception list = assertThrows(S3Exception.class, () -> ben.listObjectsV2(b -> b.bucket("shared-drop")));
            assertEquals(403, list.statusCode());
        }
    }

    private static AccessKey key(String user) {
        return iam.createAccessKey(b -> b.userName(user)).accessKey();
    }

    private static S3Client as(AccessKey key) {
        return cloud.client(S3Client.builder()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build();
    }
}
