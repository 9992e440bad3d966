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
 * Writes a request body to a file as its bytes arrive (see {@link BodyReader}), hashing it on
 * the way: memory stays flat whatever the body's size. A body above {@code limit} fails with
 * {@link BodyReader.TooLarge} as soon as it passes it; Jetty's idle timeout fails a stalled one;
 * either way the file is gone.
 */
final class BodySpool extends BodyReader {

    private final Path file;
    private final FileChannel channel;
    private final MessageDigest sha256;
    private final Consumer<SpooledBody> done;
    private final Consumer<Throwable> failure;

    private BodySpool(Content.Source source, long limit, Path file, Consumer<SpooledBody> done, Consumer<Throwable> failure)
            throws IOException {
        super(source, limit);
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
        this.done = done;
        this.failure = failure;
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
    void take(ByteBuffer bytes) throws IOException {
        sha256.update(bytes.duplicate());
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    @Override
    void end() throws IOException {
        channel.close();
        done.accept(new SpooledBody(file, length(), HexFormat.of().formatHex(sha256.digest())));
    }

    @Override
    void failed(Throwable cause) {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover is swept with the spool directory at the next start
        }
        failure.accept(cause);
    }
}
