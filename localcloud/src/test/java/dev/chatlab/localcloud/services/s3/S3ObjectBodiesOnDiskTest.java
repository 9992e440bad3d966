package dev.chatlab.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.testing.ChildCloud;
import dev.chatlab.localcloud.testing.Eventually;
import dev.chatlab.localcloud.testing.RawRequests;
import dev.chatlab.localcloud.testing.SignedRequests;
import dev.chatlab.localcloud.testing.TestCloud;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * On a cloud with a state directory, a PutObject's body streams to a file and GetObject streams
 * it back: an object larger than localcloud's whole heap goes up and comes down whole, its
 * ranges read from the file, and a replaced or deleted object leaves no file behind.
 */
class S3ObjectBodiesOnDiskTest {

    @TempDir
    Path dataDirectory;

    @Test
    void putPublicAccessBlock_ofS3Control_isReadInMemory_notSpooledAsAnObject() {
        try (TestCloud cloud = TestCloud.start(LocalCloudConfig.forTests().withDataDirectory(dataDirectory))) {
            String settings = "<PublicAccessBlockConfiguration xmlns=\"http://awss3control.amazonaws.com/doc/2018-08-20/\">"
                    + "<BlockPublicAcls>false</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>"
                    + "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets>"
                    + "</PublicAccessBlockConfiguration>";
            Map<String, String> account = Map.of("x-amz-account-id", "000000000000");
            HttpResponse<String> put = cloud.send(SignedRequests.s3(cloud, "PUT", "/v20180820/configuration/publicAccessBlock",
                    account, settings));
            assertEquals(200, put.statusCode(), put.body());
            HttpResponse<String> get = cloud.send(SignedRequests.s3(cloud, "GET", "/v20180820/configuration/publicAccessBlock",
                    account, ""));
            assertTrue(get.body().contains("<BlockPublicPolicy>true</BlockPublicPolicy>"), get.body());
        }
    }

    @Test
    void putObject_bodyOfManyChunks_comesBackWholeAndByRange_fromOneFile() throws IOException {
        byte[] body = new byte[1024 * 1024 + 17]; // the SDK signs it in chunks of 128 KB
        new Random(7).nextBytes(body);
        try (TestCloud cloud = TestCloud.start(LocalCloudConfig.forTests().withDataDirectory(dataDirectory));
             S3Client s3 = S3Testing.client(cloud)) {
            S3Testing.create(s3, "bodies");
            String etag = s3.putObject(b -> b.bucket("bodies").key("big.bin"), RequestBody.fromInputStream(new ByteArrayInputStream(body),
                    body.length)).eTag();
            assertEquals("\"" + S3Testing.md5Hex(body) + "\"", etag);
            assertArrayEquals(body, s3.getObjectAsBytes(b -> b.bucket("bodies").key("big.bin")).asByteArray());
            byte[] range = s3.getObjectAsBytes(b -> b.bucket("bodies").key("big.bin").range("bytes=1000-1999")).asByteArray();
            assertArrayEquals(Arrays.copyOfRange(body, 1000, 2000), range);
            assertEquals(1, files("s3-objects").size());

            s3.putObject(b -> b.bucket("bodies").key("big.bin"), RequestBody.fromString("smaller"));
            assertEquals("smaller", s3.getObjectAsBytes(b -> b.bucket("bodies").key("big.bin")).asUtf8String());
            assertEquals(1, files("s3-objects").size(), "the replaced body's file is gone");
            s3.deleteObject(b -> b.bucket("bodies").key("big.bin"));
            assertEquals(List.of(), files("s3-objects"));
        }
    }

    @Test
    void copyObject_ofABodyInAFile_keepsItsOwnFile_thatOutlivesTheSource() throws IOException {
        try (TestCloud cloud = TestCloud.start(LocalCloudConfig.forTests().withDataDirectory(dataDirectory));
             S3Client s3 = S3Testing.client(cloud)) {
            S3Testing.create(s3, "bodies");
            String etag = s3.putObject(b -> b.bucket("bodies").key("source.txt"), RequestBody.fromString("the source's body")).eTag();
            assertEquals(etag, s3.copyObject(b -> b.sourceBucket("bodies").sourceKey("source.txt")
                    .destinationBucket("bodies").destinationKey("copy.txt")).copyObjectResult().eTag());
            s3.copyObject(b -> b.sourceBucket("bodies").sourceKey("source.txt").destinationBucket("bodies").destinationKey("replaced.txt")
                    .metadataDirective(MetadataDirective.REPLACE).contentType("text/plain"));
            assertEquals(3, files("s3-objects").size(), "each copy is a file of its own");

            s3.deleteObject(b -> b.bucket("bodies").key("source.txt"));
            assertEquals("the source's body", s3.getObjectAsBytes(b -> b.bucket("bodies").key("copy.txt")).asUtf8String());
            assertEquals("the source's body", s3.getObjectAsBytes(b -> b.bucket("bodies").key("replaced.txt")).asUtf8String());
            assertEquals(2, files("s3-objects").size());
            assertEquals(List.of(), files("s3-incoming"));
        }
    }

