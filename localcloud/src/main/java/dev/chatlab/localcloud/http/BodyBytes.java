package dev.chatlab.localcloud.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body into one array (sized from Content-Length when the request has one),
 * copying each chunk and handing Jetty's buffer back at once (see {@link BodyReader}).
 */
final class BodyBytes extends BodyReader {

    /** The first array of a body without a Content-Length (chunked); it doubles as needed. */
    private static final int FIRST_CAPACITY = 8 * 1024;

    private final Consumer<byte[]> done;
    private final Consumer<Throwable> failure;
    private byte[] bytes;

    private BodyBytes(Content.Source source, long declaredLength, long limit, Consumer<byte[]> done, Consumer<Throwable> failure) {
        super(source, limit);
        this.done = done;
        this.failure = failure;
        this.bytes = new byte[(int) Math.min(Math.max(0, declaredLength), limit)]; // none for a GET
    }

    /**
     * Reads {@code source} (of {@code declaredLength} bytes, -1 when not declared, at most
     * {@code limit}); one of the two callbacks runs once.
     */
    static void read(Content.Source source, long declaredLength, long limit, Consumer<byte[]> done, Consumer<Throwable> failure) {
        new BodyBytes(source, declaredLength, limit, done, failure).run();
    }

    @Override
    void take(ByteBuffer chunk) {
        int start = (int) (length() - chunk.remaining());
        if (length() > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.max(length(), Math.min(limit(), Math.max(FIRST_CAPACITY, 2L * bytes.length))));
        }
        chunk.get(bytes, start, chunk.remaining());
    }

    @Override
    void end() {
        done.accept(length() == bytes.length ? bytes : Arrays.copyOf(bytes, (int) length()));
    }

    @Override
    void failed(Throwable cause) {
        failure.accept(cause);
    }
}
