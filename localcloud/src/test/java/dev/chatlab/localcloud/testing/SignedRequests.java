package dev.chatlab.localcloud.testing;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.AwsS3V4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.auth.signer.params.AwsS3V4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Raw requests (input the SDK would refuse to send: malformed XML, an unknown method, another
 * Host) signed for the lab's keys by the SDK's own signers, since localcloud checks signatures.
 */
public final class SignedRequests {

    private SignedRequests() {
    }

    /** An S3 request ({@code x-amz-content-sha256} signed); {@code headers} are signed too (a "Host" is sent instead of the endpoint's). */
    public static HttpRequest s3(TestCloud cloud, String method, String path, Map<String, String> headers, String body) {
        return signed(cloud, "s3", method, path, headers, body);
    }

    /** A request to {@code service} (its SigV4 signing name: "route53", "dynamodb", ...), signed as the SDK signs it. */
    public static HttpRequest signed(TestCloud cloud, String service, String method, String path, Map<String, String> headers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(cloud.endpoint() + path);
        // The signers sign the URI's host: for another Host, sign as if sent there, then send it here with that Host.
        String host = headers.getOrDefault("Host", uri.getHost());
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://" + host + ":" + uri.getPort() + path))
                .contentStreamProvider(() -> new ByteArrayInputStream(bytes));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) {
                builder.putHeader(name, value);
            }
        });
        SdkHttpFullRequest unsigned = builder.build();
        SdkHttpFullRequest signed = service.equals("s3")
                ? AwsS3V4Signer.create().sign(unsigned, AwsS3V4SignerParams.builder().awsCredentials(TestCloud.ADMIN.resolveCredentials())
                        .signingName("s3").signingRegion(TestCloud.REGION).enablePayloadSigning(true).build())
                : Aws4Signer.create().sign(unsigned, Aws4SignerParams.builder().awsCredentials(TestCloud.ADMIN.resolveCredentials())
                        .signingName(service).signingRegion(TestCloud.REGION).build());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.headers().forEach((name, values) -> {
            boolean sentByTheClient = name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Host") && !headers.containsKey("Host");
            if (!sentByTheClient) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }
}
