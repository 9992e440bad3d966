package dev.chatlab.localcloud.testing;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.AwsS3V4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.auth.signer.params.AwsS3V4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * HTTP requests written out byte for byte, as no SDK would send them (a broken escape, a body
 * that is not JSON), for {@link TestCloud#raw}. A "signed" one carries a SigV4 signature made by
 * the SDK's own signer for the lab's keys, whose credential scope names the service (how localcloud
 * routes a signed call); a target the SDK cannot even parse (a broken escape) gets a made-up
 * signature, since localcloud refuses its URI before it gets to the signature.
 */
public final class RawRequests {

    private RawRequests() {
    }

    /** A request signed for {@code service}; {@code contentType} and {@code body} may be null. */
    public static String signed(String method, String target, String service, String contentType, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + signature(method, target, service, content)
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + content.length + "\r\n\r\n" + (body == null ? "" : body);
    }

    /** The header lines of a SigV4 signature over method, target, Host: localhost and the body. */
    private static String signature(String method, String target, String service, byte[] content) {
        SdkHttpFullRequest unsigned;
        try {
            unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(URI.create("http://localhost" + target))
                    .contentStreamProvider(() -> new ByteArrayInputStream(content)).build();
        } catch (IllegalArgumentException unparsable) {
            return "Authorization: AWS4-HMAC-SHA256 Credential=test/20261206/ap-northeast-2/" + service
                    + "/aws4_request, SignedHeaders=host, Signature=00\r\n";
        }
        SdkHttpFullRequest signed = service.equals("s3")
                ? AwsS3V4Signer.create().sign(unsigned, AwsS3V4SignerParams.builder().awsCredentials(TestCloud.ADMIN.resolveCredentials())
                        .signingName(service).signingRegion(TestCloud.REGION).enablePayloadSigning(true).build())
                : Aws4Signer.create().sign(unsigned, Aws4SignerParams.builder().awsCredentials(TestCloud.ADMIN.resolveCredentials())
                        .signingName(service).signingRegion(TestCloud.REGION).build());
        StringBuilder lines = new StringBuilder();
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> lines.append(name).append(": ").append(value).append("\r\n"));
            }
        });
        return lines.toString();
    }

    /**
     * {@code request} signed again: for a request whose target was changed after {@link #signed}
     * (a placeholder filled in), the signature is made over what is sent now.
     */
    public static String resigned(String request) {
        int headEnd = request.indexOf("\r\n\r\n");
        String[] lines = request.substring(0, headEnd).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        StringBuilder head = new StringBuilder(lines[0]).append("\r\n");
        String service = null;
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].substring(0, lines[i].indexOf(':')).trim();
            if (name.equalsIgnoreCase("Authorization")) {
                String scope = lines[i].substring(lines[i].indexOf("Credential=") + "Credential=".length());
                service = scope.split("/")[3];
            } else if (!name.equalsIgnoreCase("X-Amz-Date") && !name.equalsIgnoreCase("x-amz-content-sha256")) {
                head.append(lines[i]).append("\r\n");
            }
        }
        if (service == null) {
            return request;
        }
        String body = request.substring(headEnd + 4);
        return head + signature(requestLine[0], requestLine[1], service, body.getBytes(StandardCharsets.UTF_8)) + "\r\n" + body;
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
