package dev.chatlab.localcloud.http;

import java.nio.file.Path;

/**
 * A request body written to a file while it arrived, instead of held in memory (an S3 PutObject
 * of up to 5 GB): the bytes exactly as sent, aws-chunked framing included.
 *
 * @param file      the file holding the body; whoever takes the request moves or deletes it
 * @param length    its length in bytes
 * @param sha256Hex the SHA-256 of the body, lower-case hex, computed as it streamed in (what
 *                  x-amz-content-sha256 is compared with)
 */
public record SpooledBody(Path file, long length, String sha256Hex) {
}
