package dev.chatlab.localcloud.http;

import dev.chatlab.localcloud.core.AwsException;
import java.util.function.BiFunction;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers itself, before any service sees the request (a malformed percent escape
 * in the path, a header section over the limit, a request line it cannot parse): the XML error
 * S3 gives, since S3 is the service that answers requests no other one claims. Without this,
 * Jetty writes an HTML page that no SDK can read.
 */
public final class AwsErrorPages extends ErrorHandler {

    private final BiFunction<AwsException, String, AwsResponse> s3Errors;

    /** @param s3Errors S3's error document for an error and a request id (protocol.ErrorRenderer::s3) */
    public AwsErrorPages(BiFunction<AwsException, String, AwsResponse> s3Errors) {
        this.s3Errors = s3Errors;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause, Callback callback) {
        AwsResponse answer = s3Errors.apply(errorFor(status, message, cause), JettyAdapter.newRequestId());
        JettyAdapter.write(answer, response, callback, false);
    }

    /** S3's error for what Jetty refused; the codes and messages are S3's own. */
    static AwsException errorFor(int status, String message, Throwable cause) {
        if (status == 431) {
            return new AwsException("RequestHeaderSectionTooLarge", 400, "Your request header section exceeds the maximum allowed size.");
        }
        if (status == 400 && isUriDecodingFailure(cause)) {
            return new AwsException("InvalidURI", 400, "Couldn't parse the specified URI.");
        }
        if (status >= 500) {
            return new AwsException("InternalError", status, "We encountered an internal error. Please try again.");
        }
        return new AwsException("BadRequest", status, "The request could not be read: " + (message == null ? "malformed HTTP" : message));
    }

    /** Jetty wraps a bad escape such as {@code %zz} (a NumberFormatException while decoding the path) in its own 400. */
    private static boolean isUriDecodingFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || String.valueOf(t.getMessage()).contains("URI")) {
                return true;
            }
        }
        return false;
    }
}
