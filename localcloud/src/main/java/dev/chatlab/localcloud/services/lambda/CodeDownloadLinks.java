package dev.chatlab.localcloud.services.lambda;

import dev.chatlab.localcloud.core.AwsException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The links GetFunction hands out as {@code Code.Location}. On AWS that is a presigned S3 URL
 * that works for 10 minutes; here it is a path with an expiry and an HMAC under a key made at
 * start, so only a caller of a signed GetFunction gets a function's package, for 10 minutes,
 * and a web page cannot fetch one by guessing its name.
 */
final class CodeDownloadLinks {

    static final Duration VALIDITY = Duration.ofMinutes(10);
    private static final String EXPIRES = "X-Localcloud-Expires";
    private static final String SIGNATURE = "X-Localcloud-Signature";

    private final byte[] key = new byte[32];
    private final Clock clock;

    CodeDownloadLinks(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    /** The query string that makes the download of this function's package valid for {@link #VALIDITY}. */
    String query(String functionName) {
        long expires = clock.instant().plus(VALIDITY).getEpochSecond();
        return EXPIRES + "=" + expires + "&" + SIGNATURE + "=" + signature(functionName, expires);
    }

    /** Throws S3's AccessDenied, as an expired or altered presigned URL gets, unless the link is one of ours and current. */
    void verify(String functionName, Optional<String> expires, Optional<String> signature) {
        long expiry;
        try {
            expiry = Long.parseLong(expires.orElse(""));
        } catch (NumberFormatException e) {
            throw denied("Request is missing the signature of a GetFunction Code.Location link.");
        }
        byte[] expected = signature(functionName, expiry).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.orElse("").getBytes(StandardCharsets.UTF_8))) {
            throw denied("The request signature we calculated does not match the signature you provided.");
        }
        if (clock.instant().getEpochSecond() > expiry) {
            throw denied("Request has expired");
        }
    }

    private static AwsException denied(String message) {
        return new AwsException("AccessDenied", 403, message);
    }

    private String signature(String functionName, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((functionName + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
