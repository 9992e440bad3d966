package dev.chatlab.localcloud.services.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.policy.Decision;
import dev.chatlab.localcloud.services.iam.IamTesting;
import dev.chatlab.localcloud.services.iam.model.SessionCredentials;
import dev.chatlab.localcloud.testing.TestCloud;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class StsTest {

    static final String LAMBDA_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    static TestCloud cloud;
    static IamClient iam;
    static StsClient sts;
    static StsService stsService;
    static String functionRoleArn;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        iam = cloud.client(IamClient.builder()).build();
        sts = cloud.client(StsClient.builder()).build();
        stsService = IamTesting.catalog(cloud).sts();
        functionRoleArn = createRole("function-role", LAMBDA_TRUST);
    }

    @AfterAll
    static void stop() {
        iam.close();
        sts.close();
        cloud.close();
    }

    static String createRole(String name, String trust) {
        return iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
    }

    static String trustingAws(String principal) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}""".formatted(principal);
    }

    static StsClient stsAs(SessionCredentials credentials) {
        return cloud.client(StsClient.builder()).credentialsProvider(IamTesting.provider(credentials)).build();
    }

    static SessionCredentials functionSession(String sessionName) {
        return stsService.credentialsForServicePrincipal(functionRoleArn, "lambda.amazonaws.com", sessionName);
    }

    @Test
    void getCallerIdentity_withTheLabsKeys_isTheAccountsRootUser() {
        GetCallerIdentityResponse identity = sts.getCallerIdentity();

        assertEquals("000000000000", identity.account());
        assertEquals("arn:aws:iam::000000000000:root", identity.arn());
        assertEquals("000000000000", identity.userId());
    }

    @Test
    void assumeRole_withRootKeys_isAccessDenied_rolesMayNotBeAssumedByRoot() {
        String arn = createRole("root-cannot", trustingAws("arn:aws:iam::000000000000:root"));

        StsException e = assertThrows(StsException.class, () -> sts.assumeRole(r -> r.roleArn(arn).roleSessionName("ss")));
        assertEquals(403, e.statusCode());
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        assertEquals("Roles may not be assumed by root accounts.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void serviceCredentials_areAsiaKeys_thatIdentifyAsTheAssumedRole() {
        SessionCredentials credentials = functionSession("chat-connect");

        assertTrue(credentials.accessKeyId().matches("ASIA[A-Z0-9]{16}"), credentials.accessKeyId());
        assertEquals(40, credentials.secretAccessKey().length());
        Instant expiration = Instant.parse(credentials.expiration());
        assertTrue(Duration.between(Instant.now(), expiration).toMinutes() >= 59);
        try (StsClient asFunction = stsAs(credentials)) {
            GetCallerIdentityResponse identity = asFunction.getCallerIdentity();
            assertEquals("arn:aws:sts::000000000000:assumed-role/function-role/chat-connect", identity.arn());
            assertTrue(identity.userId().matches("AROA[A-Z0-9]{17}:chat-connect"), identity.userId());
            assertEquals("000000000000", identity.account());
        }
    }

    @Test
    void serviceCredentials_forRoleNotTrustingTheService_areRefused() {
        String arn = createRole("apigw-only", LAMBDA_TRUST.replace("lambda", "apigateway"));

        AwsException e = assertThrows(AwsException.class,
                () -> stsService.credentialsForServicePrincipal(arn, "lambda.amazonaws.com", "f"));
        assertEquals("AccessDenied", e.code());
        assertThrows(AwsException.class, () -> stsService.credentialsForServicePrincipal(
                "arn:aws:iam::000000000000:role/missing", "lambda.amazonaws.com", "f"));
    }

    @Test
    void assumeRole_whenTrustPolicyNamesTheCallersRole_issuesCredentialsForTheNewRole() {
        String target = createRole("chained", trustingAws(functionRoleArn));

        try (StsClient asFunction = stsAs(functionSession("chainer"))) {
            AssumeRoleResponse response = asFunction.assumeRole(r -> r.roleArn(target).roleSessionName("second"));

            assertEquals("arn:aws:sts::000000000000:assumed-role/chained/second", response.assumedRoleUser().arn());
            assertTrue(response.assumedRoleUser().assumedRoleId().endsWith(":second"));
            assertTrue(response.credentials().accessKeyId().startsWith("ASIA"));
            try (StsClient asChained = cloud.client(StsClient.builder()).credentialsProvider(
                    StaticCredentialsProvider.create(
                            AwsSessionCredentials.create(response.credentials().accessKeyId(),
                                    response.credentials().secretAccessKey(), response.credentials().sessionToken()))).build()) {
                assertEquals("arn:aws:sts::000000000000:assumed-role/chained/second", asChained.getCallerIdentity().arn());
            }
        }
    }

    @Test
    void assumeRole_whenTrustPolicyDoesNotNameTheCaller_isAccessDeniedWithAwsMessage() {
        String target = createRole("lambda-only", LAMBDA_TRUST);

        try (StsClient asFunction = stsAs(functionSession("intruder"))) {
            StsException e = assertThrows(StsException.class, () -> asFunction.assumeRole(r -> r.roleArn(target).roleSessionName("xx")));
            assertEquals(403, e.statusCode());
            assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
            assertEquals("User: arn:aws:sts::000000000000:assumed-role/function-role/intruder is not authorized to perform: "
                    + "sts:AssumeRole on resource: " + target, e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void assumeRole_missingRole_isAccessDenied() {
        try (StsClient asFunction = stsAs(functionSession("lost"))) {
            StsException e = assertThrows(StsException.class, () -> asFunction.assumeRole(r -> r
                    .roleArn("arn:aws:iam::000000000000:role/does-not-exist").roleSessionName("xx")));
            assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void assumeRole_trustPolicyNamingTheAccount_alsoNeedsAnIdentityPolicyAllowingIt() {
        String target = createRole("account-trusted", trustingAws("arn:aws:iam::000000000000:root"));
        String caller = createRole("delegate", LAMBDA_TRUST);
        SessionCredentials credentials = stsService.credentialsForServicePrincipal(caller, "lambda.amazonaws.com", "d");

        try (StsClient asDelegate = stsAs(credentials)) {
            assertThrows(StsException.class, () -> asDelegate.assumeRole(r -> r.roleArn(target).roleSessionName("xx")));

            iam.putRolePolicy(r -> r.roleName("delegate").policyName("assume").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}]}""".formatted(target)));
            assertEquals("arn:aws:sts::000000000000:assumed-role/account-trusted/xx",
                    asDelegate.assumeRole(r -> r.roleArn(target).roleSessionName("xx")).assumedRoleUser().arn());
        }
    }

    @Test
    void assumeRole_trustConditionOnExternalId_decides() {
        String target = createRole("external", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole",
                  "Condition":{"StringEquals":{"sts:ExternalId":"lab-42"}}}]}""".formatted(functionRoleArn));

        try (StsClient asFunction = stsAs(functionSession("ext"))) {
            assertThrows(StsException.class, () -> asFunction.assumeRole(r -> r.roleArn(target).roleSessionName("xx").externalId("wrong")));
            assertThrows(StsException.class, () -> asFunction.assumeRole(r -> r.roleArn(target).roleSessionName("xx")));
            asFunction.assumeRole(r -> r.roleArn(target).roleSessionName("xx").externalId("lab-42"));
        }
    }

    @Test
    void assumeRole_chainedForMoreThanAnHour_isValidationError() {
        String target = createRole("long-chain", trustingAws(functionRoleArn));
        try (StsClient asFunction = stsAs(functionSession("long"))) {
            StsException e = assertThrows(StsException.class, () -> asFunction.assumeRole(r -> r.roleArn(target).roleSessionName("xx").durationSeconds(7200)));
            assertEquals("ValidationError", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
        }
    }

    @Test
    void assumeRole_badSessionName_isValidationError() {
        try (StsClient asFunction = stsAs(functionSession("names"))) {
            StsException e = assertThrows(StsException.class, () -> asFunction.assumeRole(r -> r.roleArn(functionRoleArn).roleSessionName("has space")));
            assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void assumeRole_sessionPolicy_limitsTheSessionToWhatBothAllow() {
        String target = createRole("limited", trustingAws(functionRoleArn));
        iam.attachRolePolicy(r -> r.roleName("limited").policyArn("arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"));
        String table = "arn:aws:dynamodb:ap-northeast-2:000000000000:table/ChatMessages";
        String onlyGetItem = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["dynamodb:GetItem","s3:GetObject"],"Resource":"*"}]}""";

        try (StsClient asFunction = stsAs(functionSession("limiter"))) {
            String key = asFunction.assumeRole(r -> r.roleArn(target).roleSessionName("narrow").policy(onlyGetItem))
                    .credentials().accessKeyId();
            var authorizer = IamTesting.catalog(cloud).authorizer();

            assertEquals(Decision.ALLOWED, authorizer.authorize(key, "dynamodb:GetItem", table, Map.of()).decision());
            assertEquals(Decision.IMPLICIT_DENY, authorizer.authorize(key, "dynamodb:PutItem", table, Map.of()).decision());
            assertEquals(Decision.IMPLICIT_DENY, authorizer.authorize(key, "s3:GetObject", "arn:aws:s3:::b/k", Map.of()).decision());
            StsException e = assertThrows(StsException.class,
                    () -> asFunction.assumeRole(r -> r.roleArn(target).roleSessionName("bad").policy("{nope")));
            assertEquals("MalformedPolicyDocument", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void expiredCredentials_areExpiredToken() {
        SessionCredentials expired = stsService.credentialsForServicePrincipal(functionRoleArn, "lambda.amazonaws.com", "old", 0);
        try (StsClient asExpired = stsAs(expired)) {
            StsException e = assertThrows(StsException.class, asExpired::getCallerIdentity);
            assertEquals("ExpiredToken", e.awsErrorDetails().errorCode());
            assertEquals(403, e.statusCode());
        }
    }

    @Test
    void unknownTemporaryKey_isInvalidClientTokenId() {
        SessionCredentials forged = new SessionCredentials("ASIAFORGEDFORGED0000", "s".repeat(40), "token", "2099-01-01T00:00:00Z",
                functionRoleArn, "function-role", "AROA:x", "arn", "x", List.of());
        try (StsClient asForged = stsAs(forged)) {
            StsException e = assertThrows(StsException.class, asForged::getCallerIdentity);
            assertEquals("InvalidClientTokenId", e.awsErrorDetails().errorCode());
        }
    }
}
