package dev.chatlab.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.storage.Storage;
import dev.chatlab.localcloud.testing.ChildCloud;
import dev.chatlab.localcloud.testing.TestCloud;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Multipart uploads on a cloud with a state directory, as AWS documents them: each part is a
 * file of its own (its ETag its MD5), CompleteMultipartUpload streams the parts into one object
 * body whose ETag is the MD5 of the parts' binary MD5s and "-" and their count, its refusals
 * are AWS's, and no part file outlives its upload.
 */
class S3MultipartUploadsOnDiskTest {

    private static final int MIB = 1024 * 1024;
    private static final String BUCKET = "parts";
    private static final String KEY = "big.bin";

    @TempDir
    Path dataDirectory;

    private TestCloud start() {
        return TestCloud.start(LocalCloudConfig.forTests().withDataDirectory(dataDirectory));
    }

    @Test
    void uploadPart_keepsEachPartAsAFileOfItsOwn_withItsMd5AsEtag_andAReuploadReplacesIt() throws IOException {
        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            String id = createUpload(s3);
            byte[] first = bytes(5 * MIB, 1);
            assertEquals(quoted(S3Testing.md5Hex(first)), uploadPart(s3, id, 1, first));
            uploadPart(s3, id, 2, "tail".getBytes());
            assertEquals(2, objectFiles().size());

            byte[] again = bytes(5 * MIB, 2);
            String etag = uploadPart(s3, id, 1, again);
            assertEquals(2, objectFiles().size(), "the replaced part's file is gone");
            List<Part> parts = s3.listParts(b -> b.bucket(BUCKET).key(KEY).uploadId(id)).parts();
            assertEquals(List.of(1, 2), parts.stream().map(Part::partNumber).toList());
            assertEquals(etag, parts.get(0).eTag());
            assertEquals(5L * MIB, parts.get(0).size());
            assertEquals(quoted(S3Testing.md5Hex("tail".getBytes())), parts.get(1).eTag());
            assertEquals(4L, parts.get(1).size());
        }
    }

    @Test
    void completeMultipartUpload_assemblesThePartsInOrder_withAwsMultipartEtag_andDeletesThePartFiles() throws IOException {
        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            String id = createUpload(s3);
            byte[] first = bytes(5 * MIB, 1);
            byte[] second = bytes(5 * MIB + 3, 2);
            byte[] last = "the end".getBytes();
            String etag = complete(s3, id, part(1, uploadPart(s3, id, 1, first)), part(2, uploadPart(s3, id, 2, second)),
                    part(3, uploadPart(s3, id, 3, last)));

            ByteArrayOutputStream md5s = new ByteArrayOutputStream();
            for (byte[] part : List.of(first, second, last)) {
                md5s.writeBytes(S3Testing.md5(part));
            }
            assertEquals(quoted(S3Testing.md5Hex(md5s.toByteArray()) + "-3"), etag);
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            List.of(first, second, last).forEach(whole::writeBytes);
            assertArrayEquals(whole.toByteArray(), s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(KEY)).asByteArray());
            assertEquals(etag, s3.headObject(b -> b.bucket(BUCKET).key(KEY)).eTag());
            assertEquals(1, objectFiles().size(), "the object's body, the part files gone");
            assertEquals(List.of(), S3Testing.filesIn(dataDirectory.resolve("s3-incoming")));
            assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads());
        }
    }

    @Test
    void completeMultipartUpload_partsNotInAscendingOrder_isInvalidPartOrder() {
        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            String id = createUpload(s3);
            String etag1 = uploadPart(s3, id, 1, bytes(5 * MIB, 1));
            String etag2 = uploadPart(s3, id, 2, "tail".getBytes());
            S3Exception refused = refused(() -> complete(s3, id, part(2, etag2), part(1, etag1)));
            assertError(refused, 400, "InvalidPartOrder",
                    "The list of parts was not in ascending order. Parts must be ordered by part number.");
            String answer = completeOnTheWire(cloud, id, part(2, etag2), part(1, etag1));
            assertTrue(answer.contains("<UploadId>" + id + "</UploadId>"), answer);
        }
    }

    @Test
    void completeMultipartUpload_aPartNotUploadedOrOfAnotherEtag_isInvalidPart() {
        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            String id = createUpload(s3);
            String etag1 = uploadPart(s3, id, 1, "only".getBytes());
            String message = "One or more of the specified parts could not be found.  The part may not have been uploaded, "
                    + "or the specified entity tag may not match the part's entity tag.";
            S3Exception missing = refused(() -> complete(s3, id, part(1, etag1), part(2, etag1)));
            assertError(missing, 400, "InvalidPart", message);
            String answer = completeOnTheWire(cloud, id, part(1, etag1), part(2, etag1));
            assertTrue(answer.contains("<UploadId>" + id + "</UploadId><PartNumber>2</PartNumber>"), answer);
            String otherEtag = quoted(S3Testing.md5Hex("other".getBytes()));
            assertError(refused(() -> complete(s3, id, part(1, otherEtag))), 400, "InvalidPart", message);
        }
    }

    @Test
    void completeMultipartUpload_aPartButTheLastUnder5MiB_isEntityTooSmall_andTheUploadGoesOn() {
        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            String id = createUpload(s3);
            String small = uploadPart(s3, id, 1, bytes(5 * MIB - 1, 1));
            String last = uploadPart(s3, id, 2, "tail".getBytes());
            S3Exception refused = refused(() -> complete(s3, id, part(1, small), part(2, last)));
            assertError(refused, 400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size");
            String answer = completeOnTheWire(cloud, id, part(1, small), part(2, last));
            assertTrue(answer.contains("<ProposedSize>" + (5 * MIB - 1) + "</ProposedSize><MinSizeAllowed>5242880</MinSizeAllowed>"
                    + "<PartNumber>1</PartNumber>"), answer);

            String bigEnough = uploadPart(s3, id, 1, bytes(5 * MIB, 1));
            assertTrue(complete(s3, id, part(1, bigEnough), part(2, last)).endsWith("-2\""));
        }
    }

    @Test
    void uploadPartAndComplete_ofAnAbortedUpload_areNoSuchUpload_andAbortDeletesThePartFiles() throws IOException {
        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            String id = createUpload(s3);
            String etag = uploadPart(s3, id, 1, "a part".getBytes());
            uploadPart(s3, id, 2, "another part".getBytes());
            assertEquals(2, objectFiles().size());
            s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(KEY).uploadId(id));
            assertEquals(List.of(), objectFiles());

            String message = "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.";
            assertError(refused(() -> uploadPart(s3, id, 1, "late".getBytes())), 404, "NoSuchUpload", message);
            assertError(refused(() -> complete(s3, id, part(1, etag))), 404, "NoSuchUpload", message);
            assertEquals(List.of(), objectFiles());
        }
    }

    @Test
    void uploadPartCopy_ofARangeAndOfAWholeObject_makesPartsOfTheirOwn_thatOutliveTheSources() throws IOException {
        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            String id = createUpload(s3);
            byte[] large = bytes(6 * MIB, 5);
            s3.putObject(b -> b.bucket(BUCKET).key("large.bin"), RequestBody.fromBytes(large));
            s3.putObject(b -> b.bucket(BUCKET).key("small.txt"), RequestBody.fromString("small"));
            byte[] slice = Arrays.copyOfRange(large, MIB, 6 * MIB);
            String first = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("large.bin").copySourceRange("bytes=" + MIB + "-" + (6 * MIB - 1))
                    .destinationBucket(BUCKET).destinationKey(KEY).uploadId(id).partNumber(1)).copyPartResult().eTag();
            assertEquals(quoted(S3Testing.md5Hex(slice)), first);
            String second = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("small.txt")
                    .destinationBucket(BUCKET).destinationKey(KEY).uploadId(id).partNumber(2)).copyPartResult().eTag();
            assertEquals(quoted(S3Testing.md5Hex("small".getBytes())), second);
            assertEquals(4, objectFiles().size(), "two objects, two parts");

            s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(o -> o.key("large.bin"), o -> o.key("small.txt"))));
            complete(s3, id, part(1, first), part(2, second));
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.writeBytes(slice);
            whole.writeBytes("small".getBytes());
            assertArrayEquals(whole.toByteArray(), s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(KEY)).asByteArray());
            assertEquals(1, objectFiles().size());
        }
    }

    @Test
    void uploadPartCopy_aRangeNotFirstToLastOrPastTheEnd_isInvalidArgument_andAMissingSourceNoSuchKey() throws IOException {
        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            String id = createUpload(s3);
            s3.putObject(b -> b.bucket(BUCKET).key("ten.txt"), RequestBody.fromString("0123456789"));
            for (String malformed : List.of("bytes=5-", "bytes=-5", "bytes=7-3", "0-5")) {
                assertError(refused(() -> copyPart(s3, id, "ten.txt", malformed)), 400, "InvalidArgument", "The x-amz-copy-source-range value "
                        + "must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy");
            }
            assertError(refused(() -> copyPart(s3, id, "ten.txt", "bytes=0-10")), 400, "InvalidArgument",
                    "Range specified is not valid for source object of size: 10");
            assertEquals(404, refused(() -> copyPart(s3, id, "missing.txt", null)).statusCode());
            assertEquals(List.of(), s3.listParts(b -> b.bucket(BUCKET).key(KEY).uploadId(id)).parts());
            assertEquals(1, objectFiles().size(), "only the source's body: no part kept");
            assertEquals(List.of(), S3Testing.filesIn(dataDirectory.resolve("s3-incoming")));
        }
    }

    /** AWS's largest part is 5 GiB: a larger body is refused from its Content-Length, before a byte of it is read. */
    @Test
    void uploadPart_over5GiB_isEntityTooLarge() {
        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            String id = createUpload(s3);
            String answer = cloud.raw("PUT /" + BUCKET + "/" + KEY + "?partNumber=1&uploadId=" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: " + (6L * 1024 * MIB) + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("<Code>EntityTooLarge</Code>"), answer);
        }
    }

    /**
     * A kill after a part's file was moved into place and before the change naming it was durable
     * leaves a file no upload names (that UploadPart was never answered): the next start deletes
     * it, keeps the parts of the uploads in progress, and those uploads complete.
     */
    @Test
    void start_afterAKillBetweenPartAndRecord_deletesThePartFileNoUploadNames_andTheUploadCompletes() throws IOException {
        String id;
        byte[] part = bytes(MIB, 3);
        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            id = createUpload(s3);
            uploadPart(s3, id, 1, part);
        }
        List<Path> kept = objectFiles();
        Files.writeString(dataDirectory.resolve("s3-objects").resolve(UUID.randomUUID().toString()), "a part never answered");

        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            assertEquals(kept, objectFiles());
            complete(s3, id, part(1, quoted(S3Testing.md5Hex(part))));
            assertArrayEquals(part, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(KEY)).asByteArray());
        }
    }

    /**
     * Before parts were files, localcloud kept their bytes in the store ("s3.upload-parts"): an
     * upload begun then completes after the upgrade, with parts of either kind, and leaves no
     * bytes behind in the store.
     */
    @Test
    void anUploadWhosePartsTheStoreHeld_completesAfterTheUpgrade() throws IOException {
        String id;
        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            id = createUpload(s3);
        }
        byte[] stored = bytes(5 * MIB, 4);
        try (Storage storage = Storage.open(dataDirectory)) {
            storage.<String, byte[]>map("s3.upload-parts").put(id + "/00001", stored);
            storage.awaitDurable();
        }
        byte[] last = "a part of the new kind".getBytes();
        try (TestCloud cloud = start(); S3Client s3 = S3Testing.client(cloud)) {
            assertEquals(quoted(S3Testing.md5Hex(stored)), s3.listParts(b -> b.bucket(BUCKET).key(KEY).uploadId(id)).parts().get(0).eTag());
            complete(s3, id, part(1, quoted(S3Testing.md5Hex(stored))), part(2, uploadPart(s3, id, 2, last)));
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.writeBytes(stored);
            whole.writeBytes(last);
            assertArrayEquals(whole.toByteArray(), s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(KEY)).asByteArray());
        }
        try (Storage storage = Storage.open(dataDirectory)) {
            assertEquals(0, storage.<String, byte[]>map("s3.upload-parts").size());
        }
    }

    /**
     * Parts larger than the whole heap of a localcloud with 32 MB, assembled into one object of
     * 81 MiB and read back: possible only when no part and no assembly passes through memory.
     * (The heap small, so that parts larger than it cost the suite little.)
     */
    @Test
    void multipartUpload_ofPartsLargerThanTheHeap_streamsToDiskAndBack() throws Exception {
        long partSize = 40L * MIB;
        long size = 2 * partSize + MIB;
        try (ChildCloud cloud = ChildCloud.start(dataDirectory.resolve("state"), List.of("-Xmx32m"));
             S3Client s3 = cloud.client(S3Client.builder()).forcePathStyle(true).build()) {
            String id = createUpload(s3);
            CompletedPart[] parts = new CompletedPart[3];
            for (int n = 0; n < 3; n++) {
                long from = n * partSize;
                long to = Math.min(size, from + partSize);
                GeneratedBody body = new GeneratedBody(from, to);
                int number = n + 1;
                String etag = s3.uploadPart(b -> b.bucket(BUCKET).key(KEY).uploadId(id).partNumber(number),
                        RequestBody.fromInputStream(body, to - from)).eTag();
                assertEquals(quoted(body.md5Hex()), etag);
                parts[n] = part(number, etag);
            }
            complete(s3, id, parts);
            String whole;
            try (GeneratedBody expected = new GeneratedBody(size)) {
                whole = GeneratedBody.readAll(expected).md5Hex();
            }
            try (ResponseInputStream<GetObjectResponse> download = s3.getObject(b -> b.bucket(BUCKET).key(KEY))) {
                assertEquals(new GeneratedBody.Read(size, whole), GeneratedBody.readAll(download));
            }
        }
    }

    private static String createUpload(S3Client s3) {
        if (!s3.listBuckets().buckets().stream().anyMatch(bucket -> bucket.name().equals(BUCKET))) {
            S3Testing.create(s3, BUCKET);
        }
        return s3.createMultipartUpload(b -> b.bucket(BUCKET).key(KEY)).uploadId();
    }

    private static String uploadPart(S3Client s3, String id, int number, byte[] body) {
        return s3.uploadPart(b -> b.bucket(BUCKET).key(KEY).uploadId(id).partNumber(number), RequestBody.fromBytes(body)).eTag();
    }

    private static String copyPart(S3Client s3, String id, String sourceKey, String range) {
        return s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey(sourceKey).copySourceRange(range)
                .destinationBucket(BUCKET).destinationKey(KEY).uploadId(id).partNumber(1)).copyPartResult().eTag();
    }

    private static String complete(S3Client s3, String id, CompletedPart... parts) {
        return s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(KEY).uploadId(id).multipartUpload(m -> m.parts(parts))).eTag();
    }

    private static CompletedPart part(int number, String etag) {
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    private static S3Exception refused(Executable call) {
        return assertThrows(S3Exception.class, call);
    }

    private static void assertError(S3Exception refused, int status, String code, String message) {
        assertEquals(status, refused.statusCode());
        assertEquals(code, refused.awsErrorDetails().errorCode());
        assertEquals(message, refused.awsErrorDetails().errorMessage());
    }

    /** CompleteMultipartUpload's answer as sent: the SDK keeps none of an S3 error's details but code and message. */
    private static String completeOnTheWire(TestCloud cloud, String id, CompletedPart... parts) {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (CompletedPart part : parts) {
            xml.append("<Part><PartNumber>").append(part.partNumber()).append("</PartNumber><ETag>").append(part.eTag()).append("</ETag></Part>");
        }
        xml.append("</CompleteMultipartUpload>");
        return S3Testing.signedRaw(cloud, "POST", "/" + BUCKET + "/" + KEY + "?uploadId=" + id, xml.toString()).body();
    }

    private List<Path> objectFiles() throws IOException {
        return S3Testing.filesIn(dataDirectory.resolve("s3-objects"));
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String quoted(String etag) {
        return "\"" + etag + "\"";
    }
}
