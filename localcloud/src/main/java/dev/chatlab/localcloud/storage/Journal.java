package dev.chatlab.localcloud.storage;

import dev.chatlab.localcloud.core.FilePermissions;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.h2.mvstore.MVMap;

/**
 * The redo journal: every change since the last snapshot of the store, appended as a {@link
 * ChangeRecord} and synced before the request that made it is answered ({@link GroupCommit}).
 * Appending a few hundred bytes costs far less than committing MVStore's pages, which a
 * commit per request would rewrite whole; the store itself is snapshotted every 100 ms.
 *
 * <p>The journal is a chain of segment files {@code journal-<generation>.log}. A snapshot
 * starts a new segment under the same lock that orders the records ({@link #rotate}) and
 * records the new generation in the store, so that every record of an older segment is in
 * the snapshot and every record of the new one came after it. After a crash, the records of
 * the segments from the snapshot's generation on are replayed over it ({@link #replay}); a
 * record cut short by the crash (its length or checksum does not match) ends its segment.
 */
final class Journal {

    private static final int MAGIC = 0x434C4A31; // "CLJ1"
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";

    /** A segment file and the channel that appends to it. */
    record Segment(long generation, Path file, FileChannel channel) {
    }

    private final Path directory;
    private final GroupCommit commits = new GroupCommit();
    /** Orders the records: their numbers, their place in {@link #pending}, the segment they go to. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Writes to and closes of segment files. */
    private final Object io = new Object();
    /** Records appended since the last flush took the other buffer; the leader of a flush writes {@link #spare}. */
    private RecordBuffer pending = new RecordBuffer();
    private RecordBuffer spare = new RecordBuffer();
    private long lastRecord;
    private Segment current;
    /** After a failed write the journal no longer knows what is on disk: every later write fails too. */
    private volatile IOException broken;

    private Journal(Path directory, Segment first) {
        this.directory = directory;
        this.current = first;
    }

    /** Starts a journal in {@code directory} with a new segment of {@code generation}. */
    static Journal start(Path directory, long generation) {
        return new Journal(directory, openSegment(directory, generation));
    }

    /**
     * Appends the record {@code content} makes. It is made under the journal's lock, so that
     * records are in the order their values were read.
     */
    void append(Consumer<ChangeRecord> content) {
        lock.lock();
        try {
            int start = pending.begin();
            ChangeRecord record = new ChangeRecord(pending.data);
            boolean complete = false;
            try {
                content.accept(record);
                complete = true;
            } finally {
                pending.end(start, complete ? record.entries() : 0);
            }
            if (record.entries() > 0) {
                commits.noteWrite(++lastRecord);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Returns once every record this thread appended is synced to disk. */
    void awaitDurable() {
        commits.awaitDurable(this::flush);
    }

    /** Writes and syncs what is pending; answers the number of the last record it covers. */
    private long flush() {
        RecordBuffer full;
        long covered;
        Segment segment;
        lock.lock();
        try {
            full = pending;
            pending = spare;
            spare = full;
            covered = lastRecord;
            segment = current;
        } finally {
            lock.unlock();
        }
        synchronized (io) {
            try {
                if (broken != null) {
                    throw new UncheckedIOException("the journal could not be written before", broken);
                }
                if (full.size() == 0 || !segment.channel().isOpen()) {
                    // nothing new, or a retired segment: a snapshot that is synced holds its records
                    return covered;
                }
                ByteBuffer bytes = full.contents();
                while (bytes.hasRemaining()) {
                    segment.channel().write(bytes);
                }
                segment.channel().force(false);
            } catch (IOException e) {
                broken = e;
                throw new UncheckedIOException("cannot write the journal " + segment.file(), e);
            } finally {
                full.clear();
            }
        }
        return covered;
    }

    /**
     * Runs {@code snapshot} (which commits the store, recording {@code generation}) under the
     * lock that orders records, and starts the segment {@code generation}; answers the previous
     * segment, to {@link #retire} once the snapshot is synced.
     */
    Segment rotate(long generation, Runnable snapshot) {
        Segment next = openSegment(directory, generation);
        lock.lock();
        try {
            snapshot.run();
            Segment previous = current;
            current = next;
            return previous;
        } finally {
            lock.unlock();
        }
    }

    /** Deletes a segment whose every record is in a snapshot on disk. */
    void retire(Segment segment) {
        synchronized (io) {
            closeQuietly(segment);
            try {
                Files.deleteIfExists(segment.file());
            } catch (IOException ignored) {
                // replay skips segments older than the snapshot: a leftover file is only space
            }
        }
    }

    /** Closes the current segment and deletes it: the store, closed cleanly, holds everything. */
    void close() {
        lock.lock();
        try {
            retire(current);
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Segment segment) {
        try {
            segment.channel().close();
        } catch (IOException ignored) {
            // closing: nothing more is written to it
        }
    }

    private static Segment openSegment(Path directory, long generation) {
        Path file = directory.resolve(PREFIX + generation + SUFFIX);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            // like the state file: no function instance of the same user may read the state by its path
            FilePermissions.set(file, FilePermissions.NONE);
            ByteBuffer header = ByteBuffer.allocate(12).putInt(MAGIC).putLong(generation).flip();
            while (header.hasRemaining()) {
                channel.write(header);
            }
            return new Segment(generation, file, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the journal " + file, e);
        }
    }

    /**
     * Replays, in order, the records of every segment of {@code fromGeneration} or later onto
     * the maps {@code maps} opens, and deletes the older segments; answers the newest generation
     * found ({@code fromGeneration - 1} when none).
     */
    static long replay(Path directory, long fromGeneration, Function<String, MVMap<?, ?>> maps) {
        long newest = fromGeneration - 1;
        for (Path file : segments(directory)) {
            long generation = generationOf(file);
            FilePermissions.set(file, FilePermissions.PRIVATE_FILE);
            if (generation < fromGeneration) {
                deleteQuietly(file);
                continue;
            }
            try (InputStream input = new BufferedInputStream(Files.newInputStream(file))) {
                replaySegment(new DataInputStream(input), Files.size(file), generation, maps);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the journal " + file, e);
            }
            newest = Math.max(newest, generation);
        }
        return newest;
    }

    /** Deletes every segment file: the store holds everything they held. */
    static void deleteAll(Path directory) {
        segments(directory).forEach(Journal::deleteQuietly);
    }

    private static void replaySegment(DataInputStream in, long size, long generation, Function<String, MVMap<?, ?>> maps)
            throws IOException {
        try {
            if (in.readInt() != MAGIC || in.readLong() != generation) {
                return;
            }
            long remaining = size - 12;
            while (true) {
                int length = in.readInt();
                int checksum = in.readInt();
                remaining -= 8;
                if (length < 0 || length > remaining) {
                    return; // cut short by the crash
                }
                remaining -= length;
                byte[] payload = in.readNBytes(length);
                CRC32 crc = new CRC32();
                crc.update(payload);
                if (payload.length != length || (int) crc.getValue() != checksum) {
                    return; // cut short by the crash: never acknowledged
                }
                ChangeRecord.replay(payload, maps);
            }
        } catch (EOFException end) {
            // the end of the segment, possibly in the middle of a record that was never acknowledged
        }
    }

    private static List<Path> segments(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches(PREFIX + "\\d+" + SUFFIX.replace(".", "\\.")))
                    .sorted(Comparator.comparingLong(Journal::generationOf))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the state directory " + directory, e);
        }
    }

    private static long generationOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an old segment left behind is skipped at the next start
        }
    }
}
