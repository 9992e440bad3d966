package dev.chatlab.localcloud.services.s3.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What S3 keeps about an object besides its bytes, stored as JSON in "s3.objects"; the body
 * lives under the same key in "s3.object-data".
 *
 * @param etag              the ETag without quotes: the body's MD5 in hex, or "md5-of-part-md5s-N" after a multipart upload
 * @param headers           the stored representation headers by their HTTP name (Content-Type, Cache-Control,
 *                          Content-Disposition, Content-Encoding, Content-Language, Expires)
 * @param userMetadata      x-amz-meta-* values, names lower-case without the prefix
 * @param checksumAlgorithm CRC32, CRC32C, SHA1, SHA256 or CRC64NVME when the writer sent a checksum; else null
 * @param checksumValue     the base64 checksum the writer sent (verified where the JDK can compute it)
 * @param publicRead        true when a public canned ACL (public-read...) was set while ACLs were enabled
 * @param partsCount        the number of parts of a multipart upload, null otherwise
 */
public record ObjectMetadata(String key, long size, String etag, long lastModifiedMillis,
                             Map<String, String> headers, Map<String, String> userMetadata,
                             String checksumAlgorithm, String checksumValue,
                             String websiteRedirectLocation, String storageClass,
                             Map<String, String> tags, boolean publicRead, Integer partsCount) {

    public ObjectMetadata {
        headers = frozen(headers);
        userMetadata = frozen(userMetadata);
        tags = frozen(tags);
        storageClass = storageClass == null ? "STANDARD" : storageClass;
    }

    /** A copy no one can change: a stored object's metadata is shared by every reader. */
    private static Map<String, String> frozen(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public String contentType() {
        return headers.getOrDefault("Content-Type", "binary/octet-stream");
    }

    public String quotedEtag() {
        return "\"" + etag + "\"";
    }

    public ObjectMetadata withKey(String newKey, long modified) {
        return new ObjectMetadata(newKey, size, etag, modified, headers, userMetadata, checksumAlgorithm, checksumValue,
                websiteRedirectLocation, storageClass, tags, publicRead, partsCount);
    }

    public ObjectMetadata withTags(Map<String, String> newTags) {
        return new ObjectMetadata(key, size, etag, lastModifiedMillis, headers, userMetadata, checksumAlgorithm, checksumValue,
                websiteRedirectLocation, storageClass, newTags, publicRead, partsCount);
    }

    public ObjectMetadata withPublicRead(boolean isPublic) {
        return new ObjectMetadata(key, size, etag, lastModifiedMillis, headers, userMetadata, checksumAlgorithm, checksumValue,
                websiteRedirectLocation, storageClass, tags, isPublic, partsCount);
    }
}
