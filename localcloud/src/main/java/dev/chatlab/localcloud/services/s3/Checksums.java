package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The checksums S3 accepts on upload (x-amz-checksum-*) and Content-MD5. */
public final class Checksums {

    /** In the order S3 documents them; CRC64NVME is kept but not verified (the JDK has no CRC-64/NVME). */
    public static final List<String> ALGORITHMS = List.of("CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME");

    private Checksums() {
    }

    public static String headerName(String algorithm) {
        return "x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT);
    }

    /** The base64 checksum of {@code data}, or null for an algorithm the JDK cannot compute. */
    public static String compute(String algorithm, byte[] data) {
        return switch (algorithm) {
            case "CRC32" -> crc(new CRC32(), data);
            case "CRC32C" -> crc(new CRC32C(), data);
            case "SHA1" -> Base64.getEncoder().encodeToString(digest("SHA-1", data));
            case "SHA256" -> Base64.getEncoder().encodeToString(digest("SHA-256", data));
            default -> null;
        };
    }

    /** Fails as S3 does when the sent checksum is not the data's. */
    public static void verify(String algorithm, String sent, byte[] data) {
        String actual = compute(algorithm, data);
        if (actual != null && !actual.equals(sent)) {
            throw new AwsException("BadDigest", 400, "The " + algorithm + " you specified did not match the calculated checksum.");
        }
    }

    public static void verifyContentMd5(String contentMd5, byte[] data) {
        byte[] sent;
        try {
            sent = Base64.getDecoder().decode(contentMd5.trim());
        } catch (IllegalArgumentException e) {
            sent = new byte[0];
        }
        if (sent.length != 16) {
            throw new AwsException("InvalidDigest", 400, "The Content-MD5 you specified was invalid.");
        }
        if (!MessageDigest.isEqual(sent, digest("MD5", data))) {
            throw new AwsException("BadDigest", 400, "The Content-MD5 you specified did not match what we received.");
        }
    }

    public static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(digest("MD5", data));
    }

    public static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String crc(Checksum checksum, byte[] data) {
        checksum.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array());
    }
}
