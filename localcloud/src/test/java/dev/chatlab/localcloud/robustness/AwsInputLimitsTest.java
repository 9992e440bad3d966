package dev.chatlab.localcloud.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatlab.localcloud.testing.TestCloud;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.RoutingRule;

/**
 * The limits AWS puts on input, as a user of the SDK meets them: the constraints of each
 * operation's model (lengths, patterns, ranges) refused with the service's own validation error
 * and AWS's wording, and the limits the models do not state (S3's 50 routing rules, Route53's
 * 1,000 records per batch) with the words those services use.
 */
class AwsInputLimitsTest {

    private static TestCloud cloud;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void createFunction_timeoutZero_isValidationException() {
        try (LambdaClient lambda = cloud.client(LambdaClient.builder()).build()) {
            AwsServiceException refused = assertThrows(AwsServiceException.class, () -> lambda.createFunction(b -> b.functionName("limits")
                    .role("arn:aws:iam::000000000000:role/r").runtime(Runtime.JAVA21).handler("a.B").timeout(0)
                    .code(c -> c.zipFile(SdkBytes.fromUtf8String("zip")))));
            assertRefused(refused, 400, "ValidationException", "1 validation error detected: Value '0' at 'timeout' failed to satisfy constraint: "
                    + "Member must have value greater than or equal to 1");
        }
    }

    @Test
    void listRoles_maxItemsZero_isValidationError() {
        try (IamClient iam = cloud.client(IamClient.builder()).region(Region.AWS_GLOBAL).build()) {
            AwsServiceException refused = assertThrows(AwsServiceException.class, () -> iam.listRoles(b -> b.maxItems(0)));
            assertRefused(refused, 400, "ValidationError", "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: "
                    + "Member must have value greater than or equal to 1");
        }
    }

    @Test
    void createApi_nameOver128Characters_isBadRequest() {
        try (ApiGatewayV2Client apis = cloud.client(ApiGatewayV2Client.builder()).build()) {
            String name = "n".repeat(129);
            AwsServiceException refused = assertThrows(AwsServiceException.class, () -> apis.createApi(b -> b.name(name)
                    .protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("$request.body.action")));
            assertRefused(refused, 400, "BadRequestException", "1 validation error detected: Value '" + name + "' at 'name' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 128");
        }
    }

    @Test
    void createLogGroup_nameWithAStar_isInvalidParameter() {
        try (CloudWatchLogsClient logs = cloud.client(CloudWatchLogsClient.builder()).build()) {
            AwsServiceException refused = assertThrows(AwsServiceException.class, () -> logs.createLogGroup(b -> b.logGroupName("a*b")));
            assertRefused(refused, 400, "InvalidParameterException", "1 validation error detected: Value 'a*b' at 'logGroupName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }
    }

    @Test
    void putBucketWebsite_51RoutingRules_isInvalidRequest() {
        try (S3Client s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket("limits"));
            List<RoutingRule> rules = new ArrayList<>();
            for (int i = 0; i < 51; i++) {
                rules.add(RoutingRule.builder().condition(c -> c.keyPrefixEquals("old/")).redirect(r -> r.replaceKeyPrefixWith("new/")).build());
            }
            AwsServiceException refused = assertThrows(AwsServiceException.class, () -> s3.putBucketWebsite(b -> b.bucket("limits")
                    .websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html")).routingRules(rules))));
            assertRefused(refused, 400, "InvalidRequest", "51 routing rules provided, the number of routing rules in a website configuration is limited to 50.");
            s3.putBucketWebsite(b -> b.bucket("limits").websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html")).routingRules(rules.subList(0, 50))));
        }
    }

    @Test
    void changeResourceRecordSets_1001Records_isInvalidChangeBatch() {
        try (Route53Client route53 = cloud.client(Route53Client.builder()).region(Region.AWS_GLOBAL).build()) {
            String zone = route53.createHostedZone(b -> b.name("limits.example").callerReference("limits")).hostedZone().id();
            List<Change> changes = new ArrayList<>();
            for (int i = 0; i < 1001; i++) {
                String name = "r" + i + ".limits.example";
                changes.add(Change.builder().action(ChangeAction.CREATE).resourceRecordSet(s -> s.name(name).type(RRType.A).ttl(60L)
                        .resourceRecords(r -> r.value("192.0.2.1"))).build());
            }
            AwsServiceException refused = assertThrows(AwsServiceException.class, () -> route53.changeResourceRecordSets(b -> b.hostedZoneId(zone)
                    .changeBatch(c -> c.changes(changes))));
            assertRefused(refused, 400, "InvalidChangeBatch", "[Number of records limit of 1000 exceeded.]");
            route53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(changes.subList(0, 1000))));
        }
    }

    private static void assertRefused(AwsServiceException refused, int status, String code, String message) {
        assertEquals(status, refused.statusCode());
        assertEquals(code, refused.awsErrorDetails().errorCode());
        assertEquals(message, refused.awsErrorDetails().errorMessage());
    }
}
