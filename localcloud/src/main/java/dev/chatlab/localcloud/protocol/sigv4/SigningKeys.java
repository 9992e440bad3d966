package dev.chatlab.localcloud.protocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4's keys and hashes. The signing key is four HMACs deep ({@code kSecret → kDate → kRegion →
 * kService → kSigning}) and the same for every request of one key on one day to one service, so
 * it is derived once per (secret, date, region, service) and kept, as the SDKs keep theirs.
 */
public final class SigningKeys {

    /** Enough for every key a class uses in a day; past it the cache starts over rather than grow. */
    private static final int MAX_CACHED = 4096;

    private final Map<String, byte[]> derived = new ConcurrentHashMap<>();

    byte[] signingKey(String secret, String date, String region, String service) {
        String cacheKey = secret + '\n' + date + '\n' + region + '\n' + service;
        byte[] key = derived.get(cacheKey);
        if (key == null) {
            if (derived.size() >= MAX_CACHED) {
                derived.clear();
            }
            key = hmac(hmac(hmac(hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date), region), service), "aws4_request");
            derived.put(cacheKey, key);
        }
        return key;
    }

    /** Mac and MessageDigest instances are not thread-safe, and looking one up costs more than using it: one of each per thread. */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a SigV4 key is a valid HmacSHA256 key", e);
        }
    }

    static String hmacHex(byte[] key, String data) {
        return HexFormat.of().formatHex(hmac(key, data));
    }

    public static String sha256Hex(byte[] data, int offset, int length) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(data, offset, length);
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256Hex(byte[] data) {
        return sha256Hex(data, 0, data.length);
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares in time independent of where the two differ, so a caller cannot guess a signature byte by byte. */
    static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }
}
