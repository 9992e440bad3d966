package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The error-to-hint table, fed with AWS's recorded error responses: each one goes through the
 * real SDK client of its service (its protocol's unmarshaller, its exception type, its stack),
 * as a student's step would meet it.
 */
class ErrorHintsTest {

    @Test
    void malformedPolicy_resourceWithoutSlashStar_saysAddSlashStar() {
        Throwable error = RecordedAws.s3Error(400, "MalformedPolicy", "Action does not apply to any resource(s) in statement",
                s3 -> s3.putBucketPolicy(b -> b.bucket("chatlab-site").policy("{}")));
        assertHint(error, "/*", "/*를 붙이세요");
    }

    @Test
    void accessDenied_onPutBucketPolicy_asLocalcloudAndOlderS3SayIt_blamesBlockPublicPolicy() {
        Throwable error = RecordedAws.s3Error(403, "AccessDenied", "Access Denied",
                s3 -> s3.putBucketPolicy(b -> b.bucket("chatlab-site").policy("{}")));
        assertEquals("putBucketPolicy", ErrorHints.operationOf(error));
        assertHint(error, "BlockPublicPolicy", "1단계");
    }

    @Test
    void accessDenied_withTodaysS3Message_blamesBlockPublicPolicy() {
        Throwable error = RecordedAws.s3Error(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/student is not authorized to perform: "
                + "s3:PutBucketPolicy on resource: \"arn:aws:s3:::chatlab-site\" because public policies are blocked by the "
                + "BlockPublicPolicy block public access setting.", s3 -> s3.putBucketPolicy(b -> b.bucket("chatlab-site").policy("{}")));
        assertHint(error, "step 1", "퍼블릭 액세스 차단");
    }

    @Test
    void accessDenied_onAnotherS3Call_isAboutTheCallersPermissions() {
        Throwable error = RecordedAws.s3Error(403, "AccessDenied", "Access Denied", s3 -> s3.getBucketPolicy(b -> b.bucket("chatlab-site")));
        assertHint(error, "get-caller-identity", "자격 증명");
    }

    @Test
    void bucketErrors_nameTheirStep() {
        assertHint(RecordedAws.s3Error(404, "NoSuchBucket", "The specified bucket does not exist", s3 -> s3.getBucketWebsite(b -> b.bucket("x"))),
                "./lab step 1", "./lab step 1");
        assertHint(RecordedAws.s3Error(409, "BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared "
                + "by all users of the system. Please select a different name and try again.", s3 -> s3.createBucket(b -> b.bucket("chatlab-site"))),
                "--prefix", "--prefix");
        assertHint(RecordedAws.s3Error(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.",
                s3 -> s3.createBucket(b -> b.bucket("chatlab-site"))), "already own", "이미 내 버킷");
        assertHint(RecordedAws.s3Error(404, "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration",
                s3 -> s3.getBucketWebsite(b -> b.bucket("x"))), "./lab step 2", "정적 웹 사이트 호스팅");
        assertHint(RecordedAws.s3Error(400, "IllegalLocationConstraintException", "The unspecified location constraint is incompatible for the "
                + "region specific endpoint this request was sent to.", s3 -> s3.createBucket(b -> b.bucket("chatlab-site"))), "LocationConstraint",
                "LocationConstraint");
        assertHint(RecordedAws.s3Error(400, "AccessControlListNotSupported", "The bucket does not allow ACLs",
                s3 -> s3.putObject(b -> b.bucket("x").key("index.html").acl("public-read"), RequestBody.fromString("x"))),
                "bucket policy", "버킷 정책");
    }

    @Test
    void lambdaCannotAssumeRole_namesTheTrustPolicyAndPropagation() {
        Throwable error = RecordedAws.jsonError(LambdaClient.builder(), 400, Map.of("x-amzn-ErrorType", "InvalidParameterValueException"),
                "{\"Type\":\"User\",\"message\":\"The role defined for the function cannot be assumed by Lambda.\"}",
                lambda -> lambda.createFunction(b -> b.functionName("chat-connect").role("arn:aws:iam::1:role/r")));
        assertHint(error, "lambda.amazonaws.com", "신뢰 정책");
        assertHint(error, "few seconds", "몇 초");
    }

    @Test
    void lambdaOtherErrors() {
        assertHint(RecordedAws.jsonError(LambdaClient.builder(), 400, Map.of("x-amzn-ErrorType", "InvalidParameterValueException"),
                        "{\"Type\":\"User\",\"message\":\"The runtime parameter of java8 is no longer supported for creating or updating AWS "
                                + "Lambda functions. We recommend you use a supported runtime while creating or updating functions.\"}",
                        lambda -> lambda.createFunction(b -> b.functionName("f"))),
                "java21", "java21");
        assertHint(RecordedAws.jsonError(LambdaClient.builder(), 404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException"),
                        "{\"Type\":\"User\",\"Message\":\"Function not found: arn:aws:lambda:ap-northeast-2:123456789012:function:chat-connect\"}",
                        lambda -> lambda.getFunction(b -> b.functionName("chat-connect"))),
                "./lab step 6", "./lab step 6");
        assertHint(RecordedAws.jsonError(LambdaClient.builder(), 404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException"),
                        "{\"Type\":\"User\",\"Message\":\"The resource you requested does not exist.\"}",
                        lambda -> lambda.getPolicy(b -> b.functionName("chat-connect"))),
                "AddPermission", "AddPermission");
        assertHint(RecordedAws.jsonError(LambdaClient.builder(), 400, Map.of("x-amzn-ErrorType", "InvalidParameterValueException"),
                        "{\"Type\":\"User\",\"message\":\"Unsupported handler format\"}",
                        lambda -> lambda.createFunction(b -> b.functionName("f"))),
                "step 6 README", "6단계 README");
    }

    @Test
    void dynamoDbErrors() {
        String prefix = "com.amazonaws.dynamodb.v20120810#";
        assertHint(RecordedAws.jsonError(DynamoDbClient.builder(), 400, Map.of(),
                        "{\"__type\":\"" + prefix + "ResourceNotFoundException\",\"message\":\"Requested resource not found\"}",
                        dynamo -> dynamo.describeTable(b -> b.tableName("ChatMessages"))),
                "./lab step 7", "ACTIVE");
        assertHint(RecordedAws.jsonError(DynamoDbClient.builder(), 400, Map.of(),
                        "{\"__type\":\"" + prefix + "ResourceInUseException\",\"message\":\"Table already exists: ChatMessages\"}",
                        dynamo -> dynamo.createTable(b -> b.tableName("ChatMessages"))),
                "key schema cannot change", "키 스키마");
        assertHint(RecordedAws.jsonError(DynamoDbClient.builder(), 400, Map.of(),
                        "{\"__type\":\"" + prefix + "ValidationException\",\"message\":\"The provided key element does not match the schema\"}",
                        dynamo -> dynamo.getItem(b -> b.tableName("ChatMessages").key(Map.of("id", AttributeValue.fromS("x"))))),
                "roomId (S) + sortKey (S)", "roomId(S) + sortKey(S)");
        assertHint(RecordedAws.jsonError(DynamoDbClient.builder(), 400, Map.of(),
                        "{\"__type\":\"" + prefix + "ValidationException\",\"message\":\"The table does not have the specified index: connectionId-index\"}",
                        dynamo -> dynamo.query(b -> b.tableName("ChatUsers").indexName("connectionId-index"))),
                "connectionId-index", "connectionId-index");
    }

    @Test
    void iamAndRoute53Errors() {
        assertHint(RecordedAws.xmlError(IamClient.builder().region(Region.AWS_GLOBAL), 404, """
                        <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>\
                        <Message>The role with name chat-lambda-role cannot be found.</Message></Error><RequestId>1</RequestId></ErrorResponse>""",
                        iam -> iam.getRole(b -> b.roleName("chat-lambda-role"))),
                "./lab step 4", "./lab step 4");
        assertHint(RecordedAws.xmlError(Route53Client.builder().region(Region.AWS_GLOBAL), 400, """
                        <?xml version="1.0"?>
                        <ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type>\
                        <Code>InvalidChangeBatch</Code><Message>[Tried to create an alias that targets s3-website-us-east-1.amazonaws.com., \
                        type A in zone Z3W03O7B5YMIYP, but the alias target name does not lie within the target zone]</Message></Error>\
                        <RequestId>1</RequestId></ErrorResponse>""",
                        route53 -> route53.changeResourceRecordSets(b -> b.hostedZoneId("Z1").changeBatch(c -> c.changes(ch -> ch
                                .action(ChangeAction.UPSERT).resourceRecordSet(r -> r.name("chat.lab.test").type(RRType.A)))))),
                "websiteZoneId", "호스팅 영역 ID");
    }

    @Test
    void unknownError_keepsItsRawText() {
        Throwable error = RecordedAws.s3Error(400, "InvalidTag", "The TagKey you have provided is invalid",
                s3 -> s3.putBucketTagging(b -> b.bucket("x").tagging(t -> t.tagSet(s -> s.key("k").value("v")))));
        assertEquals(Optional.empty(), ErrorHints.hintFor(error));
        Text explained = ErrorHints.explain(error);
        assertEquals("InvalidTag: The TagKey you have provided is invalid", explained.en());
        assertEquals(explained.en(), explained.ko());
    }

    @Test
    void explain_putsTheHintAfterTheRawError() {
        Throwable error = RecordedAws.s3Error(400, "MalformedPolicy", "Action does not apply to any resource(s) in statement",
                s3 -> s3.putBucketPolicy(b -> b.bucket("chatlab-site").policy("{}")));
        assertTrue(ErrorHints.explain(error).en().startsWith("MalformedPolicy: Action does not apply to any resource(s) in statement → "));
    }

    @Test
    void httpAnswers() {
        assertTrue(ErrorHints.hintForHttp(500, "{\"message\": \"Internal server error\"}").orElseThrow().en().contains("lambda:AddPermission"));
        assertTrue(ErrorHints.hintForHttp(403, "{\"message\":\"Missing Authentication Token\"}").orElseThrow().en().contains("deployed"));
        assertTrue(ErrorHints.hintForHttp(404, "<li>Code: NoSuchWebsiteConfiguration</li>").orElseThrow().en().contains("./lab step 2"));
        assertTrue(ErrorHints.hintForHttp(403, "<li>Code: AccessDenied</li>").orElseThrow().en().contains("/*"));
        assertEquals(Optional.empty(), ErrorHints.hintForHttp(200, "ok"));
    }

    private static void assertHint(Throwable error, String en, String ko) {
        Text hint = ErrorHints.hintFor(error).orElseThrow(() -> new AssertionError("no hint for " + Errors.describe(error) + " " + error));
        assertTrue(hint.en().contains(en), () -> "English hint lacks \"" + en + "\": " + hint.en());
        assertTrue(hint.ko().contains(ko), () -> "Korean hint lacks \"" + ko + "\": " + hint.ko());
    }
}
