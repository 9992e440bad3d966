package dev.chatlab.localcloud.testing;

import java.nio.charset.StandardCharsets;

/**
 * HTTP requests written out byte for byte, as no SDK would send them (a broken escape, a body
 * that is not JSON), for {@link TestCloud#raw}. Each carries a SigV4 Authorization header whose
 * credential scope names the service, which is how localcloud routes a signed call (the
 * signature itself is not what these tests are about).
 */
public final class RawRequests {

    private RawRequests() {
    }

    /** A request signed for {@code service}; {@code contentType} and {@code body} may be null. */
    public static String signed(String method, String target, String service, String contentType, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20261206/ap-northeast-2/" + service
                + "/aws4_request, SignedHeaders=host, Signature=00\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + content.length + "\r\n\r\n" + (body == null ? "" : body);
    }

    /** {@code request} with one more header. */
    public static String withHeader(String request, String name, String value) {
        return request.replaceFirst("\r\n\r\n", "\r\n" + name + ": " + value + "\r\n\r\n");
    }

    /** A JSON-protocol call: {@code X-Amz-Target: <targetPrefix><operation>}. */
    public static String awsJson(String service, String targetPrefix, String contentType, String operation, String body) {
        return withHeader(signed("POST", "/", service, contentType, body), "X-Amz-Target", targetPrefix + operation);
    }

    /** A DynamoDB call. */
    public static String dynamo(String operation, String body) {
        return awsJson("dynamodb", "DynamoDB_20120810.", "application/x-amz-json-1.0", operation, body);
    }

    /** A CloudWatch Logs call. */
    public static String logs(String operation, String body) {
        return awsJson("logs", "Logs_20140328.", "application/x-amz-json-1.1", operation, body);
    }

    /** A query-protocol call (IAM, STS, CloudFormation): the parameters as a form body. */
    public static String query(String service, String form) {
        return signed("POST", "/", service, "application/x-www-form-urlencoded; charset=utf-8", form);
    }

    /** An unsigned request, as a browser or curl sends it. */
    public static String unsigned(String method, String target, String contentType, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + content.length + "\r\n\r\n" + (body == null ? "" : body);
    }
}
