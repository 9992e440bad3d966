package dev.chatlab.localcloud.services.s3;

import java.util.Map;

/**
 * What a PutObject, CopyObject (with REPLACE) or CreateMultipartUpload asks to store besides
 * the bytes, as the handler read it from the headers.
 *
 * @param headers         representation headers by HTTP name (Content-Type, Cache-Control, ...)
 * @param userMetadata    x-amz-meta-* by lower-case name without the prefix
 * @param checksumAlgorithm the x-amz-checksum-* algorithm sent (header or trailer), or null
 * @param checksumValue   its base64 value, or null
 * @param cannedAcl       x-amz-acl, or null
 * @param explicitGrants  true when x-amz-grant-* headers were sent
 */
public record ObjectWrite(Map<String, String> headers, Map<String, String> userMetadata,
                          String checksumAlgorithm, String checksumValue,
                          String websiteRedirectLocation, String storageClass, Map<String, String> tags,
                          String cannedAcl, boolean explicitGrants, String contentMd5) {
}
