package dev.chatlab.localcloud.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body as its chunks arrive, without holding a thread while it trickles in, and
 * releases each chunk as soon as its bytes are taken: Jetty's network buffers go back to its pool
 * at once, so a large body never holds thousands of them (Jetty's own read into memory keeps
 * the chunks it aggregates until the body is complete, and its pool then keeps every buffer it
 * was given back, up to an eighth of the heap). A body above {@code limit} fails with
 * {@link TooLarge} as soon as it passes it; Jetty's idle timeout fails a stalled one.
 */
abstract class BodyReader implements Runnable {

    /** The body passed the limit while it streamed in. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("body above the limit", null, false, false);
        }
    }

    private final Content.Source source;
    private final long limit;
    private long length;

    BodyReader(Content.Source source, long limit) {
        this.source = source;
        this.limit = limit;
    }

    /** Takes the bytes of one chunk; {@code bytes} is valid only during the call. */
    abstract void take(ByteBuffer bytes) throws IOException;

    /** The whole body has been taken. */
    abstract void end() throws IOException;

    /** The read failed (the body was too large, it stalled, the connection broke, or {@link #take} failed). */
    abstract void failed(Throwable failure);

    /** The bytes taken so far. */
    final long length() {
        return length;
    }

    /** The most bytes the body may have. */
    final long limit() {
        return limit;
    }

    @Override
    public final void run() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                failed(chunk.getFailure());
                return;
            }
            boolean last = chunk.isLast();
            try {
                ByteBuffer bytes = chunk.getByteBuffer();
                length += bytes.remaining();
                if (length > limit) {
                    TooLarge tooLarge = new TooLarge();
                    source.fail(tooLarge);
                    failed(tooLarge);
                    return;
                }
                take(bytes);
                if (last) {
                    end();
                    return;
                }
            } catch (IOException e) {
                failed(e);
                return;
            } finally {
                chunk.release();
            }
        }
    }
}
