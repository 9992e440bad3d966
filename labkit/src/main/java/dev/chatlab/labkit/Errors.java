package dev.chatlab.labkit;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns an exception into one line a student can act on: AWS's error code and message. */
public final class Errors {

    private Errors() {
    }

    public static String describe(Throwable error) {
        if (error instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = aws.awsErrorDetails().errorCode();
            String message = aws.awsErrorDetails().errorMessage();
            return (code == null ? "HTTP " + aws.statusCode() : code) + (message == null ? "" : ": " + message);
        }
        if (error instanceof SdkClientException client) {
            String message = client.getMessage();
            if (message != null && message.contains("Connection refused")) {
                return "cannot reach the cloud (" + message + ") — is localcloud running? Try ./lab cloud start";
            }
            return message;
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
