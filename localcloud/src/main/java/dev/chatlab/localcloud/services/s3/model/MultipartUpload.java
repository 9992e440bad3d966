package dev.chatlab.localcloud.services.s3.model;

/**
 * A multipart upload in progress (what the AWS CLI uses for files above 8 MB): the object's
 * future metadata is fixed when it starts, as on AWS.
 */
public record MultipartUpload(String uploadId, String bucket, String key, long initiatedMillis, ObjectMetadata metadata) {
}
