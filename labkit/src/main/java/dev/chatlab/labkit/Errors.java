package dev.chatlab.labkit;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
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

    /**
     * Why a connection failed, in a few words. The JDK's network errors often carry no message
     * of their own (a ConnectException caused by an UnresolvedAddressException is an unknown
     * host), so this answers the first cause that says something.
     */
    public static String networkReason(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebSocketHandshakeException handshake) {
                return "HTTP " + handshake.getResponse().statusCode();
            }
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        // A ConnectException without any message (the JDK's HTTP client): nothing listens at the address.
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
        }
        return error.getClass().getSimpleName();
    }
}
