package dev.chatlab.localcloud.protocol.sigv4;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The frames of an {@code aws-chunked} body: {@code <hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n},
 * ended by a zero-size chunk, then trailing headers. Read once here for both who need them: the
 * signature check (each chunk's signature) and S3 (the object's bytes and trailers).
 */
public final class AwsChunks {

    private AwsChunks() {
    }

    /** Called for each chunk, the final zero-size one included. */
    @FunctionalInterface
    public interface ChunkVisitor {
        /** @param header the chunk's line without CRLF ({@code 400;chunk-signature=...}) */
        void chunk(String header, int offset, int size);
    }

    /**
     * Walks the chunks of {@code body} in order.
     *
     * @return where the trailing headers start (after the zero-size chunk's line), or -1 when the
     *         body is not well-formed aws-chunked (a size that is not hex, a chunk cut short)
     */
    public static int walk(byte[] body, ChunkVisitor visitor) {
        int position = 0;
        while (true) {
            int lineEnd = indexOfCrlf(body, position);
            if (lineEnd < 0) {
                return -1;
            }
            String header = new String(body, position, lineEnd - position, StandardCharsets.US_ASCII);
            long declared = chunkSize(header);
            if (declared < 0 || declared > Integer.MAX_VALUE) {
                return -1;
            }
            int size = (int) declared;
            int data = lineEnd + 2;
            if (size == 0) {
                visitor.chunk(header, data, 0);
                return data;
            }
            if (data + size + 2 > body.length || body[data + size] != '\r' || body[data + size + 1] != '\n') {
                return -1;
            }
            visitor.chunk(header, data, size);
            position = data + size + 2;
        }
    }

    /** Called for each chunk of a body read as a stream, the final zero-size one included. */
    @FunctionalInterface
    public interface StreamVisitor {
        /** @param data the chunk's {@code size} bytes; what the visitor leaves unread is skipped */
        void chunk(String header, long size, InputStream data) throws IOException;
    }

    /** The longest chunk line and the most trailing-header text read from a stream. */
    private static final int MAX_LINE = 4096;
    private static final int MAX_TRAILER = 64 * 1024;

    /**
     * Walks the chunks of the aws-chunked body in {@code file} in order, reading it once as a
     * stream (a body of gigabytes in a few kilobytes of memory).
     *
     * @return the trailing headers' text (after the zero-size chunk's line), or null when the body
     *         is not well-formed aws-chunked
     */
    public static String walk(Path file, StreamVisitor visitor) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            while (true) {
                String header = readLine(in);
                if (header == null) {
                    return null;
                }
                long size = chunkSize(header);
                if (size < 0) {
                    return null;
                }
                if (size == 0) {
                    visitor.chunk(header, 0, InputStream.nullInputStream());
                    return new String(in.readNBytes(MAX_TRAILER), StandardCharsets.US_ASCII);
                }
                Bounded data = new Bounded(in, size);
                visitor.chunk(header, size, data);
                data.skipRest();
                if (data.remaining > 0 || in.read() != '\r' || in.read() != '\n') {
                    return null;
                }
            }
        }
    }

    /** The hex size that starts a chunk's line ({@code 400;chunk-signature=...}); -1 when it is not one. */
    private static long chunkSize(String header) {
        int semicolon = header.indexOf(';');
        try {
            return Long.parseLong((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A line ended by CRLF, without it; null at the end of the stream or for a line too long. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int previous = -1;
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (previous == '\r' && c == '\n') {
                line.setLength(line.length() - 1);
                return line.toString();
            }
            if (line.length() > MAX_LINE) {
                return null;
            }
            line.append((char) c);
            previous = c;
        }
        return null;
    }

    /** The next {@code remaining} bytes of a stream. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long remaining;

        Bounded(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                remaining--;
            }
            return c;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        void skipRest() throws IOException {
            byte[] buffer = new byte[8192];
            while (remaining > 0 && read(buffer, 0, buffer.length) > 0) {
                // skipped
            }
        }
    }

    /** Where the next CRLF starts at or after {@code from}; -1 when there is none. */
    public static int indexOfCrlf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
