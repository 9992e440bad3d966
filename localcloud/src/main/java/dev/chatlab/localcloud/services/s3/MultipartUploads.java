package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.s3.access.CannedAcl;
import dev.chatlab.localcloud.services.s3.model.Bucket;
import dev.chatlab.localcloud.services.s3.model.MultipartUpload;
import dev.chatlab.localcloud.services.s3.model.ObjectMetadata;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import dev.chatlab.localcloud.services.s3.model.StoredObject;
import dev.chatlab.localcloud.services.s3.model.UploadedPart;
import dev.chatlab.localcloud.storage.Documents;
import dev.chatlab.localcloud.storage.Storage;
import dev.chatlab.localcloud.storage.StoredMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * S3's multipart uploads: an upload is created, its parts arrive one by one (each at least
 * 5 MiB but the last, at most 5 GiB), and CompleteMultipartUpload assembles them into one object
 * whose ETag is the MD5 of the parts' MD5s and their count. State: "s3.uploads" (upload id to
 * MultipartUpload JSON); a part is a file of its own among the object bodies ({@link ObjectBodies},
 * kept like a PutObject's body), recorded in "s3.upload-part-files" ("uploadId/00001" to
 * {@link UploadedPart} JSON); a cloud in memory keeps a part's bytes in "s3.upload-parts" (same
 * key), where localcloud kept every part before parts were files, so that an upload begun then
 * still completes.
 */
