package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.testing.SignedRequests;
import dev.chatlab.localcloud.testing.TestCloud;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;

/** What the S3 tests set up again and again: a bucket in ap-northeast-2, public access unblocked, a public-read policy. */
final class S3Testing {

    private S3Testing() {
    }

    static S3Client client(TestCloud cloud) {
        return cloud.client(S3Client.builder()).forcePathStyle(true).build();
    }

    static void create(S3Client s3, String bucket) {
        s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.AP_NORTHEAST_2)));
    }

    /** Turns the four Block Public Access settings off, as step 1 of the lab does. */
    static void unblock(S3Client s3, String bucket) {
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(false).ignorePublicAcls(false).blockPublicPolicy(false).restrictPublicBuckets(false)));
    }

    /** The policy of step 2: everyone may s3:GetObject every object of the bucket. */
    static String publicRead(String bucket) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicReadGetObject\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
    }

    /** The files of a directory of the state (s3-objects, s3-incoming). */
    static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ETag as S3 computes it for a single PUT or a part: the MD5 in hex. */
    static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(md5(data));
    }

    /** A raw request signed as the lab's, for input the SDK would refuse to send. */
    static HttpResponse<String> signedRaw(TestCloud cloud, String method, String path, String body) {
        return cloud.send(SignedRequests.s3(cloud, method, path, Map.of(), body));
    }
}
