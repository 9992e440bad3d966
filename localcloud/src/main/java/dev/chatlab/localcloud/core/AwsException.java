package dev.chatlab.localcloud.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error that a service answers the way AWS does: an error code ("NoSuchBucket"),
 * the HTTP status, and a message. Each service throws this type (or a subclass that
 * carries extra fields its protocol renders); the protocol layer turns it into the
 * wire shape of that service, so a service never formats an error body itself.
 */
public class AwsException extends RuntimeException {

    private final String code;
    private final int status;
    private final Map<String, String> details = new LinkedHashMap<>();

    public AwsException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /**
     * Adds a field that the error body carries besides code and message, such as S3's
     * {@code <BucketName>}; protocols that have no such fields ignore it.
     */
    public AwsException withDetail(String name, String value) {
        details.put(name, value);
        return this;
    }

    public Map<String, String> details() {
        return Collections.unmodifiableMap(details);
    }

    /** True when the caller is to blame (4xx): AWS's query protocol calls that "Sender". */
    public boolean isClientError() {
        return status < 500;
    }

    // Errors shared by every protocol.

    public static AwsException internalError(String message) {
        return new AwsException("InternalFailure", 500, message);
    }

    /**
     * AWS's one message for all the broken constraints of a request: "2 validation errors
     * detected: Value 'x' at 'roleName' failed to satisfy constraint: ...; ...".
     */
    public static String validationMessage(List<String> problems) {
        return problems.size() + " validation error" + (problems.size() == 1 ? "" : "s") + " detected: " + String.join("; ", problems);
    }

    public static AwsException validation(String message) {
        return new AwsException("ValidationException", 400, message);
    }
}
