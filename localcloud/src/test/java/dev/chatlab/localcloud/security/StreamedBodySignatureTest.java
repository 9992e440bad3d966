package dev.chatlab.localcloud.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The payload checks of {@link SignatureVerificationTest} where a PutObject's body streams to a
 * file (a cloud with a state directory): x-amz-content-sha256 is compared with the hash taken
 * as the body streamed in, each aws-chunked chunk's signature is checked over the file, and a
 * refused body is never stored.
 */
class StreamedBodySignatureTest {

    @TempDir
    Path dataDirectory;

    @Test
    void streamedPut_bodyChangedAfterSigning_isXAmzContentSha256Mismatch_aChangedChunkIsSignatureDoesNotMatch() {
        try (TestCloud cloud = TestCloud.start(LocalCloudConfig.forTests().withDataDirectory(dataDirectory));
             S3Client s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket("signed"));
            byte[] signedBody = "hello".getBytes(StandardCharsets.UTF_8);
            SdkHttpFullRequest put = SignedHttp.signS3(SignedHttp.request(cloud, SdkHttpMethod.PUT, "/signed/tampered.txt", Map.of(), signedBody),
                    SignatureVerificationTest.ROOT, false, Clock.systemUTC());
            String answer = SignedHttp.send(cloud, put, "HELLO".getBytes(StandardCharsets.UTF_8));
            assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("<Code>XAmzContentSHA256Mismatch</Code>"), answer);
            assertTrue(s3.listObjectsV2(b -> b.bucket("signed")).contents().isEmpty(), "nothing refused is stored");
            assertTrue(SignedHttp.send(cloud, put, signedBody).startsWith("HTTP/1.1 200"), "the body as signed is stored");

            byte[] data = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8); // two chunks of the signer's 128 KB, and the last
            SdkHttpFullRequest chunkedPut = SignedHttp.signS3(SignedHttp.request(cloud, SdkHttpMethod.PUT, "/signed/chunked.txt", Map.of(), data),
                    SignatureVerificationTest.ROOT, true, Clock.systemUTC());
            byte[] chunked = SignedHttp.body(chunkedPut);
            assertTrue(SignedHttp.send(cloud, chunkedPut, chunked).startsWith("HTTP/1.1 200"));
            assertEquals(200_000, s3.getObjectAsBytes(b -> b.bucket("signed").key("chunked.txt")).asByteArray().length);

            byte[] changed = chunked.clone();
            changed[changed.length / 2] = 'y';
            String refused = SignedHttp.send(cloud, chunkedPut, changed);
            assertTrue(refused.startsWith("HTTP/1.1 403") && refused.contains("<Code>SignatureDoesNotMatch</Code>"), refused);
            assertEquals("x".repeat(200_000), s3.getObjectAsBytes(b -> b.bucket("signed").key("chunked.txt")).asUtf8String(),
                    "the object stored before is untouched");
        }
    }
}
