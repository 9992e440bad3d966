package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.protocol.sigv4.AwsChunks;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} request body: what the SDK for Java v2 (2.30+) and the CLI
 * send for PutObject and UploadPart. Each chunk is {@code <hex size>[;chunk-signature=...]\r\n<bytes>\r\n};
 * a zero-size chunk ends the data and may be followed by trailing headers such as
 * {@code x-amz-checksum-crc32:...}. The chunk signatures were verified before S3 saw the request
 * (protocol/sigv4's ChunkSignatures).
 *
 * @param data     the object's bytes
 * @param trailers trailing headers by lower-case name
 */
public record AwsChunkedBody(byte[] data, Map<String, String> trailers) {

    public static AwsChunkedBody decode(byte[] body) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(body.length);
        int position = AwsChunks.walk(body, (header, offset, size) -> data.write(body, offset, size));
        if (position < 0) {
            throw incomplete();
        }
        return new AwsChunkedBody(data.toByteArray(), trailers(new String(body, position, body.length - position, StandardCharsets.US_ASCII)));
    }

    /** The trailing headers after the last chunk, by lower-case name. */
    static Map<String, String> trailers(String text) {
        Map<String, String> trailers = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return trailers;
    }

    static AwsException incomplete() {
        return new AwsException("IncompleteBody", 400, "The request body terminated unexpectedly");
    }
}
