package dev.chatlab.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.SignedRequests;
import dev.chatlab.localcloud.testing.TestCloud;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The account's own Block Public Access (S3 Control's PublicAccessBlock): it wins over every
 * bucket's settings, so with BlockPublicPolicy on at account level step 2's policy is refused
 * although the bucket's four settings are off.
 */
class S3AccountPublicAccessBlockTest {

    private static final String PATH = "/v20180820/configuration/publicAccessBlock";

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

    @AfterEach
    void deleteAccountSettings() {
        control("DELETE", "", "000000000000");
    }

    static HttpResponse<String> control(String method, String body, String account) {
        return cloud.send(SignedRequests.s3(cloud, method, PATH, Map.of("x-amz-account-id", account), body));
    }

    static String settings(boolean blockPublicPolicy, boolean restrictPublicBuckets) {
        return "<PublicAccessBlockConfiguration xmlns=\"http://awss3control.amazonaws.com/doc/2018-08-20/\">"
                + "<BlockPublicAcls>false</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>"
                + "<BlockPublicPolicy>" + blockPublicPolicy + "</BlockPublicPolicy>"
                + "<RestrictPublicBuckets>" + restrictPublicBuckets + "</RestrictPublicBuckets></PublicAccessBlockConfiguration>";
    }

    @Test
    void getPublicAccessBlock_accountWithNone_isNoSuchPublicAccessBlockConfiguration() {
        HttpResponse<String> answer = control("GET", "", "000000000000");
        assertEquals(404, answer.statusCode());
        assertTrue(answer.body().contains("<Code>NoSuchPublicAccessBlockConfiguration</Code>"), answer.body());
    }

    @Test
    void putThenGet_answersTheFourFlags() {
        assertEquals(200, control("PUT", settings(true, false), "000000000000").statusCode());
        HttpResponse<String> answer = control("GET", "", "000000000000");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("<BlockPublicPolicy>true</BlockPublicPolicy>"), answer.body());
        assertTrue(answer.body().contains("<RestrictPublicBuckets>false</RestrictPublicBuckets>"), answer.body());
    }

    @Test
    void anotherAccountsSettings_areAccessDenied() {
        assertEquals(403, control("GET", "", "123456789012").statusCode());
    }

    @Test
    void putBucketPolicy_publicPolicyWhileAccountBlocksPublicPolicy_isAccessDenied_thoughTheBucketsSettingsAreOff() {
        S3Testing.create(s3, "account-blocked-bucket");
        S3Testing.unblock(s3, "account-blocked-bucket");
        control("PUT", settings(true, false), "000000000000");
        S3Exception refused = assertThrows(S3Exception.class,
                () -> s3.putBucketPolicy(b -> b.bucket("account-blocked-bucket").policy(S3Testing.publicRead("account-blocked-bucket"))));
        assertEquals("AccessDenied", refused.awsErrorDetails().errorCode());
        control("DELETE", "", "000000000000");
        s3.putBucketPolicy(b -> b.bucket("account-blocked-bucket").policy(S3Testing.publicRead("account-blocked-bucket")));
    }

    @Test
    void anonymousRead_whileAccountRestrictsPublicBuckets_isForbidden() {
        S3Testing.create(s3, "account-restricted-bucket");
        S3Testing.unblock(s3, "account-restricted-bucket");
        s3.putBucketPolicy(b -> b.bucket("account-restricted-bucket").policy(S3Testing.publicRead("account-restricted-bucket")));
        s3.putObject(b -> b.bucket("account-restricted-bucket").key("index.html"), RequestBody.fromString("hi"));
        assertEquals(200, cloud.get("/account-restricted-bucket/index.html").statusCode());
        control("PUT", settings(false, true), "000000000000");
        assertEquals(403, cloud.get("/account-restricted-bucket/index.html").statusCode());
    }
}
