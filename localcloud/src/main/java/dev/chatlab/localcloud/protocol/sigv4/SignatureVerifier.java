package dev.chatlab.localcloud.protocol.sigv4;

import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.protocol.sigv4.SignatureFailure.Kind;
import dev.chatlab.localcloud.protocol.sigv4.SigningSecrets.SigningSecret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a request's SigV4 signature as AWS does, for every service, in AWS's order: the form
 * ({@link SignedRequest}), the access key and its session token, the time (15 minutes of skew;
 * a presigned URL's X-Amz-Expires), the credential scope's date, the signature over the
 * {@link CanonicalRequest}, and then the body: its SHA-256 against x-amz-content-sha256, or each
 * chunk's signature of an aws-chunked upload ({@link ChunkSignatures}).
 */
public final class SignatureVerifier {

    /** How far X-Amz-Date may be from the server's clock. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";

    private final SigningSecrets secrets;
    private final Clock clock;
    private final SigningKeys keys = new SigningKeys();

    public SignatureVerifier(SigningSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * @return the request's verified signature; empty for a request that carries none (whether
     *         that is allowed is the caller's to say)
     * @throws SignatureFailure when the request carries a signature AWS would refuse
     */
    public Optional<SignedRequest> verify(AwsRequest request) {
        Optional<SignedRequest> parsed = SignedRequest.of(request);
        if (parsed.isEmpty()) {
            return parsed;
        }
        SignedRequest signed = parsed.get();
        SigningSecret secret = secretOf(signed);
        Instant signedAt = checkTime(signed);
        if (!signed.amzDate().startsWith(signed.scopeDate())) {
            throw new SignatureFailure(Kind.SCOPE_DATE, signed.presigned(), "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + signed.scopeDate() + "' != '" + signed.amzDate().substring(0, Math.min(8, signed.amzDate().length())) + "', from '" + signed.amzDate() + "'.");
        }
        boolean s3 = signed.service().equals("s3");
        String payloadHash = payloadHash(request, signed, s3);
        String canonical = CanonicalRequest.of(request, signed, payloadHash, s3);
        String stringToSign = SignedRequest.ALGORITHM + "\n" + signed.amzDate() + "\n" + signed.scope() + "\n" + SigningKeys.sha256Hex(canonical);
        byte[] signingKey = keys.signingKey(secret.secretAccessKey(), signed.scopeDate(), signed.region(), signed.service());
        if (!SigningKeys.same(SigningKeys.hmacHex(signingKey, stringToSign), signed.signature())) {
            throw mismatch(signed.accessKeyId(), signed.signature(), canonical, stringToSign, signed.presigned());
        }
        if (secret.expired()) {
            throw new SignatureFailure(Kind.EXPIRED_TOKEN, signed.presigned(), "The security token included in the request is expired");
        }
        if (s3 || request.header("x-amz-content-sha256").isPresent()) {
            // otherwise the hash is the body's own, computed above: comparing it again could not fail
            checkPayload(request, signed, payloadHash, signingKey, signedAt);
        }
        return parsed;
    }

    private SigningSecret secretOf(SignedRequest signed) {
        SigningSecret secret = secrets.find(signed.accessKeyId()).orElseThrow(() ->
                new SignatureFailure(Kind.UNKNOWN_KEY, signed.presigned(), "The security token included in the request is invalid.")
                        .detail("AWSAccessKeyId", signed.accessKeyId()));
        if (secret.sessionToken().isPresent() && !secret.sessionToken().equals(signed.securityToken())) {
            throw new SignatureFailure(Kind.INVALID_TOKEN, signed.presigned(), "The security token included in the request is invalid.");
        }
        return secret;
    }

    /** The header form may be 15 minutes off the clock; a presigned URL holds from X-Amz-Date for X-Amz-Expires seconds. */
    private Instant checkTime(SignedRequest signed) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant signedAt;
        try {
            signedAt = SignedRequest.parseAmzDate(signed.amzDate());
        } catch (DateTimeParseException e) {
            throw new SignatureFailure(Kind.MISSING_DATE, signed.presigned(), "Date must be in ISO-8601 'basic format'. Got '" + signed.amzDate()
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        if (signed.presigned()) {
            Instant expires = signedAt.plusSeconds(signed.expiresSeconds());
            if (now.isAfter(expires)) {
                throw new SignatureFailure(Kind.PRESIGNED_EXPIRED, true, "Request has expired")
                        .detail("X-Amz-Expires", String.valueOf(signed.expiresSeconds())).detail("Expires", expires.toString()).detail("ServerTime", now.toString());
            }
            if (signedAt.isAfter(now.plus(MAX_SKEW))) {
                throw new SignatureFailure(Kind.PRESIGNED_NOT_YET_VALID, true, "Request is not yet valid")
                        .detail("X-Amz-Date", signed.amzDate()).detail("Expires", expires.toString()).detail("ServerTime", now.toString());
            }
            return signedAt;
        }
        if (signedAt.isBefore(now.minus(MAX_SKEW)) || signedAt.isAfter(now.plus(MAX_SKEW))) {
            boolean past = signedAt.isBefore(now);
            String message = past
                    ? "Signature expired: " + signed.amzDate() + " is now earlier than " + amz(now.minus(MAX_SKEW)) + " (" + amz(now) + " - 15 min.)"
                    : "Signature not yet current: " + signed.amzDate() + " is still later than " + amz(now.plus(MAX_SKEW)) + " (" + amz(now) + " + 15 min.)";
            throw new SignatureFailure(Kind.SKEWED, false, message).detail("RequestTime", signed.amzDate()).detail("ServerTime", now.toString())
                    .detail("MaxAllowedSkewMilliseconds", String.valueOf(MAX_SKEW.toMillis()));
        }
        return signedAt;
    }

    private static String amz(Instant instant) {
        return SignedRequest.AMZ_DATE.format(instant);
    }

    /**
     * What the canonical request ends with: S3 takes x-amz-content-sha256 as declared (and needs it
     * on the header form; a presigned URL is UNSIGNED-PAYLOAD unless it says otherwise); every
     * other service hashes the body it received.
     */
    private static String payloadHash(AwsRequest request, SignedRequest signed, boolean s3) {
        Optional<String> declared = request.header("x-amz-content-sha256");
        if (s3 && signed.presigned()) {
            return declared.or(() -> request.queryParam("X-Amz-Content-Sha256")).orElse(UNSIGNED_PAYLOAD);
        }
        if (s3 && declared.isEmpty()) {
            throw new SignatureFailure(Kind.MISSING_CONTENT_SHA256, false, "Missing required header for this request: x-amz-content-sha256");
        }
        return declared.orElseGet(() -> SigningKeys.sha256Hex(request.body()));
    }

    private void checkPayload(AwsRequest request, SignedRequest signed, String payloadHash, byte[] signingKey, Instant signedAt) {
        if (SHA256_HEX.matcher(payloadHash).matches()) {
            // a body in a file was hashed as it streamed in: the hash is compared at the stream's end, before S3 keeps anything
            String computed = request.spooled() != null ? request.spooled().sha256Hex() : SigningKeys.sha256Hex(request.body());
            if (!computed.equalsIgnoreCase(payloadHash)) {
                throw new SignatureFailure(Kind.PAYLOAD_HASH_MISMATCH, signed.presigned(),
                        "The provided 'x-amz-content-sha256' header does not match what was computed.")
                        .detail("ClientComputedContentSHA256", payloadHash).detail("S3ComputedContentSHA256", computed);
            }
        } else if (payloadHash.startsWith(STREAMING_SIGNED)) {
            if (request.spooled() != null) {
                new ChunkSignatures(signingKey, signed).verify(request.spooled().file());
            } else {
                new ChunkSignatures(signingKey, signed).verify(request.body());
            }
        }
    }

    /** AWS's words for a signature that does not match, with what it computed (S3 also as bytes in hex). */
    static SignatureFailure mismatch(String accessKeyId, String provided, String canonical, String stringToSign, boolean presigned) {
        return new SignatureFailure(Kind.MISMATCH, presigned, "The request signature we calculated does not match the signature you provided."
                + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n"
                + "The Canonical String for this request should have been\n'" + canonical + "'\n\n"
                + "The String-to-Sign should have been\n'" + stringToSign + "'\n")
                .detail("AWSAccessKeyId", accessKeyId)
                .detail("StringToSign", stringToSign)
                .detail("SignatureProvided", provided)
                .detail("StringToSignBytes", spacedHex(stringToSign))
                .detail("CanonicalRequest", canonical)
                .detail("CanonicalRequestBytes", spacedHex(canonical));
    }

    private static String spacedHex(String text) {
        return HexFormat.ofDelimiter(" ").formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
