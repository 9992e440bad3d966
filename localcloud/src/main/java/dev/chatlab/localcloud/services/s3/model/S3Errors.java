package dev.chatlab.localcloud.services.s3.model;

import dev.chatlab.localcloud.core.AwsException;

/** S3's errors with the codes, statuses and messages S3 answers with. */
public final class S3Errors {

    private S3Errors() {
    }

    public static AwsException noSuchBucket(String bucket) {
        return new AwsException("NoSuchBucket", 404, "The specified bucket does not exist").withDetail("BucketName", bucket);
    }

    public static AwsException noSuchKey(String key) {
        return new AwsException("NoSuchKey", 404, "The specified key does not exist.").withDetail("Key", key);
    }

    public static AwsException accessDenied() {
        return new AwsException("AccessDenied", 403, "Access Denied");
    }

    public static AwsException malformedXml() {
        return new AwsException("MalformedXML", 400,
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    public static AwsException invalidArgument(String message, String name, String value) {
        AwsException error = new AwsException("InvalidArgument", 400, message);
        if (name != null) {
            error.withDetail("ArgumentName", name).withDetail("ArgumentValue", value == null ? "" : value);
        }
        return error;
    }

    public static AwsException invalidRequest(String message) {
        return new AwsException("InvalidRequest", 400, message);
    }

    public static AwsException malformedPolicy(String message) {
        return new AwsException("MalformedPolicy", 400, message);
    }

    public static AwsException notImplemented(String what) {
        return new AwsException("NotImplemented", 501,
                "A header you provided implies functionality that is not implemented (localcloud does not implement " + what + ").");
    }

    public static AwsException methodNotAllowed(String method, String resourceType) {
        return new AwsException("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
                .withDetail("Method", method).withDetail("ResourceType", resourceType);
    }
}
