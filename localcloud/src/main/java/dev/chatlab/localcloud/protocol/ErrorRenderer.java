package dev.chatlab.localcloud.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;

/**
 * The error bodies of AWS's wire protocols. The SDK reads the error code from a
 * different place in each, so each service picks the one its model declares
 * ({@code metadata.protocol} in its service-2.json).
 */
public final class ErrorRenderer {

    private ErrorRenderer() {
    }

    /**
     * An error in the shape the request's client reads, when no service renders it (no service
     * could be picked): JSON for a JSON-protocol client, so its SDK still reads the code and
     * message, S3's XML otherwise.
     */
    public static AwsResponse forClientOf(AwsRequest request, AwsException error) {
        String contentType = request.header("content-type").orElse("");
        if (request.header("x-amz-target").isPresent() || contentType.contains("json")) {
            return awsJson(error, request.requestId(), "localcloud", contentType.isEmpty() ? "application/json" : contentType);
        }
        return s3(error, request.requestId());
    }

    /** S3 (rest-xml): a bare {@code <Error>} with code, message, extra fields, request id. */
    public static AwsResponse s3(AwsException error, String requestId) {
        XmlWriter xml = XmlWriter.document("Error", null)
                .element("Code", error.code())
                .element("Message", error.getMessage());
        error.details().forEach(xml::element);
        xml.element("RequestId", requestId).element("HostId", requestId);
        return AwsResponse.xml(error.status(), xml.toString())
                .header("x-amz-request-id", requestId);
    }

    /**
     * The query protocol (IAM, STS) and Route53's rest-xml: {@code <ErrorResponse>} with
     * Type Sender/Receiver, in the service's namespace.
     */
    public static AwsResponse errorResponse(AwsException error, String requestId, String namespace) {
        String xml = XmlWriter.document("ErrorResponse", namespace)
                .start("Error")
                .element("Type", error.isClientError() ? "Sender" : "Receiver")
                .element("Code", error.code())
                .element("Message", error.getMessage())
                .end()
                .element("RequestId", requestId)
                .toString();
        return AwsResponse.xml(error.status(), xml)
                .contentType("text/xml")
                .header("x-amzn-RequestId", requestId);
    }

    /**
     * The JSON 1.0/1.1 protocols (DynamoDB, CloudWatch Logs): {@code __type} is
     * "{@code <typePrefix>#<code>}", e.g. "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
     * or the bare code when {@code typePrefix} is null (CloudWatch Logs sends "ResourceNotFoundException").
     */
    public static AwsResponse awsJson(AwsException error, String requestId, String typePrefix, String contentType) {
        ObjectNode body = Json.object()
                .put("__type", typePrefix == null ? error.code() : typePrefix + "#" + error.code())
                .put("message", error.getMessage());
        error.details().forEach(body::put);
        return AwsResponse.json(error.status(), Json.write(body), contentType)
                .header("x-amzn-RequestId", requestId);
    }

    /**
     * rest-json (Lambda, API Gateway): the code travels in the {@code X-Amzn-ErrorType}
     * header; the body holds the message (and Lambda's "Type": "User" or "Service").
     */
    public static AwsResponse restJson(AwsException error, String requestId) {
        ObjectNode body = Json.object()
                .put("Type", error.isClientError() ? "User" : "Service")
                .put("message", error.getMessage());
        error.details().forEach(body::put);
        return AwsResponse.json(error.status(), body)
                .header("X-Amzn-ErrorType", error.code())
                .header("x-amzn-RequestId", requestId);
    }
}
