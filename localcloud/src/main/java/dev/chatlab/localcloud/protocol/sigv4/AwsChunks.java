package dev.chatlab.localcloud.protocol.sigv4;

import java.nio.charset.StandardCharsets;

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
            int semicolon = header.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                return -1;
            }
            int data = lineEnd + 2;
            if (size == 0) {
                visitor.chunk(header, data, 0);
                return data;
            }
            if (size < 0 || data + size + 2 > body.length || body[data + size] != '\r' || body[data + size + 1] != '\n') {
                return -1;
            }
            visitor.chunk(header, data, size);
            position = data + size + 2;
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