public final class MultipartUploads {

    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** AWS's largest part: 5 GiB (an UploadPart's body above it is EntityTooLarge). */
    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    private final S3Service s3;
    private final Storage storage;
    private final Clock clock;
    private final Documents<MultipartUpload> uploads;
    private final Documents<UploadedPart> partFiles;
    private final StoredMap<String, byte[]> partBytes;
    /** Null for a cloud in memory: every part is in the store then. */
    private final ObjectBodies bodies;

    MultipartUploads(S3Service s3, Storage storage, Clock clock, ObjectBodies bodies) {
        this.s3 = s3;
        this.storage = storage;
        this.clock = clock;
        this.bodies = bodies;
        this.uploads = storage.documents("s3.uploads", MultipartUpload.class);
        this.partFiles = storage.documents("s3.upload-part-files", UploadedPart.class);
        this.partBytes = storage.map("s3.upload-parts");
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

    private static void checkPartNumber(int partNumber) {
        if (partNumber < 1 || partNumber > 10000) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", String.valueOf(partNumber));
        }
    }

    /** UploadPart of a body in memory (a cloud in memory): kept in the store. Answers the part's ETag, its MD5. */
    public String uploadPart(String bucket, String key, String uploadId, int partNumber, byte[] body, ObjectWrite checks) {
        upload(bucket, key, uploadId);
        checkPartNumber(partNumber);
        S3Service.verify(checks, body);
        record(bucket, key, uploadId, partNumber, body, null);
        return Checksums.md5Hex(body);
    }

    /**
     * UploadPart of a body the HTTP layer wrote to a file (aws-chunked framing taken off): checked,
     * synced and kept as a file of its own before the upload records it, as a PutObject's body;
     * {@code body} is moved away (or left to its caller to delete when refused). Answers the part's
     * ETag, its MD5. Only for a cloud with a state directory.
     */
    public String uploadPart(String bucket, String key, String uploadId, int partNumber, Path body, long size, ObjectWrite checks) {
        if (size > MAX_PART_SIZE) {
            throw S3Service.entityTooLarge().withDetail("ProposedSize", String.valueOf(size))
                    .withDetail("MaxSizeAllowed", String.valueOf(MAX_PART_SIZE));
        }
        upload(bucket, key, uploadId);
        checkPartNumber(partNumber);
        String md5 = S3Service.verify(checks, body).md5Hex();
        String file = bodies.keep(body);
        try {
            record(bucket, key, uploadId, partNumber, null, new UploadedPart(file, size, md5));
        } catch (RuntimeException e) {
            bodies.discard(file);
            throw e;
        }
        return md5;
    }

    /** What UploadPartCopy answers: the new part's ETag (its MD5) and when it was made. */
    public record CopiedPart(String etag, long lastModifiedMillis) {
    }

    /** An UploadPartCopy's part has no Content-MD5 or checksum of its own to check. */
    private static final ObjectWrite NOTHING_TO_CHECK = new ObjectWrite(Map.of(), Map.of(), null, null, null, null, Map.of(), null, false, null);

    /**
     * UploadPartCopy: {@code range} (null: all) of an object's body becomes a part, a file of its
     * own copied file to file beside the spools and then kept as an uploaded part's body is.
     */
    public CopiedPart uploadPartCopy(String bucket, String key, String uploadId, int partNumber,
                                     String sourceBucket, String sourceKey, ByteRange range) {
        upload(bucket, key, uploadId);
        checkPartNumber(partNumber);
        StoredObject source = s3.getObject(sourceBucket, sourceKey);
        long size = source.metadata().size();
        if (range != null && range.last() >= size) {
            throw S3Errors.invalidArgument("Range specified is not valid for source object of size: " + size, null, null);
        }
        ByteRange copied = range == null ? ByteRange.whole(size) : range;
        if (bodies == null) {
            byte[] bytes = Arrays.copyOfRange(source.body(), Math.toIntExact(copied.first()), Math.toIntExact(copied.last() + 1));
            return new CopiedPart(uploadPart(bucket, key, uploadId, partNumber, bytes, NOTHING_TO_CHECK), clock.millis());
        }
        Path copy = bodies.copyToIncoming(source, copied);
        try {
            return new CopiedPart(uploadPart(bucket, key, uploadId, partNumber, copy, copied.length(), NOTHING_TO_CHECK), clock.millis());
        } finally {
            ObjectBodies.deleteQuietly(copy); // kept: moved away already
        }
    }

    /** Records a part, bytes or file (the other null), in place of the part of that number, whose file goes once that is durable. */
    private void record(String bucket, String key, String uploadId, int partNumber, byte[] bytes, UploadedPart file) {
        String partKey = partKey(uploadId, partNumber);
        String replaced = s3.underWriteLock(() -> {
            upload(bucket, key, uploadId); // completed or aborted meanwhile: NoSuchUpload
            String previous = partFiles.get(partKey).map(UploadedPart::file).orElse(null);
            storage.atomically(() -> {
                if (file == null) {
                    partFiles.remove(partKey);
                    partBytes.put(partKey, bytes);
                } else {
                    partBytes.remove(partKey);
                    partFiles.put(partKey, file);
                }
            });
            return previous;
        });
        s3.discardWhenDurable(replaced == null ? List.of() : List.of(replaced));
    }

    /** One part named in CompleteMultipartUpload. */
    public record CompletedPart(int partNumber, String etag) {
    }

    /** A part as ListParts and CompleteMultipartUpload see it: in a file of its own ({@code file}) or in the store ({@code bytes}). */
    public record Part(int number, String etag, long size, String file, byte[] bytes) {

        private boolean sameAs(Part other) {
            return other != null && etag.equals(other.etag) && Objects.equals(file, other.file);
        }
    }

    /**
     * CompleteMultipartUpload: the listed parts, checked as AWS checks them, streamed one after
     * the other into one body (a file kept like a PutObject's, or bytes in memory for a cloud in
     * memory) that is recorded, with the upload's end, in one atomic change; the parts' files go
     * once that is durable.
     */
    public ObjectMetadata complete(String bucket, String key, String uploadId, List<CompletedPart> completed) {
        MultipartUpload upload = upload(bucket, key, uploadId);
        if (completed.isEmpty()) {
            throw S3Errors.malformedXml();
        }
        List<Part> chosen = chosenParts(uploadId, completed);
        ObjectMetadata template = upload.metadata();
        ObjectMetadata metadata = new ObjectMetadata(key, chosen.stream().mapToLong(Part::size).sum(), multipartEtag(chosen), clock.millis(),
                template.headers(), template.userMetadata(), null, null, template.websiteRedirectLocation(), template.storageClass(),
                template.tags(), template.publicRead(), chosen.size());
        Runnable stillAsChosen = () -> {
            upload(bucket, key, uploadId); // completed or aborted meanwhile
            TreeMap<Integer, Part> now = storedParts(uploadId);
            chosen.stream().filter(part -> !part.sameAs(now.get(part.number()))).findFirst().ifPresent(part -> {
                throw invalidPart(uploadId, part.number(), part.etag()); // replaced meanwhile
            });
        };
        if (bodies == null) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            writeParts(uploadId, chosen, body);
            s3.record(bucket, key, metadata, body.toByteArray(), null, stillAsChosen, () -> removeUpload(uploadId));
        } else {
            Path assembled = bodies.newIncomingFile();
            try {
                try (OutputStream out = Files.newOutputStream(assembled)) {
                    writeParts(uploadId, chosen, out);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot assemble the upload " + uploadId + " in " + assembled, e);
                }
                s3.record(bucket, key, metadata, null, bodies.keep(assembled), stillAsChosen, () -> removeUpload(uploadId));
            } finally {
                ObjectBodies.deleteQuietly(assembled); // kept: moved away already
            }
        }
        return metadata;
    }

    /** The parts {@code completed} names, refused as AWS refuses them: out of order, missing or not of that ETag, too small but the last. */
    private List<Part> chosenParts(String uploadId, List<CompletedPart> completed) {
        TreeMap<Integer, Part> stored = storedParts(uploadId);
        List<Part> chosen = new ArrayList<>();
        int previous = 0;
        for (CompletedPart listed : completed) {
            String etag = listed.etag() == null ? "" : listed.etag().replace("\"", "");
            if (listed.partNumber() <= previous) {
                throw new AwsException("InvalidPartOrder", 400, "The list of parts was not in ascending order. Parts must be ordered by part number.")
                        .withDetail("UploadId", uploadId).withDetail("PartNumber", String.valueOf(listed.partNumber())).withDetail("ETag", etag);
            }
            previous = listed.partNumber();
            Part part = stored.get(listed.partNumber());
            if (part == null || !part.etag().equals(etag)) {
                throw invalidPart(uploadId, listed.partNumber(), etag);
            }
            chosen.add(part);
        }
        for (Part part : chosen.subList(0, chosen.size() - 1)) {
            if (part.size() < MIN_PART_SIZE) {
                throw new AwsException("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed size")
                        .withDetail("ProposedSize", String.valueOf(part.size())).withDetail("MinSizeAllowed", String.valueOf(MIN_PART_SIZE))
                        .withDetail("PartNumber", String.valueOf(part.number())).withDetail("ETag", part.etag());
            }
        }
        return chosen;
    }

    private static AwsException invalidPart(String uploadId, int partNumber, String etag) {
        return new AwsException("InvalidPart", 400, "One or more of the specified parts could not be found.  The part may not have "
                + "been uploaded, or the specified entity tag may not match the part's entity tag.")
                .withDetail("UploadId", uploadId).withDetail("PartNumber", String.valueOf(partNumber)).withDetail("ETag", etag);
    }

    /** AWS's ETag of a multipart object: the MD5 of the parts' binary MD5s one after the other, then "-" and their count. */
    static String multipartEtag(List<Part> parts) {
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        parts.forEach(part -> md5s.writeBytes(HexFormat.of().parseHex(part.etag())));
        return Checksums.md5Hex(md5s.toByteArray()) + "-" + parts.size();
    }

    private void writeParts(String uploadId, List<Part> parts, OutputStream out) {
        for (Part part : parts) {
            try {
                if (part.file() != null) {
                    Files.copy(bodies.file(part.file()), out);
                } else {
                    out.write(part.bytes());
                }
            } catch (NoSuchFileException replacedMeanwhile) {
                throw invalidPart(uploadId, part.number(), part.etag());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot assemble part " + part.number() + " of the upload " + uploadId, e);
            }
        }
    }

    public void abort(String bucket, String key, String uploadId) {
        List<String> dropped = s3.underWriteLock(() -> {
            upload(bucket, key, uploadId);
            return storage.atomically(() -> removeUpload(uploadId));
        });
        s3.discardWhenDurable(dropped);
    }

    /** The uploads in progress in a bucket, oldest first. */
    public List<MultipartUpload> list(String bucket) {
        s3.bucket(bucket);
        return uploads.values().filter(upload -> upload.bucket().equals(bucket))
                .sorted(Comparator.comparingLong(MultipartUpload::initiatedMillis)).toList();
    }

    /** The parts uploaded so far, by part number. */
    public TreeMap<Integer, Part> parts(String bucket, String key, String uploadId) {
        upload(bucket, key, uploadId);
        return storedParts(uploadId);
    }

    /** An upload's parts, wherever their bytes are. */
    private TreeMap<Integer, Part> storedParts(String uploadId) {
        TreeMap<Integer, Part> found = new TreeMap<>();
        for (String partKey : bytesPartKeys(uploadId)) {
            byte[] bytes = partBytes.get(partKey);
            if (bytes != null) {
                found.put(partNumber(partKey), new Part(partNumber(partKey), Checksums.md5Hex(bytes), bytes.length, null, bytes));
            }
        }
        partFiles.keysStartingWith(uploadId + "/").forEach(partKey -> partFiles.get(partKey).ifPresent(part ->
                found.put(partNumber(partKey), new Part(partNumber(partKey), part.etag(), part.size(), part.file(), null))));
        return found;
    }

    /** The names of every part file an upload records: what the start's sweep of unrecorded files keeps. */
    Set<String> partFiles() {
        return partFiles.values().map(UploadedPart::file).collect(Collectors.toSet());
    }

    /** Forgets every upload of a bucket (DeleteBucket), inside the caller's atomic change; answers the part files it dropped. */
    List<String> removeAllOf(String bucket) {
        List<String> dropped = new ArrayList<>();
        uploads.values().filter(upload -> upload.bucket().equals(bucket)).map(MultipartUpload::uploadId).toList()
                .forEach(uploadId -> dropped.addAll(removeUpload(uploadId)));
        return dropped;
    }

    /** Forgets an upload and its parts; answers the part files to delete once that is durable. */
    private List<String> removeUpload(String uploadId) {
        uploads.remove(uploadId);
        bytesPartKeys(uploadId).forEach(partBytes::remove);
        List<String> files = partFiles.valuesStartingWith(uploadId + "/").map(UploadedPart::file).toList();
        partFiles.removeStartingWith(uploadId + "/");
        return files;
    }

    private List<String> bytesPartKeys(String uploadId) {
        return StoredMap.keysStartingWith(partBytes, uploadId + "/").toList();
    }

    private static int partNumber(String partKey) {
        return Integer.parseInt(partKey.substring(partKey.indexOf('/') + 1));
    }

    private static String partKey(String uploadId, int partNumber) {
        return uploadId + "/" + String.format("%05d", partNumber);
    }
}
