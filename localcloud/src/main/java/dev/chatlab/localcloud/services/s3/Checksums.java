package dev.chatlab.localcloud.services.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        verifyComputed(algorithm, sent, compute(algorithm, data));
    }

    public static void verifyContentMd5(String contentMd5, byte[] data) {
        verifyContentMd5Digest(contentMd5, digest("MD5", data));
    }

    /** Fails as S3 does when Content-MD5 is malformed or not {@code md5}, the data's MD5. */
    public static void verifyContentMd5Digest(String contentMd5, byte[] md5) {
        byte[] sent;
        try {
            sent = Base64.getDecoder().decode(contentMd5.trim());
        } catch (IllegalArgumentException e) {
            sent = new byte[0];
        }
        if (sent.length != 16) {
            throw new AwsException("InvalidDigest", 400, "The Content-MD5 you specified was invalid.");
        }
        if (!MessageDigest.isEqual(sent, md5)) {
            throw new AwsException("BadDigest", 400, "The Content-MD5 you specified did not match what we received.");
        }
    }

    /** A file's MD5 and, for an algorithm the JDK computes, its checksum (base64); null for none. */
    public record FileSums(byte[] md5, String checksum) {
        public String md5Hex() {
            return HexFormat.of().formatHex(md5);
        }
    }

    /** The MD5 of {@code file} and its checksum by {@code algorithm} (null: none), read once as a stream. */
    public static FileSums sumsOf(Path file, String algorithm) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            Checksum crc = "CRC32".equals(algorithm) ? new CRC32() : "CRC32C".equals(algorithm) ? new CRC32C() : null;
            MessageDigest digest = "SHA1".equals(algorithm) ? MessageDigest.getInstance("SHA-1")
                    : "SHA256".equals(algorithm) ? MessageDigest.getInstance("SHA-256") : null;
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                md5.update(buffer, 0, read);
                if (crc != null) {
                    crc.update(buffer, 0, read);
                }
                if (digest != null) {
                    digest.update(buffer, 0, read);
                }
            }
            String checksum = crc != null ? Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array())
                    : digest != null ? Base64.getEncoder().encodeToString(digest.digest()) : null;
            return new FileSums(md5.digest(), checksum);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails as S3 does when the sent checksum is not {@code actual} (null: one the JDK cannot compute, not checked). */
    public static void verifyComputed(String algorithm, String sent, String actual) {
        if (actual != null && !actual.equals(sent)) {
            throw new AwsException("BadDigest", 400, "The " + algorithm + " you specified did not match the calculated checksum.");
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
