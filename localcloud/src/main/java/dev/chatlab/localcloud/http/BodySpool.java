package dev.chatlab.localcloud.http;

import dev.chatlab.localcloud.core.FilePermissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;

/**
 * Writes a request body to a file as its bytes arrive, without holding a thread while it trickles
 * in (the same demand-driven read as a body read into memory), hashing it on the way: memory
 * stays flat whatever the body's size. A body above {@code limit} fails with {@link TooLarge}
 * as soon as it passes it; Jetty's idle timeout fails a stalled one; either way the file is gone.
 */
final class BodySpool implements Runnable {

    /** The body passed the limit while it streamed in. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("body above the limit", null, false, false);
        }
    }

    private final Content.Source source;
    private final long limit;
    private final Path file;
    private final FileChannel channel;
    private final MessageDigest sha256;
    private final Consumer<SpooledBody> done;
    private final Consumer<Throwable> failed;
    private long length;

    private BodySpool(Content.Source source, long limit, Path file, Consumer<SpooledBody> done, Consumer<Throwable> failed)
            throws IOException {
        this.source = source;
        this.limit = limit;
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
        this.done = done;
        this.failed = failed;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts spooling {@code source} into a new file in {@code directory}; one of the two callbacks runs once. */
    static void spool(Content.Source source, Path directory, long limit, Consumer<SpooledBody> done, Consumer<Throwable> failed) {
        BodySpool spool;
        try {
            Files.createDirectories(directory);
            Path file = Files.createTempFile(directory, "body-", ".part");
            FilePermissions.set(file, FilePermissions.PRIVATE_FILE);
            spool = new BodySpool(source, limit, file, done, failed);
        } catch (IOException e) {
            failed.accept(new UncheckedIOException("cannot spool a request body in " + directory, e));
            return;
        }
        spool.run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                fail(chunk.getFailure());
                return;
            }
            boolean last = chunk.isLast();
            try {
                ByteBuffer bytes = chunk.getByteBuffer();
                length += bytes.remaining();
                if (length > limit) {
                    source.fail(new TooLarge());
                    fail(new TooLarge());
                    return;
                }
                sha256.update(bytes.duplicate());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            } catch (IOException e) {
                fail(e);
                return;
            } finally {
                chunk.release();
            }
            if (last) {
                try {
                    channel.close();
                } catch (IOException e) {
                    fail(e);
                    return;
                }
                done.accept(new SpooledBody(file, length, HexFormat.of().formatHex(sha256.digest())));
                return;
            }
        }
    }

    private void fail(Throwable failure) {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover is swept with the spool directory at the next start
        }
        failed.accept(failure);
    }
}
