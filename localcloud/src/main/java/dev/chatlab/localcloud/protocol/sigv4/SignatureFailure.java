package dev.chatlab.localcloud.protocol.sigv4;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a request's SigV4 authentication is refused, independent of the protocol: each service
 * answers it with its own code, status and shape ({@link AuthDialect}), as AWS's services do
 * (S3's SignatureDoesNotMatch, DynamoDB's InvalidSignatureException, IAM's SignatureDoesNotMatch).
 *
 * @param message the words AWS's JSON and Query services use for it (S3 has its own, see {@link AuthDialect#S3})
 * @param details the fields S3's error body adds (StringToSign, RequestTime, ...), in S3's order
 */
public final class SignatureFailure extends RuntimeException {

    /** The kinds AWS tells apart in its answers. */
    public enum Kind {
        /** No signature at all, where the endpoint needs one. */
        MISSING,
        /** An Authorization header (or presigned query) that lacks a part or is not SigV4's form. */
        INCOMPLETE,
        /** An Authorization header of another scheme ("Bearer ...", SigV2's "AWS key:sig"). */
        UNSUPPORTED_SCHEME,
        /** Neither X-Amz-Date nor Date. */
        MISSING_DATE,
        /** A presigned URL's X-Amz-Expires that is not a number of seconds up to a week. */
        BAD_EXPIRY,
        /** An access key id that no one holds (an STS key never issued, a user's key deleted or inactive). */
        UNKNOWN_KEY,
        /** A session key sent without its session token, or with another one. */
        INVALID_TOKEN,
        /** A session key past its expiration. */
        EXPIRED_TOKEN,
        /** The credential scope's date is not X-Amz-Date's. */
        SCOPE_DATE,
        /** X-Amz-Date more than 15 minutes from the server's clock. */
        SKEWED,
        /** A presigned URL used after X-Amz-Date + X-Amz-Expires. */
        PRESIGNED_EXPIRED,
        /** A presigned URL whose X-Amz-Date lies in the future. */
        PRESIGNED_NOT_YET_VALID,
        /** S3: a SigV4 header request without x-amz-content-sha256. */
        MISSING_CONTENT_SHA256,
        /** S3: a body whose SHA-256 is not what x-amz-content-sha256 declared. */
        PAYLOAD_HASH_MISMATCH,
        /** The signature (or a chunk's signature) is not the one the secret gives. */
        MISMATCH
    }

    private final Kind kind;
    private final boolean presigned;
    private final Map<String, String> details = new LinkedHashMap<>();

    public SignatureFailure(Kind kind, boolean presigned, String message) {
        super(message, null, false, false); // an answer to a caller, not a bug: no stack trace to fill
        this.kind = kind;
        this.presigned = presigned;
    }

    public SignatureFailure detail(String name, String value) {
        details.put(name, value);
        return this;
    }

    public Kind kind() {
        return kind;
    }

    /** True when the signature came in the query string (a presigned URL), not an Authorization header. */
    public boolean presigned() {
        return presigned;
    }

    public Map<String, String> details() {
        return details;
    }

    public String detail(String name) {
        return details.get(name);
    }
}
