package dev.chatlab.localcloud.security;

import dev.chatlab.localcloud.testing.TestCloud;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.AwsS3V4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.auth.signer.params.AwsS3V4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Requests signed by the AWS SDK's own SigV4 signers (not by localcloud's code, so the tests can
 * fail), with a clock of the test's choosing, written as raw HTTP so that the test may change
 * the body after signing, as a tampering proxy would.
 */
final class SignedHttp {

    private SignedHttp() {
    }

    static SdkHttpFullRequest request(TestCloud cloud, SdkHttpMethod method, String path, Map<String, String> headers, byte[] body) {
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder().method(method).uri(URI.create(cloud.endpoint() + path));
        headers.forEach(builder::putHeader);
        if (body.length > 0 || method == SdkHttpMethod.POST || method == SdkHttpMethod.PUT) {
            builder.putHeader("Content-Length", String.valueOf(body.length)).contentStreamProvider(() -> new ByteArrayInputStream(body));
        }
        return builder.build();
    }

    /** The query string of a URL presigned by the SDK for {@code test}/{@code test}, valid for 5 minutes. */
    static String presignedQuery(TestCloud cloud, SdkHttpMethod method, String path, String service) {
        SdkHttpFullRequest presigned = Aws4Signer.create().presign(request(cloud, method, path, Map.of(), new byte[0]),
                Aws4PresignerParams.builder().awsCredentials(AwsBasicCredentials.create("test", "test")).signingName(service)
                        .signingRegion(TestCloud.REGION).expirationTime(Instant.now().plusSeconds(300)).build());
        return presigned.encodedQueryParameters().orElseThrow();
    }

    /** Signed as every service but S3 signs (the payload hashed into the canonical request). */
    static SdkHttpFullRequest sign(SdkHttpFullRequest request, AwsCredentials credentials, String service, Clock clock) {
        return Aws4Signer.create().sign(request, Aws4SignerParams.builder().awsCredentials(credentials).signingName(service)
                .signingRegion(TestCloud.REGION).signingClockOverride(clock).build());
    }

    /** Signed as S3 signs: x-amz-content-sha256, or with {@code chunked} an aws-chunked body whose every chunk is signed. */
    static SdkHttpFullRequest signS3(SdkHttpFullRequest request, AwsCredentials credentials, boolean chunked, Clock clock) {
        return AwsS3V4Signer.create().sign(request, AwsS3V4SignerParams.builder().awsCredentials(credentials).signingName("s3")
                .signingRegion(TestCloud.REGION).signingClockOverride(clock).enablePayloadSigning(true).enableChunkedEncoding(chunked).build());
    }

    static byte[] body(SdkHttpFullRequest request) {
        if (request.contentStreamProvider().isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = request.contentStreamProvider().get().newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the request with {@code body} (the signed one, or another) and answers the raw response. */
    static String send(TestCloud cloud, SdkHttpFullRequest request, byte[] body) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String target = request.encodedPath() + request.encodedQueryParameters().map(q -> "?" + q).orElse("");
        StringBuilder head = new StringBuilder(request.method().name() + " " + target + " HTTP/1.1\r\nConnection: close\r\n");
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Content-Length")) {
                header.getValue().forEach(value -> head.append(header.getKey()).append(": ").append(value).append("\r\n"));
            }
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        raw.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        raw.writeBytes(body);
        return cloud.raw(raw.toByteArray());
    }
}
