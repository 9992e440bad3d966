package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.FilePermissions;
import dev.chatlab.localcloud.core.FileSync;
import dev.chatlab.localcloud.services.s3.model.StoredObject;
import dev.chatlab.localcloud.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Object bodies as files of the state directory ({@code s3/objects/<id>}), so that an object of
 * gigabytes never passes through memory: a PutObject's body streams into {@code s3/incoming/}
 * (the HTTP layer's spool), is synced and moved here under a new name before the object's
 * metadata records that name, and a GetObject streams from the file. A body is never
 * overwritten in place: a replaced or deleted object's file is deleted once the change that
 * dropped it is durable, so that a crash at any moment leaves every recorded name a file.
 * A CopyObject's body is copied to a file beside the spools and kept the same way; so is each
 * part of a multipart upload, and the object its completion assembles from them
 * ({@link MultipartUploads}). Every body of a cloud in memory stays in the store.
 */
final class ObjectBodies {

    private final Path objects;
    private final Path incoming;

    private ObjectBodies(Path objects, Path incoming) {
        this.objects = objects;
        this.incoming = incoming;
    }

    /** The bodies' directories in the state directory, the spools a crash left deleted; empty in memory. */
    static Optional<ObjectBodies> in(Storage storage) {
        return storage.filesDirectory("s3-objects").map(objects -> {
            Path incoming = storage.filesDirectory("s3-incoming").orElseThrow();
            try (Stream<Path> leftovers = Files.list(incoming)) {
                leftovers.forEach(ObjectBodies::deleteQuietly);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + incoming, e);
            }
            return new ObjectBodies(objects, incoming);
        });
    }

    /**
     * Deletes every body file nothing records, no object and no upload's part (a kill after a body
     * was moved here and before the change naming it was durable leaves one: that PutObject or
     * UploadPart was never answered).
     * Called once at start, when {@code recorded} holds every name the store knows.
     */
    void sweepUnrecorded(Set<String> recorded) {
        try (Stream<Path> files = Files.list(objects)) {
            files.filter(file -> !recorded.contains(file.getFileName().toString())).forEach(ObjectBodies::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + objects, e);
        }
    }

    /** Where the HTTP layer writes a PutObject's body as it arrives. */
    Path incoming() {
        return incoming;
    }

    /** A new file beside the spooled bodies, for a body decoded from one (aws-chunked framing taken off). */
    Path newIncomingFile() {
        try {
            Path file = Files.createTempFile(incoming, "object-", ".part");
            FilePermissions.set(file, FilePermissions.PRIVATE_FILE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in " + incoming, e);
        }
    }

    /**
     * A new file beside the spooled bodies holding {@code range} of {@code source}'s body (a
     * CopyObject's: all of it; an UploadPartCopy's: its x-amz-copy-source-range), read from its
     * file or from the store.
     */
    Path copyToIncoming(StoredObject source, ByteRange range) {
        Path copy = newIncomingFile();
        try {
            if (source.file() != null) {
                try (FileChannel from = FileChannel.open(source.file()); FileChannel to = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    long copied = 0;
                    while (copied < range.length()) {
                        long n = from.transferTo(range.first() + copied, range.length() - copied, to);
                        if (n <= 0) {
                            throw new IOException("the body " + source.file() + " ended before byte " + (range.last() + 1));
                        }
                        copied += n;
                    }
                }
            } else {
                Files.write(copy, Arrays.copyOfRange(source.body(), Math.toIntExact(range.first()), Math.toIntExact(range.last() + 1)));
            }
            return copy;
        } catch (IOException e) {
            deleteQuietly(copy);
            throw new UncheckedIOException("cannot copy an object body into " + incoming, e);
        }
    }

    /** Syncs {@code body} and moves it here under a new name, durable before it is answered; answers the name. */
    String keep(Path body) {
        String name = UUID.randomUUID().toString();
        try {
            try (FileChannel channel = FileChannel.open(body, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(body, objects.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            FileSync.syncDirectory(objects);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep an object body in " + objects, e);
        }
        return name;
    }

    /** The file of the body called {@code name}. */
    Path file(String name) {
        return objects.resolve(name);
    }

    /** Deletes the body {@code name} (null: none) no longer recorded; the caller made that durable first. */
    void discard(String name) {
        if (name != null) {
            deleteQuietly(objects.resolve(name));
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an unrecorded file is only space
        }
    }
}
