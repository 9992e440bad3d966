package dev.chatlab.localcloud.policy;

/**
 * A policy document that AWS would refuse. Each service maps it to its own error
 * (S3: MalformedPolicy, IAM: MalformedPolicyDocument, Lambda: InvalidParameterValueException).
 */
public class MalformedPolicyException extends RuntimeException {

    public MalformedPolicyException(String message) {
        super(message);
    }
}
