package dev.chatlab.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.testing.TestCloud;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The aws-chunked framing the SDK and CLI use for uploads, signed or not, with a trailing checksum. */
class AwsChunkedBodyTest {

    static final String SIGNED_WITH_TRAILER = "5;chunk-signature=aaaa\r\nhello\r\n6;chunk-signature=bbbb\r\n world\r\n"
            + "0;chunk-signature=cccc\r\nx-amz-checksum-crc32:DUoRhQ==\r\nx-amz-trailer-signature:dddd\r\n\r\n";

    @Test
    void decode_signedChunksWithTrailer_givesTheDataAndTheTrailers() {
        AwsChunkedBody body = AwsChunkedBody.decode(SIGNED_WITH_TRAILER.getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("hello world".getBytes(StandardCharsets.US_ASCII), body.data());
        assertEquals("DUoRhQ==", body.trailers().get("x-amz-checksum-crc32"));
    }

    @Test
    void decode_unsignedChunks_giveTheData() {
        AwsChunkedBody body = AwsChunkedBody.decode("3\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), body.data());
    }

    @Test
    void decode_truncatedBody_isIncompleteBody() {
        AwsException e = assertThrows(AwsException.class, () -> AwsChunkedBody.decode("a\r\nabc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("IncompleteBody", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void putObject_awsChunkedOverTheWire_storesTheDecodedBodyAndChecksVerifiesTheTrailer() {
        // The subject is decoding; the chunk signatures below are made up, so the cloud does not check them
        // (SignatureVerificationTest sends chunks the SDK signed, and one changed).
        try (TestCloud cloud = TestCloud.start(LocalCloudConfig.forTests().withSignatureVerification(false))) {
            String auth = "AWS4-HMAC-SHA256 Credential=test/20261125/ap-northeast-2/s3/aws4_request, SignedHeaders=host, Signature=00";
            String config = "<CreateBucketConfiguration><LocationConstraint>ap-northeast-2</LocationConstraint></CreateBucketConfiguration>";
            cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/chunked-bucket")).header("Authorization", auth)
                    .PUT(HttpRequest.BodyPublishers.ofString(config)).build());
            HttpResponse<String> put = cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/chunked-bucket/hello.txt"))
                    .header("Authorization", auth)
                    .header("Content-Encoding", "aws-chunked")
                    .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER")
                    .header("x-amz-decoded-content-length", "11")
                    .header("x-amz-trailer", "x-amz-checksum-crc32")
                    .header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofString(SIGNED_WITH_TRAILER)).build());
            assertEquals(200, put.statusCode(), put.body());
            assertEquals("DUoRhQ==", put.headers().firstValue("x-amz-checksum-crc32").orElse(""));
            HttpResponse<String> get = cloud.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/chunked-bucket/hello.txt"))
                    .header("Authorization", auth).header("x-amz-checksum-mode", "ENABLED").GET().build());
            assertEquals("hello world", get.body());
            assertEquals("text/plain", get.headers().firstValue("Content-Type").orElse(""));
            assertTrue(get.headers().firstValue("Content-Encoding").isEmpty(), "aws-chunked is not a stored encoding");
            assertEquals("DUoRhQ==", get.headers().firstValue("x-amz-checksum-crc32").orElse(""));
        }
    }
}
