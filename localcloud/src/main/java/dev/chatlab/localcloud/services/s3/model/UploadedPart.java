package dev.chatlab.localcloud.services.s3.model;

/**
 * A part of a multipart upload kept as a file of its own (named {@code file} among the object
 * bodies), stored as JSON in "s3.upload-part-files" under "uploadId/00001".
 *
 * @param etag the part's MD5 in hex, as AWS's ETag of a part
 */
public record UploadedPart(String file, long size, String etag) {
}
