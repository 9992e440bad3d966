package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.services.s3.model.ObjectMetadata;
import java.util.Arrays;

/**
 * The conditional headers of GET and HEAD (If-Match, If-None-Match, If-Modified-Since,
 * If-Unmodified-Since), evaluated in the order RFC 9110 and S3 use. A failed If-Match or
 * If-Unmodified-Since is 412 PreconditionFailed; a matching If-None-Match or an unchanged
 * If-Modified-Since is 304 Not Modified ({@link #notModified} returns true).
 */
public final class Preconditions {

    private Preconditions() {
    }

    public static boolean notModified(AwsRequest request, ObjectMetadata object) {
        long modifiedSeconds = object.lastModifiedMillis() / 1000;
        String ifMatch = request.header("if-match").orElse(null);
        if (ifMatch != null && !etagMatches(ifMatch, object)) {
            throw failed("If-Match");
        }
        if (ifMatch == null) {
            Long unmodifiedSince = date(request, "if-unmodified-since");
            if (unmodifiedSince != null && modifiedSeconds > unmodifiedSince / 1000) {
                throw failed("If-Unmodified-Since");
            }
        }
        String ifNoneMatch = request.header("if-none-match").orElse(null);
        if (ifNoneMatch != null) {
            return etagMatches(ifNoneMatch, object);
        }
        Long modifiedSince = date(request, "if-modified-since");
        return modifiedSince != null && modifiedSeconds <= modifiedSince / 1000;
    }

    private static boolean etagMatches(String header, ObjectMetadata object) {
        return Arrays.stream(header.split(",")).map(String::trim)
                .anyMatch(tag -> tag.equals("*") || tag.replace("W/", "").replace("\"", "").equals(object.etag()));
    }

    private static Long date(AwsRequest request, String name) {
        try {
            return request.header(name).map(S3Xml::parseHttpDate).orElse(null);
        } catch (RuntimeException e) {
            return null; // an unparsable date is ignored, as HTTP says
        }
    }

    private static AwsException failed(String condition) {
        return new AwsException("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold")
                .withDetail("Condition", condition);
    }
}