    /** A PutObject whose query names its operation again ({@code x-id=PutObject}, as some SDKs send it) is streamed to a file too. */
    @Test
    void putObject_withXIdInTheQuery_streamsToAFileAsItArrives() throws Exception {
        try (TestCloud cloud = TestCloud.start(LocalCloudConfig.forTests().withDataDirectory(dataDirectory));
             S3Client s3 = S3Testing.client(cloud)) {
            S3Testing.create(s3, "bodies");
            String body = "x".repeat(100_000);
            String request = RawRequests.signed("PUT", "/bodies/x-id.txt?x-id=PutObject", "s3", "text/plain", body);
            int head = request.indexOf("\r\n\r\n") + 4;
            assertSpooledWhileItArrives(cloud, request.substring(0, head), body);
            assertEquals(body, s3.getObjectAsBytes(b -> b.bucket("bodies").key("x-id.txt")).asUtf8String());
        }
    }

    /** A PUT to a presigned URL (the signature in its query: X-Amz-Credential, ...) is streamed to a file too. */
    @Test
    void putObject_toAPresignedUrl_streamsToAFileAsItArrives() throws Exception {
        try (TestCloud cloud = TestCloud.start(LocalCloudConfig.forTests().withDataDirectory(dataDirectory));
             S3Client s3 = S3Testing.client(cloud);
             S3Presigner presigner = S3Presigner.builder().endpointOverride(cloud.endpoint()).region(TestCloud.REGION)
                     .credentialsProvider(TestCloud.ADMIN).serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                     .build()) {
            S3Testing.create(s3, "bodies");
            URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("bodies").key("presigned.txt"))).url().toURI();
            String body = "y".repeat(100_000);
            assertSpooledWhileItArrives(cloud, "PUT " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: " + url.getAuthority()
                    + "\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n", body);
            assertEquals(body, s3.getObjectAsBytes(b -> b.bucket("bodies").key("presigned.txt")).asUtf8String());
        }
    }

    /** Sends {@code head} and half of {@code body}, sees the body's file in s3-incoming, then sends the rest: answered 200. */
    private void assertSpooledWhileItArrives(TestCloud cloud, String head, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", cloud.cloud().port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + body.substring(0, body.length() / 2)).getBytes(StandardCharsets.UTF_8));
            out.flush();
            Eventually.await("half the body in a file of s3-incoming", Duration.ofSeconds(30), () -> !files("s3-incoming").isEmpty());
            out.write(body.substring(body.length() / 2).getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
    }

    /**
     * A kill after a body's file was moved into place and before the change naming it was
     * durable leaves a file no object records (that PutObject was never answered): the next
     * start deletes it, and keeps every recorded body.
     */
    @Test
    void start_afterAKillBetweenBodyAndMetadata_deletesTheUnrecordedBody_andKeepsTheObjects() throws IOException {
        try (TestCloud cloud = TestCloud.start(LocalCloudConfig.forTests().withDataDirectory(dataDirectory));
             S3Client s3 = S3Testing.client(cloud)) {
            S3Testing.create(s3, "bodies");
            s3.putObject(b -> b.bucket("bodies").key("kept.txt"), RequestBody.fromString("kept"));
        }
        Path kept = files("s3-objects").get(0);
        Path orphan = dataDirectory.resolve("s3-objects").resolve(UUID.randomUUID().toString());
        Files.writeString(orphan, "a body whose PutObject was never answered");

        try (TestCloud cloud = TestCloud.start(LocalCloudConfig.forTests().withDataDirectory(dataDirectory));
             S3Client s3 = S3Testing.client(cloud)) {
            assertEquals(List.of(kept), files("s3-objects"));
            assertEquals("kept", s3.getObjectAsBytes(b -> b.bucket("bodies").key("kept.txt")).asUtf8String());
        }
    }

    @Test
    void putObject_contentMd5NotTheBodys_isBadDigest_andKeepsNoFile() throws IOException {
        try (TestCloud cloud = TestCloud.start(LocalCloudConfig.forTests().withDataDirectory(dataDirectory));
             S3Client s3 = S3Testing.client(cloud)) {
            S3Testing.create(s3, "bodies");
            String wrongMd5 = Base64.getEncoder().encodeToString(S3Testing.md5("something else".getBytes()));
            S3Exception refused = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket("bodies").key("a.txt").contentMD5(wrongMd5),
                    RequestBody.fromString("the body")));
            assertEquals("BadDigest", refused.awsErrorDetails().errorCode());
            assertEquals(List.of(), files("s3-objects"));
            assertEquals(List.of(), files("s3-incoming"));
        }
    }

    /**
     * 80 MiB up and down through a localcloud whose heap is 32 MB: possible only when the body
     * streams to disk on the way in and from disk on the way out. (The heap small, so that a body
     * larger than it costs the suite little: hashing and signing it is most of this test's time.)
     */
    @Test
    void putObject_ofMoreThanTheHeap_streamsToDiskAndBack() throws Exception {
        long size = 80L * 1024 * 1024;
        try (ChildCloud cloud = ChildCloud.start(dataDirectory.resolve("state"), List.of("-Xmx32m"));
             S3Client s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build()) {
            S3Testing.create(s3, "bodies");
            GeneratedBody upload = new GeneratedBody(size);
            String etag = s3.putObject(b -> b.bucket("bodies").key("huge.bin"), RequestBody.fromInputStream(upload, size)).eTag();
            String uploaded = upload.md5Hex();
            assertEquals("\"" + uploaded + "\"", etag);
            try (ResponseInputStream<GetObjectResponse> download = s3.getObject(b -> b.bucket("bodies").key("huge.bin"))) {
                assertEquals(new GeneratedBody.Read(size, uploaded), GeneratedBody.readAll(download));
            }
        }
    }

    private List<Path> files(String directory) {
        try {
            return S3Testing.filesIn(dataDirectory.resolve(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
