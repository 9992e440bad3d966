package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} request body: what the SDK for Java v2 (2.30+) and the CLI
 * send for PutObject and UploadPart. Each chunk is {@code <hex size>[;chunk-signature=...]\r\n<bytes>\r\n};
 * a zero-size chunk ends the data and may be followed by trailing headers such as
 * {@code x-amz-checksum-crc32:...}. Chunk signatures are not verified: localcloud accepts any
 * credentials, so it does not check signatures at all.
 *
 * @param data     the object's bytes
 * @param trailers trailing headers by lower-case name
 */
public record AwsChunkedBody(byte[] data, Map<String, String> trailers) {

    public static AwsChunkedBody decode(byte[] body) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(body.length);
        int position = 0;
        while (true) {
            int lineEnd = indexOfCrlf(body, position);
            if (lineEnd < 0) {
                throw incomplete();
            }
            String header = new String(body, position, lineEnd - position, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw incomplete();
            }
            position = lineEnd + 2;
            if (size == 0) {
                break;
            }
            if (size < 0 || position + size > body.length) {
                throw incomplete();
            }
            data.write(body, position, size);
            position += size;
            if (position + 2 > body.length || body[position] != '\r' || body[position + 1] != '\n') {
                throw incomplete();
            }
            position += 2;
        }
        Map<String, String> trailers = new LinkedHashMap<>();
        while (position < body.length) {
            int lineEnd = indexOfCrlf(body, position);
            String line = new String(body, position, (lineEnd < 0 ? body.length : lineEnd) - position, StandardCharsets.US_ASCII);
            position = lineEnd < 0 ? body.length : lineEnd + 2;
            int colon = line.indexOf(':');
            if (colon > 0) {
                trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return new AwsChunkedBody(data.toByteArray(), trailers);
    }

    private static int indexOfCrlf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static AwsException incomplete() {
        return new AwsException("IncompleteBody", 400, "The request body terminated unexpectedly");
    }
}
