package dev.chatlab.localcloud.robustness;

import static dev.chatlab.localcloud.testing.RawRequests.dynamo;
import static dev.chatlab.localcloud.testing.RawRequests.logs;
import static dev.chatlab.localcloud.testing.RawRequests.query;
import static dev.chatlab.localcloud.testing.RawRequests.signed;
import static dev.chatlab.localcloud.testing.RawRequests.unsigned;
import static dev.chatlab.localcloud.testing.RawRequests.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.RawRequests;
import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A malformed-input corpus per service: raw requests as a careless client or a fuzzer sends them
 * (bad escapes, wrong types, missing members, huge values, control characters, bodies that do not
 * parse, limits broken). Each must get a 4xx in its service's own error shape, with the code AWS
 * gives, and never a 5xx or the name of a Java class. DynamoDB's rows leave expressions out (see
 * MalformedRequestsTest for those).
 */
class MalformedInputCorpusTest {

    /** What a leaked Java exception looks like in an answer. */
    static final Pattern JAVA_LEAK = Pattern.compile(
            "\\b(java|javax|jdk|sun|jakarta|org\\.eclipse|org\\.h2|com\\.ctc|com\\.fasterxml)\\.[a-z]|Exception:|NullPointer|StackOverflow|NumberFormat|\\tat ");
    /** A row's code for input that AWS may well take: any answer below 500, in the service's shape if it is an error. */
    static final String MAY_SUCCEED = "(any answer below 500)";
    private static final String HUGE = "a".repeat(100_000);
    private static final String BUCKET = "corpus-bucket";
    private static final String TABLE = "corpus";

