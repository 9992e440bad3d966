package dev.chatlab.localcloud.protocol;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.http.HttpEndpoint;
import dev.chatlab.localcloud.protocol.sigv4.AuthDialect;
import java.util.Set;

/**
 * The protocol-facing side of one AWS service: it turns a request into a call on the
 * service's logic and the result (or the service's AwsException) into the wire format
 * of its protocol. It holds no state of its own.
 */
public interface ServiceHandler extends HttpEndpoint {

    /** The SigV4 signing names ("s3", "dynamodb", ...) whose requests this handler answers. */
    Set<String> signingNames();

    /** X-Amz-Target prefixes (e.g. "DynamoDB_20120810.") for requests that carry no signature. */
    default Set<String> targetPrefixes() {
        return Set.of();
    }

    /**
     * True for an unsigned request that belongs to this service by its Host or path, such
     * as a browser's request to an S3 website endpoint or an API Gateway invoke URL.
     */
    default boolean ownsEndpoint(AwsRequest request) {
        return false;
    }

    /**
     * True where a web page of any site may call this endpoint, as it may on AWS: the data
     * planes a browser reaches (an S3 website, an API Gateway invoke URL, an anonymous S3 read,
     * which the bucket policy then decides). Every other request that a browser sends on
     * behalf of another site is refused before it reaches the service (see CrossSiteGuard).
     */
    default boolean servesAnySite(AwsRequest request) {
        return false;
    }

    /**
     * True where AWS serves this request without a signature (an anonymous S3 call, which the
     * bucket policy decides; a website; an invoke URL; the Lambda Runtime API). Everything else
     * must be signed (see routing's SignatureGate).
     */
    default boolean acceptsUnsigned(AwsRequest request) {
        return false;
    }

    /** How this service words a refused signature: the JSON services' unless it says otherwise. */
    default AuthDialect authDialect() {
        return AuthDialect.AWS_JSON;
    }

    /**
     * True for the APIs a browser may call with the SDK for JavaScript, which AWS answers with CORS
     * headers (any origin: the signature protects them): the JSON services and Lambda.
     */
    default boolean answersCrossOrigin() {
        return authDialect() == AuthDialect.AWS_JSON;
    }

    /** The largest request body this service takes: {@link #DEFAULT_MAX_REQUEST_BYTES}, unless a service says otherwise. */
    @Override
    default long maxRequestBytes() {
        return DEFAULT_MAX_REQUEST_BYTES;
    }

    /** What this service answers to a body above {@link #maxRequestBytes()}, before reading it. */
    @Override
    default AwsException requestTooLarge() {
        return new AwsException("RequestEntityTooLarge", 413, "Request must be smaller than " + maxRequestBytes() + " bytes.");
    }

    /**
     * Refuses (throws the service's AwsException for) a request whose input breaks the
     * constraints of AWS's model for its operation; the router calls it before {@link #handle}.
     * Nothing is checked unless the service says (with a protocol.constraints.InputValidator).
     */
    default void checkInput(AwsRequest request) {
    }

    /** Answers the request; must not throw except for bugs (the router turns those into a 500). */
    AwsResponse handle(AwsRequest request);

    /**
     * {@code error} in this service's protocol: what its own answers use, and what the router
     * answers when the service failed unexpectedly (a localcloud bug), so that a JSON client
     * still reads JSON and an XML client XML.
     */
    default AwsResponse renderError(AwsException error, AwsRequest request) {
        return ErrorRenderer.forClientOf(request, error);
    }
}
