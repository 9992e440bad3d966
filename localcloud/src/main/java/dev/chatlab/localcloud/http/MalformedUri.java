package dev.chatlab.localcloud.http;

import dev.chatlab.localcloud.core.AwsException;

/**
 * A broken percent escape ({@code %zz}) in a request's path, query or form body: the caller's
 * mistake, answered with the error AWS documents among its common errors, never a server error.
 * S3 words it its own way (InvalidURI for both).
 */
public final class MalformedUri extends AwsException {

    private MalformedUri(String code, int status, String message) {
        super(code, status, message);
    }

    static MalformedUri inQuery() {
        return new MalformedUri("MalformedQueryString", 404, "The query string contains a syntax error.");
    }

    static MalformedUri inPath() {
        return new MalformedUri("InvalidURI", 400, "Couldn't parse the specified URI.");
    }
}
