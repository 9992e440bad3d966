package dev.chatlab.localcloud.robustness;

import static dev.chatlab.localcloud.testing.RawRequests.dynamo;
import static dev.chatlab.localcloud.testing.RawRequests.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Malformed requests, as a careless client or a fuzzer sends them, to every protocol localcloud
 * speaks: each gets a 4xx in its service's own error shape (JSON for the JSON and REST-JSON
 * services, XML for the XML ones), never a 5xx, and never the name of a Java class. (A broken
 * escape in the path is refused by Jetty before the headers are read, so before anything tells
 * the service: that one is S3's InvalidURI, see LocalCloudCoreTest.)
 */
class MalformedRequestsTest {

    private static final String TABLE = "malformed";
    /** What a leaked Java exception looks like in an answer. */
    private static final Pattern JAVA_LEAK = Pattern.compile(
            "\\b(java|javax|jdk|sun|org\\.eclipse|org\\.h2|com\\.ctc|com\\.fasterxml)\\.[a-z]|NullPointer|StackOverflow|NumberFormat|\\tat ");

    private static TestCloud cloud;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        try (DynamoDbClient dynamo = cloud.client(DynamoDbClient.builder()).build()) {
            dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(TABLE));
            dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("id", AttributeValue.fromS("a"))));
        }
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static Stream<Arguments> corpus() {
        String deepCondition = "(".repeat(2000) + "attribute_exists(id)" + ")".repeat(2000);
        String longCondition = "attribute_exists(id)" + " AND attribute_exists(id)".repeat(200);
        return Stream.of(
                Arguments.of("IAM: a broken escape in the form body", Shape.XML,
                        signed("POST", "/", "iam", "application/x-www-form-urlencoded", "Action=ListRoles&Version=2010-05-08&Marker=%zz")),
                Arguments.of("STS: a broken escape in the form body", Shape.XML,
                        signed("POST", "/", "sts", "application/x-www-form-urlencoded", "Action=GetCallerIdentity&Version=2011-06-15&x=%zz")),
                Arguments.of("IAM: a NUL in a role name", Shape.XML,
                        signed("POST", "/", "iam", "application/x-www-form-urlencoded", "Action=GetRole&Version=2010-05-08&RoleName=a%00b")),
                Arguments.of("IAM: a control character in a role name", Shape.XML,
                        signed("POST", "/", "iam", "application/x-www-form-urlencoded", "Action=GetRole&Version=2010-05-08&RoleName=a%01b")),
                Arguments.of("IAM: no Action at all", Shape.XML,
                        signed("POST", "/", "iam", "application/x-www-form-urlencoded", "Version=2010-05-08")),
                Arguments.of("Lambda: MaxItems that is not a number", Shape.JSON,
                        signed("GET", "/2015-03-31/functions/?MaxItems=abc", "lambda", null, null)),
                Arguments.of("Lambda: CreateFunction with a body that is not JSON", Shape.JSON,
                        signed("POST", "/2015-03-31/functions", "lambda", "application/json", "{\"FunctionName\": ")),
                Arguments.of("API Gateway v2: a body that is not JSON", Shape.JSON,
                        signed("POST", "/v2/apis", "apigateway", "application/json", "[1, 2")),
                Arguments.of("REST invoke: broken escapes in the query", Shape.JSON,
                        "GET /_aws/execute-api/nosuchapi/dev/rooms?a=%ff%fe&b=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                Arguments.of("Route53: a broken escape in a zone id", Shape.XML,
                        signed("GET", "/2013-04-01/hostedzone/Z%zz", "route53", null, null)),
                Arguments.of("Route53: a body that is not XML", Shape.XML,
                        signed("POST", "/2013-04-01/hostedzone", "route53", "application/xml", "<CreateHostedZoneRequest><Name>")),
                Arguments.of("S3: a control character in a tag key", Shape.XML,
                        signed("PUT", "/somebucket?tagging", "s3", "application/xml",
                                "<Tagging><TagSet><Tag><Key>a\u0001</Key><Value>b</Value></Tag></TagSet></Tagging>")),
                Arguments.of("S3: a broken continuation token", Shape.XML,
                        signed("GET", "/somebucket?list-type=2&continuation-token=%21%21", "s3", null, null)),
                Arguments.of("DynamoDB: a body that is not JSON", Shape.JSON, dynamo("GetItem", "{\"TableName\": ")),
                Arguments.of("DynamoDB: a JSON array for a body", Shape.JSON, dynamo("GetItem", "[]")),
                Arguments.of("DynamoDB: 2,000 nested parentheses (within 4 KB)", Shape.JSON, dynamo("DeleteItem",
                        "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"id\":{\"S\":\"a\"}},\"ConditionExpression\":\"" + deepCondition + "\"}")),
                Arguments.of("DynamoDB: a condition over 4 KB", Shape.JSON, dynamo("DeleteItem",
                        "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"id\":{\"S\":\"a\"}},\"ConditionExpression\":\"" + longCondition + "\"}")),
                Arguments.of("DynamoDB: SET from an attribute the item lacks", Shape.JSON, dynamo("UpdateItem",
                        "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"id\":{\"S\":\"a\"}},\"UpdateExpression\":\"SET c = b\"}")),
                Arguments.of("CloudWatch Logs: a body that is not JSON", Shape.JSON, signed("POST", "/", "logs",
                        "application/x-amz-json-1.1", "{\"logGroupName\": ").replace("\r\n\r\n", "\r\nX-Amz-Target: Logs_20140328.CreateLogGroup\r\n\r\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void malformedRequest_getsA4xxInTheServicesShape_neverAJavaName(String what, Shape shape, String request) {
        String answer = cloud.raw(request.getBytes(StandardCharsets.UTF_8));
        int status = Integer.parseInt(answer.substring(9, 12));
        assertTrue(status >= 400 && status < 500, what + ": expected a 4xx, got\n" + answer);
        assertFalse(JAVA_LEAK.matcher(answer).find(), what + ": the answer names Java internals:\n" + answer);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertTrue(shape.matches(head), what + ": expected a " + shape + " error body, got\n" + answer);
    }

    @Test
    void setFromAMissingAttribute_isDynamoDbsValidationException() {
        try (DynamoDbClient dynamo = cloud.client(DynamoDbClient.builder()).build()) {
            DynamoDbException error = org.junit.jupiter.api.Assertions.assertThrows(DynamoDbException.class, () -> dynamo.updateItem(b -> b
                    .tableName(TABLE).key(Map.of("id", AttributeValue.fromS("a"))).updateExpression("SET c = b")));
            assertEquals(400, error.statusCode());
            assertEquals("ValidationException", error.awsErrorDetails().errorCode());
            assertEquals("The provided expression refers to an attribute that does not exist in the item", error.awsErrorDetails().errorMessage());
        }
    }

    enum Shape {
        JSON, XML;

        boolean matches(String lowerCaseHead) {
            return lowerCaseHead.matches(this == JSON ? "(?s).*content-type: application/[a-z0-9.+-]*json.*"
                    : "(?s).*content-type: (text|application)/xml.*");
        }
    }
}
