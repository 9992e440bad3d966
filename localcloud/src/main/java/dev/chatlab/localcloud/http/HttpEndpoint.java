package dev.chatlab.localcloud.http;

import java.nio.file.Path;

import dev.chatlab.localcloud.core.AwsException;
import java.util.Optional;

/**
 * What the HTTP layer asks of whoever answers a request, before it reads the body: how large a
 * body it takes, what it answers to a larger one, and whether it takes WebSocket upgrades.
 * Every service handler is one (protocol.ServiceHandler extends it).
 */
public interface HttpEndpoint {

    /** DynamoDB's limit on a request: 16 MB. */
    long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    /** The largest request body this endpoint takes. */
    long maxRequestBytes();

    /** What this endpoint answers to a body above {@link #maxRequestBytes()}, before reading it. */
    AwsException requestTooLarge();

    /**
     * Where a body of the request {@code head} is written as it arrives, for a body that may be
     * larger than memory (an S3 object); empty (the default): the body is read into memory.
     */
    default Optional<Path> spoolDirectory(AwsRequest head) {
        return Optional.empty();
    }

    /** The largest body this endpoint takes into a file ({@link #spoolDirectory}). */
    default long maxSpooledBytes() {
        return maxRequestBytes();
    }

    /** The WebSocket side of this endpoint, for one that takes upgrades (API Gateway's WebSocket APIs); empty otherwise. */
    default Optional<WebSocketEndpoint> webSockets() {
        return Optional.empty();
    }
}
