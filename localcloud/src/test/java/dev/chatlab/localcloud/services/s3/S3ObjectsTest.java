package dev.chatlab.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.SignedRequests;
import dev.chatlab.localcloud.testing.TestCloud;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Objects through the unchanged SDK, as the lab's step scripts call them. */
class S3ObjectsTest {

    static TestCloud cloud;
    static S3Client s3;
    static final String BUCKET = "objects-test-bucket";

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        s3 = S3Testing.client(cloud);
        S3Testing.create(s3, BUCKET);
    }

    @AfterAll
    static void stop() {
        s3.close();
        cloud.close();
    }

    static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    @Test
    void putObject_thenGetObject_keepsBodyContentTypeMetadataAndEtagIsMd5() throws Exception {
        byte[] body = "<h1>hello</h1>".getBytes(StandardCharsets.UTF_8);
        String etag = s3.putObject(b -> b.bucket(BUCKET).key("site/index.html").contentType("text/html; charset=utf-8")
                .cacheControl("max-age=60").metadata(Map.of("author", "alice")), RequestBody.fromBytes(body)).eTag();
        assertEquals("\"" + md5(body) + "\"", etag);

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("site/index.html"));
        assertArrayEquals(body, got.asByteArray());
        assertEquals("text/html; charset=utf-8", got.response().contentType());
        assertEquals("max-age=60", got.response().cacheControl());
        assertEquals(Map.of("author", "alice"), got.response().metadata());
        assertEquals(etag, got.response().eTag());
        assertEquals(body.length, got.response().contentLength());
    }

    @Test
    void getObject_withChecksumModeEnabled_returnsTheCrc32TheSdkSentAndValidates() {
        s3.putObject(b -> b.bucket(BUCKET).key("checked.txt").checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromString("checked body"));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("checked.txt").checksumMode(ChecksumMode.ENABLED));
        assertEquals("checked body", got.asUtf8String());
        assertTrue(got.response().checksumCRC32() != null, "S3 returns the stored CRC32");
    }

    @Test
    void putObject_withWrongChecksumHeader_isBadDigest() {
        S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(BUCKET).key("bad.txt").checksumCRC32("AAAAAA=="),
                RequestBody.fromString("some bytes")));
        assertEquals("BadDigest", e.awsErrorDetails().errorCode());
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("bad.txt")));
    }

    @Test
    void headObject_answersSizeTypeAndMetadataWithoutBody() {
        s3.putObject(b -> b.bucket(BUCKET).key("head.json").contentType("application/json").metadata(Map.of("k", "v")),
                RequestBody.fromString("{\"a\":1}"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("head.json"));
        assertEquals(7L, head.contentLength());
        assertEquals("application/json", head.contentType());
        assertEquals("v", head.metadata().get("k"));
    }

    @Test
    void getObject_missingKey_isNoSuchKey() {
        NoSuchKeyException e = assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("nope")));
        assertEquals(404, e.statusCode());
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("nope")));
    }

    @Test
    void getObject_missingBucket_isNoSuchBucket() {
        assertThrows(NoSuchBucketException.class, () -> s3.getObjectAsBytes(b -> b.bucket("no-such-bucket-here").key("x")));
    }

    @Test
    void getObject_withRange_answersPartialContent() {
        s3.putObject(b -> b.bucket(BUCKET).key("range.txt"), RequestBody.fromString("0123456789"));
        ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("range.txt").range("bytes=2-5"));
        assertEquals("2345", part.asUtf8String());
        assertEquals("bytes 2-5/10", part.response().contentRange());
        assertEquals("789", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("range.txt").range("bytes=-3")).asUtf8String());
        assertEquals("89", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("range.txt").range("bytes=8-")).asUtf8String());
    }

    @Test
    void getObject_rangeBeyondTheEnd_isInvalidRange() {
        s3.putObject(b -> b.bucket(BUCKET).key("short.txt"), RequestBody.fromString("abc"));
        S3Exception e = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("short.txt").range("bytes=10-20")));
        assertEquals(416, e.statusCode());
        assertEquals("InvalidRange", e.awsErrorDetails().errorCode());
    }

    @Test
    void putObject_keyLongerThan1024Bytes_isKeyTooLongError() {
        String key = "가".repeat(342); // 1026 bytes in UTF-8
        S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x")));
        assertEquals("KeyTooLongError", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
    }

    @Test
    void listObjectsV2_withPrefixAndDelimiter_rollsUpCommonPrefixes() {
        for (String key : List.of("list/a.txt", "list/b/1.txt", "list/b/2.txt", "list/c/1.txt", "list/d.txt")) {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(key));
        }
        ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("list/").delimiter("/"));
        assertEquals(List.of("list/a.txt", "list/d.txt"), page.contents().stream().map(S3Object::key).collect(Collectors.toList()));
        assertEquals(List.of("list/b/", "list/c/"), page.commonPrefixes().stream().map(CommonPrefix::prefix).collect(Collectors.toList()));
        assertEquals(4, page.keyCount());
        assertFalse(page.isTruncated());
    }

    @Test
    void listObjectsV2_withMaxKeys_pagesWithContinuationTokens() {
        for (int i = 0; i < 7; i++) {
            String key = "paged/" + i;
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x"));
        }
        List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("paged/").maxKeys(3)).contents().stream()
                .map(S3Object::key).collect(Collectors.toList());
        assertEquals(List.of("paged/0", "paged/1", "paged/2", "paged/3", "paged/4", "paged/5", "paged/6"), keys);
        ListObjectsV2Response first = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("paged/").maxKeys(3));
        assertTrue(first.isTruncated());
        assertTrue(first.nextContinuationToken() != null);
    }

    @Test
    void listObjectsV2_keysWithSpacesAndUnicode_comeBackIntact() {
        String key = "odd keys/한글 파일+plus&amp.txt";
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x"));
        ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("odd keys/"));
        assertEquals(List.of(key), page.contents().stream().map(S3Object::key).collect(Collectors.toList()));
        assertEquals("x", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String());
    }

    @Test
    void listObjectsV1_withMarkerAndDelimiter_pages() {
        for (String key : List.of("v1/a", "v1/b", "v1/c/1", "v1/c/2", "v1/d")) {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x"));
        }
        ListObjectsResponse first = s3.listObjects(b -> b.bucket(BUCKET).prefix("v1/").delimiter("/").maxKeys(2));
        assertTrue(first.isTruncated());
        assertEquals("v1/b", first.nextMarker());
        ListObjectsResponse second = s3.listObjects(b -> b.bucket(BUCKET).prefix("v1/").delimiter("/").marker(first.nextMarker()));
        assertEquals(List.of("v1/d"), second.contents().stream().map(S3Object::key).collect(Collectors.toList()));
        assertEquals(List.of("v1/c/"), second.commonPrefixes().stream().map(CommonPrefix::prefix).collect(Collectors.toList()));
    }

    @Test
    void copyObject_copiesBodyAndMetadata_andReplaceChangesMetadata() {
        s3.putObject(b -> b.bucket(BUCKET).key("copy/src.txt").contentType("text/plain").metadata(Map.of("m", "1")),
                RequestBody.fromString("copy me"));
        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy/src.txt").destinationBucket(BUCKET).destinationKey("copy/dst.txt"));
        ResponseBytes<GetObjectResponse> copied = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("copy/dst.txt"));
        assertEquals("copy me", copied.asUtf8String());
        assertEquals("text/plain", copied.response().contentType());
        assertEquals("1", copied.response().metadata().get("m"));

        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("copy/src.txt").destinationBucket(BUCKET).destinationKey("copy/src.txt")
                .metadataDirective(MetadataDirective.REPLACE).contentType("text/markdown").metadata(Map.of("m", "2")));
        HeadObjectResponse replaced = s3.headObject(b -> b.bucket(BUCKET).key("copy/src.txt"));
        assertEquals("text/markdown", replaced.contentType());
        assertEquals("2", replaced.metadata().get("m"));
    }

    @Test
    void copyObject_ontoItselfWithoutReplace_isInvalidRequest() {
        s3.putObject(b -> b.bucket(BUCKET).key("self.txt"), RequestBody.fromString("x"));
        S3Exception e = assertThrows(S3Exception.class, () -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("self.txt")
                .destinationBucket(BUCKET).destinationKey("self.txt")));
        assertEquals("InvalidRequest", e.awsErrorDetails().errorCode());
    }

    @Test
    void deleteObject_thenDeleteObjects_removeKeys_andDeletingAMissingKeySucceeds() {
        for (String key : List.of("del/1", "del/2", "del/3")) {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x"));
        }
        s3.deleteObject(b -> b.bucket(BUCKET).key("del/1"));
        s3.deleteObject(b -> b.bucket(BUCKET).key("del/never-existed"));
        DeleteObjectsResponse deleted = s3.deleteObjects(b -> b.bucket(BUCKET).delete(Delete.builder()
                .objects(ObjectIdentifier.builder().key("del/2").build(), ObjectIdentifier.builder().key("del/3").build()).build()));
        assertEquals(2, deleted.deleted().size());
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("del/")).keyCount());
    }

    @Test
    void multipartUpload_assemblesThePartsWithAMultipartEtag() {
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("big.bin").contentType("application/octet-stream")).uploadId();
        byte[] first = new byte[5 * 1024 * 1024];
        first[0] = 1;
        byte[] second = "tail".getBytes(StandardCharsets.UTF_8);
        String etag1 = s3.uploadPart(b -> b.bucket(BUCKET).key("big.bin").uploadId(id).partNumber(1), RequestBody.fromBytes(first)).eTag();
        String etag2 = s3.uploadPart(b -> b.bucket(BUCKET).key("big.bin").uploadId(id).partNumber(2), RequestBody.fromBytes(second)).eTag();
        String etag = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("big.bin").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(etag1).build(), CompletedPart.builder().partNumber(2).eTag(etag2).build()))).eTag();
        assertTrue(etag.endsWith("-2\""), etag);
        assertEquals(first.length + 4L, s3.headObject(b -> b.bucket(BUCKET).key("big.bin")).contentLength());
    }

    @Test
    void uploadPartCopy_copiesARangeOfAnObjectIntoAPart() {
        s3.putObject(b -> b.bucket(BUCKET).key("copy-source.txt"), RequestBody.fromString("0123456789"));
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("copied.bin")).uploadId();
        String etag = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy-source.txt").copySourceRange("bytes=2-5")
                .destinationBucket(BUCKET).destinationKey("copied.bin").uploadId(id).partNumber(1)).copyPartResult().eTag();
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("copied.bin").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertEquals("2345", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("copied.bin")).asUtf8String());
    }

    @Test
    void getObject_ifNoneMatchTheEtag_isNotModified() {
        String etag = s3.putObject(b -> b.bucket(BUCKET).key("cached.txt"), RequestBody.fromString("x")).eTag();
        S3Exception e = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cached.txt").ifNoneMatch(etag)));
        assertEquals(304, e.statusCode());
        S3Exception failed = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cached.txt").ifMatch("\"other\"")));
        assertEquals(412, failed.statusCode());
    }

    @Test
    void objectTagging_roundTrips() {
        s3.putObject(b -> b.bucket(BUCKET).key("tagged.txt").tagging("team=chat&env=lab"), RequestBody.fromString("x"));
        assertEquals(2, s3.getObjectTagging(b -> b.bucket(BUCKET).key("tagged.txt")).tagSet().size());
        s3.deleteObjectTagging(b -> b.bucket(BUCKET).key("tagged.txt"));
        assertTrue(s3.getObjectTagging(b -> b.bucket(BUCKET).key("tagged.txt")).tagSet().isEmpty());
        assertNull(null);
    }

    @Test
    void virtualHostedStyle_bucketInTheHost_reachesTheSameObjects() {
        s3.putObject(b -> b.bucket(BUCKET).key("vhost/a.txt"), RequestBody.fromString("virtual"));
        var answer = cloud.send(SignedRequests.s3(cloud, "GET", "/vhost/a.txt",
                Map.of("Host", BUCKET + ".s3.ap-northeast-2.localhost"), ""));
        assertEquals(200, answer.statusCode());
        assertEquals("virtual", answer.body());
    }

    @Test
    void putObject_ifNoneMatchStarOnAnExistingKey_isPreconditionFailedAndKeepsTheOldBody() {
        s3.putObject(b -> b.bucket(BUCKET).key("once.txt").ifNoneMatch("*"), RequestBody.fromString("first"));
        S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(BUCKET).key("once.txt").ifNoneMatch("*"),
                RequestBody.fromString("second")));
        assertEquals(412, e.statusCode());
        assertEquals("PreconditionFailed", e.awsErrorDetails().errorCode());
        assertEquals("first", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("once.txt")).asUtf8String());
    }

    @Test
    void anyRequest_withAnotherExpectedBucketOwner_isAccessDenied() {
        S3Exception e = assertThrows(S3Exception.class, () -> s3.headBucket(b -> b.bucket(BUCKET).expectedBucketOwner("111122223333")));
        assertEquals(403, e.statusCode());
        s3.headBucket(b -> b.bucket(BUCKET).expectedBucketOwner("000000000000"));
    }

    @Test
    void listObjectsV2_maxKeysZero_answersAnEmptyPage() {
        s3.putObject(b -> b.bucket(BUCKET).key("zero/x"), RequestBody.fromString("x"));
        ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("zero/").maxKeys(0));
        assertEquals(0, page.keyCount());
    }

    @Test
    void listObjectVersions_unversionedBucket_listsEachObjectWithVersionIdNull() {
        s3.putObject(b -> b.bucket(BUCKET).key("versions/a"), RequestBody.fromString("a"));
        var versions = s3.listObjectVersions(b -> b.bucket(BUCKET).prefix("versions/")).versions();
        assertEquals(1, versions.size());
        assertEquals("null", versions.get(0).versionId());
        assertTrue(versions.get(0).isLatest());
        s3.deleteObject(b -> b.bucket(BUCKET).key("versions/a").versionId("null"));
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("versions/")).keyCount());
    }
}
