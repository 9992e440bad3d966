package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.core.AwsException;

/** IAM's errors with the codes and HTTP statuses of its model (iam/2010-05-08/service-2.json). */
public final class IamErrors {

    private IamErrors() {
    }

    public static AwsException noSuchEntity(String message) {
        return new AwsException("NoSuchEntity", 404, message);
    }

    public static AwsException entityAlreadyExists(String message) {
        return new AwsException("EntityAlreadyExists", 409, message);
    }

    public static AwsException malformedPolicyDocument(String message) {
        return new AwsException("MalformedPolicyDocument", 400, message);
    }

    public static AwsException deleteConflict(String message) {
        return new AwsException("DeleteConflict", 409, message);
    }

    public static AwsException limitExceeded(String message) {
        return new AwsException("LimitExceeded", 409, message);
    }

    public static AwsException invalidInput(String message) {
        return new AwsException("InvalidInput", 400, message);
    }

    public static AwsException accessDenied(String message) {
        return new AwsException("AccessDenied", 403, message);
    }
}
