package dev.chatlab.localcloud.services.lambda;

import dev.chatlab.localcloud.core.AwsException;

/**
 * Where CreateFunction and UpdateFunctionCode read a package given as S3Bucket/S3Key: the
 * objects of localcloud's S3.
 */
@FunctionalInterface
public interface CodeObjects {

    /**
     * The object's bytes.
     *
     * @throws dev.chatlab.localcloud.core.AwsException InvalidParameterValueException as Lambda words
     *         it ("Error occurred while GetObject. S3 Error Code: NoSuchKey. ...") when it cannot be read
     */
    byte[] read(String bucket, String key);

    /** Lambda's error when the object cannot be read. */
    static AwsException getObjectFailed(String s3Code, String s3Message) {
        return new AwsException("InvalidParameterValueException", 400,
                "Error occurred while GetObject. S3 Error Code: " + s3Code + ". S3 Error Message: " + s3Message);
    }
}
