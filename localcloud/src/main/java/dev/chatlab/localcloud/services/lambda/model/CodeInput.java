package dev.chatlab.localcloud.services.lambda.model;

/** A deployment package as a request gives it: zip bytes, or an object of localcloud's S3. */
public record CodeInput(byte[] zipFile, String s3Bucket, String s3Key) {

    public boolean isEmpty() {
        return zipFile == null && s3Bucket == null && s3Key == null;
    }
}
