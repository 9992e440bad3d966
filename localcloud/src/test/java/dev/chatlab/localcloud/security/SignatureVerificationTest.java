package dev.chatlab.localcloud.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.services.iam.IamTesting;
import dev.chatlab.localcloud.services.iam.model.SessionCredentials;
import dev.chatlab.localcloud.testing.Eventually;
import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * SigV4 as AWS checks it, through the SDK (configured with a wrong secret, an old clock) and as
 * raw HTTP signed by the SDK's own signers: each refusal with the code, status and words of the
 * service's protocol, and the keys that must keep working (the lab's test/test, any unknown key
 * id with the secret test, an IAM user's key, a function's STS session key).
 */
class SignatureVerificationTest {

    static final AwsBasicCredentials WRONG_SECRET = AwsBasicCredentials.create("test", "not-the-secret");
    static final AwsBasicCredentials ROOT = AwsBasicCredentials.create("test", "test");
    static final String MISMATCH = "The request signature we calculated does not match the signature you provided.";

    static TestCloud cloud;
    static S3Client s3;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build();
        s3.createBucket(b -> b.bucket("signed"));
        s3.putObject(b -> b.bucket("signed").key("note.txt"), RequestBody.fromString("hello"));
    }

    @AfterAll
    static void stop() {
        s3.close();
        cloud.close();
    }

    static StaticCredentialsProvider as(AwsCredentials credentials) {
        return StaticCredentialsProvider.create(credentials);
    }

    @Test
    void wrongSecret_isRefusedByEveryProtocol_withItsOwnCodeAndStatus() {
        try (DynamoDbClient dynamo = cloud.client(DynamoDbClient.builder()).credentialsProvider(as(WRONG_SECRET)).build();
             S3Client wrongS3 = cloud.client(S3Client.builder()).forcePathStyle(true).credentialsProvider(as(WRONG_SECRET)).build();
             StsClient sts = cloud.client(StsClient.builder()).credentialsProvider(as(WRONG_SECRET)).build();
             LambdaClient lambda = cloud.client(LambdaClient.builder()).credentialsProvider(as(WRONG_SECRET)).build()) {
            AwsServiceException json = assertThrows(AwsServiceException.class, dynamo::listTables);
            assertError(json, "InvalidSignatureException", 400);
            assertTrue(json.awsErrorDetails().errorMessage().contains("The Canonical String for this request should have been"), json.getMessage());

            AwsServiceException xml = assertThrows(AwsServiceException.class, () -> wrongS3.getObjectAsBytes(b -> b.bucket("signed").key("note.txt")));
            assertError(xml, "SignatureDoesNotMatch", 403);

            assertError(assertThrows(AwsServiceException.class, sts::getCallerIdentity), "SignatureDoesNotMatch", 403);
            assertError(assertThrows(AwsServiceException.class, lambda::listFunctions), "InvalidSignatureException", 403);
        }
    }

    @Test
    void s3SignatureDoesNotMatch_carriesTheStringToSignAwsComputed() {
        SdkHttpFullRequest signed = SignedHttp.signS3(SignedHttp.request(cloud, SdkHttpMethod.GET, "/signed/note.txt", Map.of(), new byte[0]),
                WRONG_SECRET, false, Clock.systemUTC());
        String answer = SignedHttp.send(cloud, signed, new byte[0]);
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(answer.contains("<Code>SignatureDoesNotMatch</Code>") && answer.contains("<StringToSign>AWS4-HMAC-SHA256\n")
                && answer.contains("<CanonicalRequest>GET\n/signed/note.txt\n") && answer.contains("<AWSAccessKeyId>test</AWSAccessKeyId>"), answer);
    }

    @Test
    void unknownAccessKeyId_withSecretTest_isTheAccountRoot_andWithAnotherSecretIsRefused() {
        try (StsClient sts = cloud.client(StsClient.builder()).credentialsProvider(as(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "test"))).build()) {
            assertEquals("arn:aws:iam::000000000000:root", sts.getCallerIdentity().arn());
        }
        try (StsClient sts = cloud.client(StsClient.builder()).credentialsProvider(as(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI"))).build()) {
            assertError(assertThrows(AwsServiceException.class, sts::getCallerIdentity), "SignatureDoesNotMatch", 403);
        }
    }

    @Test
    void iamUsersKey_signsWithItsOwnSecretOnly_andNotOnceDeleted() {
        try (IamClient iam = cloud.client(IamClient.builder()).build()) {
            iam.createUser(b -> b.userName("student1"));
            AccessKey key = iam.createAccessKey(b -> b.userName("student1")).accessKey();
            try (StsClient asUser = cloud.client(StsClient.builder()).credentialsProvider(as(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build();
                 StsClient withTest = cloud.client(StsClient.builder()).credentialsProvider(as(AwsBasicCredentials.create(key.accessKeyId(), "test"))).build()) {
                assertEquals("arn:aws:iam::000000000000:user/student1", asUser.getCallerIdentity().arn());
                assertError(assertThrows(AwsServiceException.class, withTest::getCallerIdentity), "SignatureDoesNotMatch", 403);
                iam.deleteAccessKey(b -> b.userName("student1").accessKeyId(key.accessKeyId()));
                AwsServiceException deleted = assertThrows(AwsServiceException.class, asUser::getCallerIdentity);
                assertError(deleted, "SignatureDoesNotMatch", 403); // now the root's key id, whose secret is test
            }
        }
    }

    @Test
    void stsSessionKey_isAcceptedWithItsToken_andRefusedWithoutIt() {
        SessionCredentials session;
        try (IamClient iam = cloud.client(IamClient.builder()).build()) {
            String role = iam.createRole(b -> b.roleName("fn-role").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""))
                    .role().arn();
            session = IamTesting.catalog(cloud).sts().credentialsForServicePrincipal(role, "lambda.amazonaws.com", "fn");
        }
        try (StsClient asFunction = cloud.client(StsClient.builder()).credentialsProvider(IamTesting.provider(session)).build();
             DynamoDbClient noToken = cloud.client(DynamoDbClient.builder())
                     .credentialsProvider(as(AwsBasicCredentials.create(session.accessKeyId(), session.secretAccessKey()))).build();
             DynamoDbClient otherToken = cloud.client(DynamoDbClient.builder())
                     .credentialsProvider(as(AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), "forged"))).build()) {
            assertEquals("arn:aws:sts::000000000000:assumed-role/fn-role/fn", asFunction.getCallerIdentity().arn());
            AwsServiceException missing = assertThrows(AwsServiceException.class, noToken::listTables);
            assertError(missing, "UnrecognizedClientException", 400);
            assertEquals("The security token included in the request is invalid.", missing.awsErrorDetails().errorMessage());
            assertError(assertThrows(AwsServiceException.class, otherToken::listTables), "UnrecognizedClientException", 400);
        }
    }

    @Test
    void requestSignedTwentyMinutesAgo_isSignatureExpired_orS3sRequestTimeTooSkewed() {
        Clock late = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest dynamo = SignedHttp.sign(SignedHttp.request(cloud, SdkHttpMethod.POST, "/",
                Map.of("X-Amz-Target", "DynamoDB_20120810.ListTables", "Content-Type", "application/x-amz-json-1.0"), body), ROOT, "dynamodb", late);
        String answer = SignedHttp.send(cloud, dynamo, body);
        assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("InvalidSignatureException") && answer.contains("Signature expired: ")
                && answer.contains("is now earlier than") && answer.contains(" - 15 min.)"), answer);

        SdkHttpFullRequest s3Get = SignedHttp.signS3(SignedHttp.request(cloud, SdkHttpMethod.GET, "/signed/note.txt", Map.of(), new byte[0]), ROOT, false, late);
        String s3Answer = SignedHttp.send(cloud, s3Get, new byte[0]);
        assertTrue(s3Answer.startsWith("HTTP/1.1 403") && s3Answer.contains("<Code>RequestTimeTooSkewed</Code>")
                && s3Answer.contains("<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>"), s3Answer);

        SdkHttpFullRequest fresh = SignedHttp.sign(SignedHttp.request(cloud, SdkHttpMethod.POST, "/",
                Map.of("X-Amz-Target", "DynamoDB_20120810.ListTables", "Content-Type", "application/x-amz-json-1.0"), body), ROOT, "dynamodb",
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
        assertTrue(SignedHttp.send(cloud, fresh, body).startsWith("HTTP/1.1 200"), "10 minutes of skew are within AWS's 15");
    }

    @Test
    void bodyChangedAfterSigning_isRefused_s3WithXAmzContentSha256Mismatch() {
        byte[] signedBody = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] tampered = "HELLO".getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest put = SignedHttp.signS3(SignedHttp.request(cloud, SdkHttpMethod.PUT, "/signed/tampered.txt", Map.of(), signedBody),
                ROOT, false, Clock.systemUTC());
        String answer = SignedHttp.send(cloud, put, tampered);
        assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("<Code>XAmzContentSHA256Mismatch</Code>")
                && answer.contains("<ClientComputedContentSHA256>"), answer);
        assertTrue(SignedHttp.send(cloud, put, signedBody).startsWith("HTTP/1.1 200"), "the body as signed is stored");

        byte[] item = "{\"TableName\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest dynamo = SignedHttp.sign(SignedHttp.request(cloud, SdkHttpMethod.POST, "/",
                Map.of("X-Amz-Target", "DynamoDB_20120810.DescribeTable", "Content-Type", "application/x-amz-json-1.0"), item), ROOT, "dynamodb",
                Clock.systemUTC());
        String json = SignedHttp.send(cloud, dynamo, "{\"TableName\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(json.startsWith("HTTP/1.1 400") && json.contains("InvalidSignatureException"), json);
    }

    @Test
    void chunkedUpload_eachChunkSigned_aChangedChunkIsSignatureDoesNotMatch() {
        byte[] data = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8); // two chunks of the signer's 128 KB, and the last
        SdkHttpFullRequest put = SignedHttp.signS3(SignedHttp.request(cloud, SdkHttpMethod.PUT, "/signed/chunked.txt", Map.of(), data),
                ROOT, true, Clock.systemUTC());
        byte[] chunked = SignedHttp.body(put);
        assertTrue(put.firstMatchingHeader("x-amz-content-sha256").orElseThrow().equals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"));
        assertTrue(SignedHttp.send(cloud, put, chunked).startsWith("HTTP/1.1 200"));
        assertEquals(200_000, s3.getObjectAsBytes(b -> b.bucket("signed").key("chunked.txt")).asByteArray().length);

        byte[] changed = chunked.clone();
        changed[changed.length / 2] = 'y';
        String answer = SignedHttp.send(cloud, put, changed);
        assertTrue(answer.startsWith("HTTP/1.1 403") && answer.contains("<Code>SignatureDoesNotMatch</Code>")
                && answer.contains("AWS4-HMAC-SHA256-PAYLOAD"), answer);
    }

    @Test
    void presignedUrl_worksUntilXAmzExpires_thenIsAccessDeniedRequestHasExpired() throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(cloud.endpoint()).region(TestCloud.REGION)
                .credentialsProvider(TestCloud.ADMIN).serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(g -> g.bucket("signed").key("note.txt"))).url().toURI();
            assertEquals("hello", cloud.send(HttpRequest.newBuilder(url).GET().build()).body());
            HttpResponse<String> altered = cloud.send(HttpRequest.newBuilder(URI.create(url.toString().replace("note.txt", "other.txt"))).GET().build());
            assertEquals(403, altered.statusCode());
            assertTrue(altered.body().contains("<Code>SignatureDoesNotMatch</Code>"), altered.body());
            HttpResponse<String> expired = Eventually.await("the URL to expire (X-Amz-Expires=1)", Duration.ofSeconds(5),
                    () -> cloud.send(HttpRequest.newBuilder(url).GET().build()), answer -> answer.statusCode() != 200);
            assertEquals(403, expired.statusCode());
            assertTrue(expired.body().contains("<Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>1</X-Amz-Expires>"),
                    expired.body());
        }
    }

    @Test
    void unsignedCalls_areMissingAuthenticationToken_inEachProtocol_neverS3sXml() {
        String dynamo = cloud.raw("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\n\r\n{}");
        assertTrue(dynamo.startsWith("HTTP/1.1 400") && dynamo.contains("MissingAuthenticationTokenException")
                && dynamo.contains("Request is missing Authentication Token"), dynamo);
        String noTarget = cloud.raw("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\n\r\n{}");
        assertTrue(noTarget.startsWith("HTTP/1.1 400") && noTarget.contains("MissingAuthenticationTokenException") && !noTarget.contains("<Error>"), noTarget);
        HttpResponse<String> lambda = cloud.get("/2015-03-31/functions/");
        assertEquals(403, lambda.statusCode());
        assertEquals("MissingAuthenticationTokenException", lambda.headers().firstValue("x-amzn-ErrorType").orElse(""));
        String query = cloud.raw("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 43\r\n\r\nAction=GetCallerIdentity&Version=2011-06-15");
        assertTrue(query.startsWith("HTTP/1.1 403") && query.contains("<Code>MissingAuthenticationToken</Code>"), query);
        assertEquals(403, cloud.get("/signed/note.txt").statusCode(), "an anonymous S3 read is still S3's, which the bucket policy decides");
    }

    @Test
    void corsPreflight_toDynamoDb_isAnsweredAsAwsDoes_forAPageOfThisMachine() {
        String preflight = cloud.raw("OPTIONS / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nOrigin: http://localhost:3000\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization,content-type,x-amz-date,x-amz-target\r\n\r\n");
        assertTrue(preflight.startsWith("HTTP/1.1 200"), preflight);
        assertTrue(preflight.contains("Access-Control-Allow-Origin: *") && preflight.contains("Access-Control-Allow-Methods: POST")
                && preflight.contains("Access-Control-Allow-Headers: authorization,content-type,x-amz-date,x-amz-target")
                && preflight.contains("Access-Control-Max-Age: 172800"), preflight);
        String foreign = cloud.raw("OPTIONS / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nOrigin: https://attacker.example\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: x-amz-target\r\n\r\n");
        assertTrue(foreign.startsWith("HTTP/1.1 403") && !foreign.contains("Access-Control-Allow-Origin"), foreign);
        String call = cloud.raw("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nOrigin: http://localhost:3000\r\n"
                + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\n\r\n{}");
        assertTrue(call.contains("Access-Control-Allow-Origin: *") && call.contains("Access-Control-Expose-Headers: x-amzn-RequestId"), call);
    }

    @Test
    void verificationSwitchedOff_takesAWrongSecret() {
        try (TestCloud lax = TestCloud.start(LocalCloudConfig.forTests().withSignatureVerification(false));
             DynamoDbClient dynamo = lax.client(DynamoDbClient.builder()).credentialsProvider(as(WRONG_SECRET)).build()) {
            assertEquals(0, dynamo.listTables().tableNames().size());
            assertTrue(lax.get("/_localcloud/health").body().contains("\"verifySignatures\":false"));
        }
    }

    private static void assertError(AwsServiceException error, String code, int status) {
        assertEquals(code, error.awsErrorDetails().errorCode(), error.getMessage());
        assertEquals(status, error.statusCode(), error.getMessage());
    }
}
