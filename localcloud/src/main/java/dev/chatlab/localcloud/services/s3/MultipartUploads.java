package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.s3.access.CannedAcl;
import dev.chatlab.localcloud.services.s3.model.Bucket;
import dev.chatlab.localcloud.services.s3.model.MultipartUpload;
import dev.chatlab.localcloud.services.s3.model.ObjectMetadata;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import dev.chatlab.localcloud.storage.Documents;
import dev.chatlab.localcloud.storage.Storage;
import dev.chatlab.localcloud.storage.StoredMap;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * S3's multipart uploads: an upload is created, its parts arrive one by one (each at least
 * 5 MB but the last), and CompleteMultipartUpload assembles them into one object whose ETag is
 * the MD5 of the parts' MD5s and their count. State: "s3.uploads" (upload id to
 * MultipartUpload JSON) and "s3.upload-parts" ("uploadId/00001" to the part's bytes).
 */
public final class MultipartUploads {

    static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final S3Service s3;
    private final Storage storage;
    private final Clock clock;
    private final Documents<MultipartUpload> uploads;
    private final StoredMap<String, byte[]> parts;

    MultipartUploads(S3Service s3, Storage storage, Clock clock) {
        this.s3 = s3;
        this.storage = storage;
        this.clock = clock;
        this.uploads = storage.documents("s3.uploads", MultipartUpload.class);
        this.parts = storage.map("s3.upload-parts");
    }

    public MultipartUpload create(String bucketName, String key, ObjectWrite write) {
        Bucket bucket = s3.bucket(bucketName);
        S3Service.checkKey(key);
        CannedAcl.checkForObject(bucket, s3.blockInForce(bucket), write.cannedAcl(), write.explicitGrants());
        MultipartUpload upload = new MultipartUpload(UUID.randomUUID().toString().replace("-", ""), bucketName, key, clock.millis(),
                s3.metadata(key, 0, "", new ObjectWrite(write.headers(), write.userMetadata(), null, null,
                        write.websiteRedirectLocation(), write.storageClass(), write.tags(), write.cannedAcl(), false, null), null));
        uploads.put(upload.uploadId(), upload);
        return upload;
    }

    private MultipartUpload upload(String bucket, String key, String uploadId) {
        s3.bucket(bucket);
        MultipartUpload upload = uploadId == null ? null : uploads.get(uploadId).orElse(null);
        if (upload == null || !upload.bucket().equals(bucket) || !upload.key().equals(key)) {
            throw new AwsException("NoSuchUpload", 404,
                    "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.")
                    .withDetail("UploadId", uploadId == null ? "" : uploadId);
        }
        return upload;
    }

    public String uploadPart(String bucket, String key, String uploadId, int partNumber, byte[] body, ObjectWrite checks) {
        upload(bucket, key, uploadId);
        if (partNumber < 1 || partNumber > 10000) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", String.valueOf(partNumber));
        }
        S3Service.verify(checks, body);
        parts.put(partKey(uploadId, partNumber), body);
        return Checksums.md5Hex(body);
    }

    /** One part named in CompleteMultipartUpload. */
    public record CompletedPart(int partNumber, String etag) {
    }

    public ObjectMetadata complete(String bucket, String key, String uploadId, List<CompletedPart> completed) {
        MultipartUpload upload = upload(bucket, key, uploadId);
        if (completed.isEmpty()) {
            throw S3Errors.malformedXml();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        int previous = 0;
        for (int i = 0; i < completed.size(); i++) {
            CompletedPart part = completed.get(i);
            if (part.partNumber() <= previous) {
                throw new AwsException("InvalidPartOrder", 400, "The list of parts was not in ascending order. Parts must be ordered by part number.");
            }
            previous = part.partNumber();
            byte[] bytes = parts.get(partKey(uploadId, part.partNumber()));
            String etag = part.etag() == null ? "" : part.etag().replace("\"", "");
            if (bytes == null || !Checksums.md5Hex(bytes).equals(etag)) {
                throw new AwsException("InvalidPart", 400, "One or more of the specified parts could not be found.  The part may not have "
                        + "been uploaded, or the specified entity tag may not match the part's entity tag.")
                        .withDetail("UploadId", uploadId).withDetail("PartNumber", String.valueOf(part.partNumber()));
            }
            if (i < completed.size() - 1 && bytes.length < MIN_PART_SIZE) {
                throw new AwsException("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.");
            }
            body.writeBytes(bytes);
            md5s.writeBytes(Checksums.digest("MD5", bytes));
        }
        byte[] bytes = body.toByteArray();
        ObjectMetadata template = upload.metadata();
        String etag = Checksums.md5Hex(md5s.toByteArray()) + "-" + completed.size();
        ObjectMetadata metadata = new ObjectMetadata(key, bytes.length, etag, clock.millis(), template.headers(), template.userMetadata(),
                null, null, template.websiteRedirectLocation(), template.storageClass(), template.tags(), template.publicRead(), completed.size());
        s3.writeAssembled(bucket, key, bytes, metadata, () -> removeUpload(uploadId));
        return metadata;
    }

    public void abort(String bucket, String key, String uploadId) {
        upload(bucket, key, uploadId);
        storage.atomically(() -> removeUpload(uploadId));
    }

    /** The uploads in progress in a bucket, oldest first. */
    public List<MultipartUpload> list(String bucket) {
        s3.bucket(bucket);
        return uploads.values().filter(upload -> upload.bucket().equals(bucket))
                .sorted(Comparator.comparingLong(MultipartUpload::initiatedMillis)).toList();
    }

    /** Part number to size and ETag of the parts uploaded so far. */
    public TreeMap<Integer, byte[]> parts(String bucket, String key, String uploadId) {
        upload(bucket, key, uploadId);
        TreeMap<Integer, byte[]> found = new TreeMap<>();
        Iterator<String> keys = parts.keyIterator(uploadId + "/");
        while (keys.hasNext()) {
            String partKey = keys.next();
            if (!partKey.startsWith(uploadId + "/")) {
                break;
            }
            found.put(Integer.parseInt(partKey.substring(uploadId.length() + 1)), parts.get(partKey));
        }
        return found;
    }

    /** Forgets every upload of a bucket (DeleteBucket), inside the caller's atomic change. */
    void removeAllOf(String bucket) {
        uploadsOf(bucket).forEach(this::removeUpload);
    }

    private List<String> uploadsOf(String bucket) {
        return uploads.values().filter(upload -> upload.bucket().equals(bucket)).map(MultipartUpload::uploadId).toList();
    }

    private void removeUpload(String uploadId) {
        uploads.remove(uploadId);
        List<String> partKeys = new ArrayList<>();
        Iterator<String> keys = parts.keyIterator(uploadId + "/");
        while (keys.hasNext()) {
            String partKey = keys.next();
            if (!partKey.startsWith(uploadId + "/")) {
                break;
            }
            partKeys.add(partKey);
        }
        partKeys.forEach(parts::remove);
    }

    private static String partKey(String uploadId, int partNumber) {
        return uploadId + "/" + String.format("%05d", partNumber);
    }
}
