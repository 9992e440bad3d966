package dev.chatlab.localcloud.services.s3;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Bytes of a simple sequence, made as they are read (never whole in memory), hashed as they go. */
final class GeneratedBody extends InputStream {
    private final long end;
    private final MessageDigest md5;
    private long position;

    GeneratedBody(long size) throws NoSuchAlgorithmException {
        this(0, size);
    }

    /** The bytes from {@code start} to {@code end} (exclusive) of the sequence: one part of a larger body. */
    GeneratedBody(long start, long end) throws NoSuchAlgorithmException {
        this.end = end;
        this.position = start;
        this.md5 = MessageDigest.getInstance("MD5");
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= end) {
            return -1;
        }
        int n = (int) Math.min(length, end - position);
        for (int i = 0; i < n; i++) {
            long at = position + i;
            buffer[offset + i] = (byte) (at * 31 + (at >>> 13));
        }
        md5.update(buffer, offset, n);
        position += n;
        return n;
    }

    /** The MD5 of what was read; once, at the end. */
    String md5Hex() {
        return HexFormat.of().formatHex(md5.digest());
    }

    /** How many bytes a stream held and their MD5 in hex. */
    record Read(long size, String md5Hex) {
    }

    /** Reads {@code in} to its end (a download: never whole in memory), counting and hashing. */
    static Read readAll(InputStream in) throws IOException, NoSuchAlgorithmException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        long read = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            md5.update(buffer, 0, n);
            read += n;
        }
        return new Read(read, HexFormat.of().formatHex(md5.digest()));
    }
}