    private static TestCloud cloud;
    private static String restApi;
    private static String webSocketApi;
    private static String hostedZone;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        try (S3Client s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build();
             DynamoDbClient dynamo = cloud.client(DynamoDbClient.builder()).build();
             ApiGatewayClient apigateway = cloud.client(ApiGatewayClient.builder()).build();
             ApiGatewayV2Client apigatewayV2 = cloud.client(ApiGatewayV2Client.builder()).build();
             Route53Client route53 = cloud.client(Route53Client.builder()).build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
            restApi = apigateway.createRestApi(b -> b.name("corpus")).id();
            String root = apigateway.getResources(b -> b.restApiId(restApi)).items().get(0).id();
            String items = apigateway.createResource(b -> b.restApiId(restApi).parentId(root).pathPart("items")).id();
            apigateway.putMethod(b -> b.restApiId(restApi).resourceId(items).httpMethod("GET").authorizationType("NONE"));
            apigateway.putIntegration(b -> b.restApiId(restApi).resourceId(items).httpMethod("GET").type(IntegrationType.MOCK)
                    .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
            apigateway.createDeployment(b -> b.restApiId(restApi).stageName("dev"));
            webSocketApi = apigatewayV2.createApi(b -> b.name("corpus-ws").protocolType(ProtocolType.WEBSOCKET)
                    .routeSelectionExpression("$request.body.action")).apiId();
            apigatewayV2.createStage(b -> b.apiId(webSocketApi).stageName("dev"));
            hostedZone = route53.createHostedZone(b -> b.name("corpus.example").callerReference("corpus")).hostedZone().id()
                    .replace("/hostedzone/", "");
        }
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static Stream<Arguments> s3() {
        String rules = "<RoutingRule><Redirect><ReplaceKeyPrefixWith>b/</ReplaceKeyPrefixWith></Redirect></RoutingRule>";
        return Stream.of(
                row("a broken continuation token", "InvalidArgument", signed("GET", "/" + BUCKET + "?list-type=2&continuation-token=%21%21", "s3", null, null)),
                row("max-keys that is not a number", "InvalidArgument", signed("GET", "/" + BUCKET + "?max-keys=abc", "s3", null, null)),
                row("negative max-keys", "InvalidArgument", signed("GET", "/" + BUCKET + "?max-keys=-1", "s3", null, null)),
                row("a broken escape in the query", "InvalidURI", signed("GET", "/" + BUCKET + "?prefix=%zz", "s3", null, null)),
                row("51 website routing rules (S3 takes 50)", "InvalidRequest", signed("PUT", "/" + BUCKET + "?website", "s3", "application/xml",
                        "<WebsiteConfiguration><IndexDocument><Suffix>index.html</Suffix></IndexDocument><RoutingRules>"
                                + rules.repeat(51) + "</RoutingRules></WebsiteConfiguration>")),
                row("a website body that is not XML", "MalformedXML", signed("PUT", "/" + BUCKET + "?website", "s3", "application/xml", "<WebsiteConfiguration>")),
                row("a policy that is not JSON", "MalformedPolicy", signed("PUT", "/" + BUCKET + "?policy", "s3", "application/json", "{\"Version\": ")),
                row("a control character in a tag key", "MalformedXML", signed("PUT", "/" + BUCKET + "?tagging", "s3", "application/xml",
                        "<Tagging><TagSet><Tag><Key>a\u0001</Key><Value>b</Value></Tag></TagSet></Tagging>")),
                row("a NUL in XML", "MalformedXML", signed("PUT", "/" + BUCKET + "?tagging", "s3", "application/xml",
                        "<Tagging><TagSet><Tag><Key>a\u0000</Key><Value>b</Value></Tag></TagSet></Tagging>")),
                row("a key over 1,024 bytes", "KeyTooLongError", signed("PUT", "/" + BUCKET + "/" + "k".repeat(1100), "s3", "text/plain", "x")),
                row("a bucket name with capitals", "InvalidBucketName", signed("PUT", "/Bad_Bucket", "s3", null, null)),
                row("a Content-MD5 that is not base64 MD5", "InvalidDigest", withHeader(signed("PUT", "/" + BUCKET + "/md5", "s3", "text/plain", "x"), "Content-MD5", "abc")),
                row("a multi-object delete that is not XML", null, signed("POST", "/" + BUCKET + "?delete", "s3", "application/xml", "<Delete><Object>")),
                row("a part number that is not a number", null, signed("PUT", "/" + BUCKET + "/mp?partNumber=abc&uploadId=nope", "s3", "text/plain", "x")),
                row("a copy source with a broken escape", null, withHeader(signed("PUT", "/" + BUCKET + "/copy", "s3", null, null), "x-amz-copy-source", "/" + BUCKET + "/%zz")),
                row("a range that is not a range", null, withHeader(signed("GET", "/" + BUCKET + "/nothing", "s3", null, null), "Range", "bytes=abc")))
                .map(arguments -> withShape(arguments, ErrorShape.S3_XML));
    }

    static Stream<Arguments> dynamoDb() {
        return Stream.of(
                row("a body that is not JSON", "SerializationException", dynamo("GetItem", "{\"TableName\": ")),
                row("a JSON array for a body", null, dynamo("GetItem", "[]")),
                row("an unknown operation", "UnknownOperationException", dynamo("Bogus", "{}")),
                row("a table name over 255 characters", "ValidationException", dynamo("DescribeTable", "{\"TableName\":\"" + "t".repeat(300) + "\"}")),
                row("a table name with a space", "ValidationException", dynamo("DescribeTable", "{\"TableName\":\"a b\"}")),
                row("a string attribute given a number", "SerializationException", dynamo("PutItem",
                        "{\"TableName\":\"" + TABLE + "\",\"Item\":{\"id\":{\"S\":5}}}")),
                row("a Limit that is not a number", "SerializationException", dynamo("Scan", "{\"TableName\":\"" + TABLE + "\",\"Limit\":\"abc\"}")),
                row("a Limit of 0", "ValidationException", dynamo("Scan", "{\"TableName\":\"" + TABLE + "\",\"Limit\":0}")),
                row("a key without its attribute", "ValidationException", dynamo("GetItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":{}}")),
                row("26 writes in one batch", "ValidationException", dynamo("BatchWriteItem", "{\"RequestItems\":{\"" + TABLE + "\":["
                        + String.join(",", Collections.nCopies(26, "{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\"a\"}}}}")) + "]}}")),
                row("CreateTable without a key schema", "ValidationException", dynamo("CreateTable", "{\"TableName\":\"nokeys\",\"BillingMode\":\"PAY_PER_REQUEST\"}")),
                row("a NUL in an attribute name", MAY_SUCCEED, dynamo("PutItem", "{\"TableName\":\"" + TABLE + "\",\"Item\":{\"id\":{\"S\":\"a\"},\"b\\u0000\":{\"S\":\"x\"}}}")))
                .map(arguments -> withShape(arguments, ErrorShape.AWS_JSON));
    }

    static Stream<Arguments> lambda() {
        String create = "/2015-03-31/functions";
        return Stream.of(
                row("MaxItems that is not a number", "ValidationException", signed("GET", create + "/?MaxItems=abc", "lambda", null, null)),
                row("MaxItems of 0", "ValidationException", signed("GET", create + "/?MaxItems=0", "lambda", null, null)),
                row("a body that is not JSON", "InvalidRequestContentException", signed("POST", create, "lambda", "application/json", "{\"FunctionName\": ")),
                row("Timeout 1.5", "ValidationException", signed("POST", create, "lambda", "application/json",
                        "{\"FunctionName\":\"f\",\"Role\":\"arn:aws:iam::000000000000:role/r\",\"Code\":{},\"Timeout\":1.5}")),
                row("Timeout 0", "ValidationException", signed("POST", create, "lambda", "application/json",
                        "{\"FunctionName\":\"f\",\"Role\":\"arn:aws:iam::000000000000:role/r\",\"Code\":{},\"Timeout\":0}")),
                row("a function name of 100,000 characters", "ValidationException", signed("POST", create, "lambda", "application/json",
                        "{\"FunctionName\":\"" + HUGE + "\",\"Role\":\"arn:aws:iam::000000000000:role/r\",\"Code\":{}}")),
                row("a function name with a space", "ValidationException", signed("POST", create, "lambda", "application/json",
                        "{\"FunctionName\":\"a b\",\"Role\":\"arn:aws:iam::000000000000:role/r\",\"Code\":{}}")),
                row("no Role", "ValidationException", signed("POST", create, "lambda", "application/json", "{\"FunctionName\":\"f\",\"Code\":{}}")),
                row("a Timeout given as an object", "ValidationException", signed("POST", create, "lambda", "application/json",
                        "{\"FunctionName\":\"f\",\"Role\":\"arn:aws:iam::000000000000:role/r\",\"Code\":{},\"Timeout\":{}}")),
                row("an environment variable name starting with a digit", "ValidationException", signed("POST", create, "lambda", "application/json",
                        "{\"FunctionName\":\"f\",\"Role\":\"arn:aws:iam::000000000000:role/r\",\"Code\":{},\"Environment\":{\"Variables\":{\"1a\":\"x\"}}}")),
                row("an empty tag key", null, signed("POST", "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aap-northeast-2%3A000000000000%3Afunction%3Af",
                        "lambda", "application/json", "{\"Tags\":{\"\":\"x\"}}")),
                row("a zip that is not a zip", null, signed("POST", create, "lambda", "application/json",
                        "{\"FunctionName\":\"f\",\"Role\":\"arn:aws:iam::000000000000:role/r\",\"Runtime\":\"java21\",\"Handler\":\"a.B\",\"Code\":{\"ZipFile\":\"bm90IGEgemlw\"}}")),
                row("a ZipFile that is not base64", null, signed("POST", create, "lambda", "application/json",
                        "{\"FunctionName\":\"f\",\"Role\":\"arn:aws:iam::000000000000:role/r\",\"Runtime\":\"java21\",\"Handler\":\"a.B\",\"Code\":{\"ZipFile\":\"!!!\"}}")),
                row("an invocation type that Lambda does not have", null, withHeader(signed("POST", create + "/f/invocations", "lambda", "application/json", "{}"),
                        "X-Amz-Invocation-Type", "Bogus")),
                row("a statement id with a space", "ValidationException", signed("POST", create + "/f/policy", "lambda", "application/json",
                        "{\"StatementId\":\"a b\",\"Action\":\"lambda:InvokeFunction\",\"Principal\":\"s3.amazonaws.com\"}")))
                .map(arguments -> withShape(arguments, ErrorShape.REST_JSON));
    }

    static Stream<Arguments> iam() {
        String v = "Version=2010-05-08&";
        return Stream.of(
                row("a broken escape in the form body", "MalformedQueryString", query("iam", v + "Action=ListRoles&Marker=%zz")),
                row("a NUL in a role name", "ValidationError", query("iam", v + "Action=GetRole&RoleName=a%00b")),
                row("no Action", "InvalidAction", query("iam", "Version=2010-05-08")),
                row("an unknown Action", "InvalidAction", query("iam", v + "Action=Bogus")),
                row("MaxItems that is not a number", "ValidationError", query("iam", v + "Action=ListRoles&MaxItems=abc")),
                row("MaxItems of 0", "ValidationError", query("iam", v + "Action=ListRoles&MaxItems=0")),
                row("a role name of 65 characters", "ValidationError", query("iam", v + "Action=CreateRole&RoleName=" + "r".repeat(65)
                        + "&AssumeRolePolicyDocument=%7B%7D")),
                row("a role name of 100,000 characters", "ValidationError", query("iam", v + "Action=GetRole&RoleName=" + HUGE)),
                row("no role name", "ValidationError", query("iam", v + "Action=GetRole")),
                row("a trust policy that is not JSON", "MalformedPolicyDocument", query("iam", v + "Action=CreateRole&RoleName=r&AssumeRolePolicyDocument=%7B")),
                row("a path without slashes", "ValidationError", query("iam", v + "Action=CreateRole&RoleName=r&Path=abc&AssumeRolePolicyDocument=%7B%7D")),
                row("51 tags", "ValidationError", query("iam", v + "Action=TagRole&RoleName=r" + tags(51))),
                row("a policy ARN with a control character", null, query("iam", v + "Action=GetPolicy&PolicyArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Apolicy%2F%01")),
                row("a body that is JSON, not a form", "InvalidAction", signed("POST", "/", "iam", "application/json", "{\"Action\":\"ListRoles\"}")))
                .map(arguments -> withShape(arguments, ErrorShape.ERROR_RESPONSE_XML));
    }

    static Stream<Arguments> sts() {
        String v = "Version=2011-06-15&";
        String role = "&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fr";
        return Stream.of(
                row("a broken escape in the form body", "MalformedQueryString", query("sts", v + "Action=GetCallerIdentity&x=%zz")),
                row("DurationSeconds that is not a number", "ValidationError", query("sts", v + "Action=AssumeRole&RoleSessionName=s&DurationSeconds=abc" + role)),
                row("DurationSeconds under 900", "ValidationError", query("sts", v + "Action=AssumeRole&RoleSessionName=ss&DurationSeconds=100" + role)),
                row("a session name of one character", "ValidationError", query("sts", v + "Action=AssumeRole&RoleSessionName=s" + role)),
                row("a session name with a space", "ValidationError", query("sts", v + "Action=AssumeRole&RoleSessionName=a%20b" + role)),
                row("no RoleArn", "ValidationError", query("sts", v + "Action=AssumeRole&RoleSessionName=ss")),
                row("an unknown Action", "InvalidAction", query("sts", v + "Action=Bogus")))
                .map(arguments -> withShape(arguments, ErrorShape.ERROR_RESPONSE_XML));
    }

    static Stream<Arguments> apiGatewayV1() {
        return Stream.of(
                row("a body that is not JSON", "BadRequestException", signed("POST", "/restapis", "apigateway", "application/json", "{\"name\": ")),
                row("a name that is an object", "BadRequestException", signed("POST", "/restapis", "apigateway", "application/json", "{\"name\": {}}")),
                row("no name", "BadRequestException", signed("POST", "/restapis", "apigateway", "application/json", "{}")),
                row("limit that is not a number", "BadRequestException", signed("GET", "/restapis?limit=abc", "apigateway", null, null)),
                row("an API that does not exist", "NotFoundException", signed("GET", "/restapis/nosuchapi", "apigateway", null, null)))
                .map(arguments -> withShape(arguments, ErrorShape.REST_JSON));
    }

    static Stream<Arguments> apiGatewayV2() {
        return Stream.of(
                row("a body that is not JSON", "BadRequestException", signed("POST", "/v2/apis", "apigateway", "application/json", "[1, 2")),
                row("an API name of 100,000 characters", "BadRequestException", signed("POST", "/v2/apis", "apigateway", "application/json",
                        "{\"name\":\"" + HUGE + "\",\"protocolType\":\"WEBSOCKET\",\"routeSelectionExpression\":\"$request.body.action\"}")),
                row("a name that is an object", "BadRequestException", signed("POST", "/v2/apis", "apigateway", "application/json",
                        "{\"name\":{},\"protocolType\":\"WEBSOCKET\"}")),
                row("no protocol type", "BadRequestException", signed("POST", "/v2/apis", "apigateway", "application/json", "{\"name\":\"a\"}")),
                row("an API that does not exist", "NotFoundException", signed("GET", "/v2/apis/nosuchapi", "apigateway", null, null)))
                .map(arguments -> withShape(arguments, ErrorShape.REST_JSON));
    }

    static Stream<Arguments> executeApi() {
        return Stream.of(
                row("broken escapes in the query", MAY_SUCCEED, unsigned("GET", "/_aws/execute-api/%s/dev/items?a=%ff%fe&b=%zz", null, null)),
                row("an API that does not exist", null, unsigned("GET", "/_aws/execute-api/nosuchapi/dev/items", null, null)),
                row("a body that is not JSON", MAY_SUCCEED, unsigned("POST", "/_aws/execute-api/%s/dev/items", "application/json", "{")),
                row("a stage that does not exist", null, unsigned("GET", "/_aws/execute-api/%s/nostage/items", null, null)),
                row("@connections: a connection that does not exist", "GoneException",
                        signed("POST", "/_aws/execute-api/%w/dev/@connections/nosuchconnection", "execute-api", "application/json", "{}")),
                row("@connections: no connection id", null, signed("POST", "/_aws/execute-api/%w/dev/@connections", "execute-api", "application/json", "{}")),
                row("@connections: a method it does not have", null, signed("PUT", "/_aws/execute-api/%w/dev/@connections/abc", "execute-api", "application/json", "{}")))
                .map(arguments -> withShape(arguments, ErrorShape.REST_JSON));
    }

    static Stream<Arguments> route53() {
        String change = "<Change><Action>CREATE</Action><ResourceRecordSet><Name>a.corpus.example</Name><Type>A</Type><TTL>60</TTL>"
                + "<ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change>";
        return Stream.of(
                row("a body that is not XML", null, signed("POST", "/2013-04-01/hostedzone", "route53", "application/xml", "<CreateHostedZoneRequest><Name>")),
                row("a zone name of 2,000 characters", "InvalidInput", signed("POST", "/2013-04-01/hostedzone", "route53", "application/xml",
                        "<CreateHostedZoneRequest><Name>" + "a".repeat(2000) + "</Name><CallerReference>c</CallerReference></CreateHostedZoneRequest>")),
                row("no CallerReference", "InvalidInput", signed("POST", "/2013-04-01/hostedzone", "route53", "application/xml",
                        "<CreateHostedZoneRequest><Name>b.example</Name></CreateHostedZoneRequest>")),
                row("maxitems that is not a number", "InvalidInput", signed("GET", "/2013-04-01/hostedzone?maxitems=abc", "route53", null, null)),
                row("1,001 changes in one batch (Route53 takes 1,000 records)", "InvalidChangeBatch", signed("POST", "/2013-04-01/hostedzone/%z/rrset/",
                        "route53", "application/xml", "<ChangeResourceRecordSetsRequest><ChangeBatch><Changes>" + change.repeat(1001)
                                + "</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>")),
                row("a TTL that is not a number", null, signed("POST", "/2013-04-01/hostedzone/%z/rrset/", "route53", "application/xml",
                        "<ChangeResourceRecordSetsRequest><ChangeBatch><Changes>" + change.replace("<TTL>60", "<TTL>abc")
                                + "</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>")),
                row("a control character in a record name", null, signed("POST", "/2013-04-01/hostedzone/%z/rrset/", "route53", "application/xml",
                        "<ChangeResourceRecordSetsRequest><ChangeBatch><Changes>" + change.replace("a.corpus", "a&#1;.corpus")
                                + "</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>")),
                row("a hosted zone that does not exist", "NoSuchHostedZone", signed("GET", "/2013-04-01/hostedzone/ZNOSUCHZONE", "route53", null, null)))
                .map(arguments -> withShape(arguments, ErrorShape.ERROR_RESPONSE_XML));
    }

    static Stream<Arguments> cloudWatchLogs() {
        return Stream.of(
                row("a body that is not JSON", "SerializationException", logs("CreateLogGroup", "{\"logGroupName\": ")),
                row("a group name with a star", "InvalidParameterException", logs("CreateLogGroup", "{\"logGroupName\":\"a*b\"}")),
                row("a group name of 600 characters", "InvalidParameterException", logs("CreateLogGroup", "{\"logGroupName\":\"" + "g".repeat(600) + "\"}")),
                row("no group name", "InvalidParameterException", logs("CreateLogGroup", "{}")),
                row("a limit of 0", "InvalidParameterException", logs("GetLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",\"limit\":0}")),
                row("a limit that is not a number", "InvalidParameterException", logs("GetLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",\"limit\":\"abc\"}")),
                row("a timestamp that is a string", null, logs("PutLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",\"logEvents\":[{\"timestamp\":\"x\",\"message\":\"m\"}]}")),
                row("no events", "InvalidParameterException", logs("PutLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",\"logEvents\":[]}")),
                row("an unknown operation", "UnknownOperationException", logs("Bogus", "{}")))
                .map(arguments -> withShape(arguments, ErrorShape.AWS_JSON));
    }

    static Stream<Arguments> cloudFormation() {
        String v = "Version=2010-05-15&";
        return Stream.of(
                row("a broken escape in the form body", "MalformedQueryString", query("cloudformation", v + "Action=DescribeStacks&StackName=%zz")),
                row("a stack name starting with a digit", "ValidationError", query("cloudformation", v + "Action=CreateStack&StackName=1abc&TemplateBody=%7B%7D")),
                row("a stack name of 100,000 characters", "ValidationError", query("cloudformation", v + "Action=DescribeStacks&StackName=" + HUGE)),
                row("no stack name", "ValidationError", query("cloudformation", v + "Action=CreateStack&TemplateBody=%7B%7D")),
                row("a template that is neither JSON nor YAML", "ValidationError", query("cloudformation", v + "Action=CreateStack&StackName=s&TemplateBody=%7B%5B")),
                row("a template with a NUL", "ValidationError", query("cloudformation", v + "Action=CreateStack&StackName=s&TemplateBody=%00")),
                row("51 tags", "ValidationError", query("cloudformation", v + "Action=CreateStack&StackName=s&TemplateBody=%7B%7D" + tags(51))),
                row("an unknown Action", "InvalidAction", query("cloudformation", v + "Action=Bogus")))
                .map(arguments -> withShape(arguments, ErrorShape.ERROR_RESPONSE_XML));
    }

    @ParameterizedTest(name = "S3: {0}")
    @MethodSource("s3")
    void s3_malformedRequest_getsA4xxInS3sShape(String what, String expectedCode, String request, ErrorShape shape) {
        assertRefused(what, expectedCode, request, shape);
    }

    @ParameterizedTest(name = "DynamoDB: {0}")
    @MethodSource("dynamoDb")
    void dynamoDb_malformedRequest_getsA4xxInItsJsonShape(String what, String expectedCode, String request, ErrorShape shape) {
        assertRefused(what, expectedCode, request, shape);
    }

    @ParameterizedTest(name = "Lambda: {0}")
    @MethodSource("lambda")
    void lambda_malformedRequest_getsA4xxInItsRestJsonShape(String what, String expectedCode, String request, ErrorShape shape) {
        assertRefused(what, expectedCode, request, shape);
    }

    @ParameterizedTest(name = "IAM: {0}")
    @MethodSource("iam")
    void iam_malformedRequest_getsA4xxErrorResponse(String what, String expectedCode, String request, ErrorShape shape) {
        assertRefused(what, expectedCode, request, shape);
    }

    @ParameterizedTest(name = "STS: {0}")
    @MethodSource("sts")
    void sts_malformedRequest_getsA4xxErrorResponse(String what, String expectedCode, String request, ErrorShape shape) {
        assertRefused(what, expectedCode, request, shape);
    }

    @ParameterizedTest(name = "API Gateway v1: {0}")
    @MethodSource("apiGatewayV1")
    void apiGatewayV1_malformedRequest_getsA4xxInItsRestJsonShape(String what, String expectedCode, String request, ErrorShape shape) {
        assertRefused(what, expectedCode, request, shape);
    }

    @ParameterizedTest(name = "API Gateway v2: {0}")
    @MethodSource("apiGatewayV2")
    void apiGatewayV2_malformedRequest_getsA4xxInItsRestJsonShape(String what, String expectedCode, String request, ErrorShape shape) {
        assertRefused(what, expectedCode, request, shape);
    }

    @ParameterizedTest(name = "execute-api: {0}")
    @MethodSource("executeApi")
    void executeApi_malformedRequest_getsA4xxInItsJsonShape(String what, String expectedCode, String request, ErrorShape shape) {
        assertRefused(what, expectedCode, request, shape);
    }

    @ParameterizedTest(name = "Route53: {0}")
    @MethodSource("route53")
    void route53_malformedRequest_getsA4xxErrorResponse(String what, String expectedCode, String request, ErrorShape shape) {
        assertRefused(what, expectedCode, request, shape);
    }

    @ParameterizedTest(name = "CloudWatch Logs: {0}")
    @MethodSource("cloudWatchLogs")
    void logs_malformedRequest_getsA4xxInItsJsonShape(String what, String expectedCode, String request, ErrorShape shape) {
        assertRefused(what, expectedCode, request, shape);
    }

    @ParameterizedTest(name = "CloudFormation: {0}")
    @MethodSource("cloudFormation")
    void cloudFormation_malformedRequest_getsA4xxErrorResponse(String what, String expectedCode, String request, ErrorShape shape) {
        assertRefused(what, expectedCode, request, shape);
    }

    /** A 4xx, in {@code shape}, with {@code expectedCode} (any code when null), naming no Java class. */
    static void assertRefused(String what, String expectedCode, String request, ErrorShape shape) {
        RawAnswer answer = send(request);
        assertFalse(JAVA_LEAK.matcher(answer.whole()).find(), what + ": the answer names Java internals:\n" + clip(answer.whole()));
        if (MAY_SUCCEED.equals(expectedCode) && answer.status() < 400) {
            return;
        }
        assertTrue(answer.status() >= 400 && answer.status() < 500, what + ": expected a 4xx, got\n" + clip(answer.whole()));
        Optional<String> code = shape.code(answer);
        assertTrue(code.isPresent(), what + ": expected an error in the " + shape + " shape, got\n" + clip(answer.whole()));
        if (expectedCode != null && !MAY_SUCCEED.equals(expectedCode)) {
            assertEquals(expectedCode, code.get(), what + ":\n" + clip(answer.whole()));
        }
    }

    static RawAnswer send(String request) {
        String filled = request.replace("%s/", restApi + "/").replace("%w/", webSocketApi + "/").replace("%z/", hostedZone + "/");
        return RawAnswer.of(cloud.raw(RawRequests.resigned(filled).getBytes(StandardCharsets.UTF_8)));
    }

    private static Arguments row(String what, String expectedCode, String request) {
        return Arguments.of(what, expectedCode, request);
    }

    private static Arguments withShape(Arguments row, ErrorShape shape) {
        Object[] values = row.get();
        return Arguments.of(values[0], values[1], values[2], shape);
    }

    /** {@code &Tags.member.N.Key=kN&Tags.member.N.Value=v} for N from 1 to {@code count}. */
    private static String tags(int count) {
        StringBuilder tags = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            tags.append("&Tags.member.").append(i).append(".Key=k").append(i).append("&Tags.member.").append(i).append(".Value=v");
        }
        return tags.toString();
    }

    private static String clip(String answer) {
        return answer.length() > 2000 ? answer.substring(0, 2000) + "..." : answer;
    }
}
