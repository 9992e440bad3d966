package dev.chatlab.localcloud.storage;

import dev.chatlab.localcloud.core.FilePermissions;
import dev.chatlab.localcloud.core.FileSync;
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
import java.nio.file.StandardCopyOption;
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
 * commit per request would rewrite whole; the store itself is snapshotted every second.
 *
 * <p>A flush writes the records that wait as one batch: its length, a CRC-32 of the segment's
 * generation and the batch, then the records (each its length, its number of entries, its
 * entries). A batch is synced whole before any of its writers is answered, so a batch cut short
 * by a crash (its length or checksum does not match) held nothing acknowledged and ends its
 * segment on replay.
 *
 * <p>Segments are preallocated and recycled: a segment's file already has its blocks, so the
 * sync after a batch ({@code fdatasync}) writes the batch's blocks alone, not also the file's new
 * size. The snapshot thread prepares the next segment from the one it retired last (or from a
 * file of zeros), renamed and synced before it is used; what an earlier generation left in it
 * fails the checksum, which the generation seeds, and ends the segment as the zeros do.
 *
 * <p>The journal is a chain of segment files {@code journal-<generation>.log}. A snapshot
 * starts a new segment under the same lock that orders the records ({@link #rotate}) and
 * records the new generation in the store, so that every record of an older segment is in
 * the snapshot and every record of the new one came after it. After a crash, the records of
 * the segments from the snapshot's generation on are replayed over it ({@link #replay}); a
 * record cut short by the crash (its length or checksum does not match) ends its segment.
 */
final class Journal {

    private static final int MAGIC = 0x434C4A32; // "CLJ2"
    private static final int HEADER = 12;
    private static final int BATCH_HEADER = 8;
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";
    private static final String SPARE = "journal-spare.log";
    /** The length of a new segment's file: a second of writes at full speed, about 2 MB, fits. */
    static final int PREALLOCATED = 8 * 1024 * 1024;

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
    private RecordBuffer flushing = new RecordBuffer();
    private long lastRecord;
    private Segment current;
    /** A retired segment kept open for reuse; touched by the snapshot thread only (and {@link #close}). */
    private Segment spare;
    private final ByteBuffer batchHeader = ByteBuffer.allocate(BATCH_HEADER);
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

    /** Runs {@code then} once every record this thread appended is synced to disk, {@code failed} if that fails. */
    void whenDurable(Runnable then, Consumer<RuntimeException> failed) {
        commits.whenDurable(this::flush, then, failed);
    }

    /** Writes and syncs what is pending; answers the number of the last record it covers. */
    private long flush() {
        RecordBuffer full;
        long covered;
        Segment segment;
        lock.lock();
        try {
            full = pending;
            pending = flushing;
            flushing = full;
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
                CRC32 crc = new CRC32();
                crc.update(generationBytes(segment.generation()));
                crc.update(bytes.duplicate());
                batchHeader.clear().putInt(bytes.remaining()).putInt((int) crc.getValue()).flip();
                ByteBuffer[] batch = {batchHeader, bytes};
                while (bytes.hasRemaining()) {
                    segment.channel().write(batch);
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
     * Starts the segment {@code generation} (records appended from now on go to it), then runs
     * {@code snapshot}, which commits the store recording {@code generation}; answers the
     * previous segment, to {@link #retire} once the snapshot is synced. The snapshot holds every
     * record of the previous segment (their changes were made before the switch); the records
     * of the new one that it holds too are replayed over it to the same values. Appending waits
     * for the switch only, not for the snapshot.
     */
    Segment rotate(long generation, Runnable snapshot) {
        Segment next = prepareSegment(generation);
        Segment previous;
        lock.lock();
        try {
            previous = current;
            current = next;
        } finally {
            lock.unlock();
        }
        snapshot.run();
        return previous;
    }

    /**
     * Stops writing to a segment whose every record is in a snapshot on disk, and keeps its file
     * (its blocks) for a later segment, or deletes it when one is kept already.
     */
    void retire(Segment segment) {
        synchronized (io) {
            if (spare == null && segment.channel().isOpen() && sizeOf(segment) >= PREALLOCATED) {
                try {
                    // from here on the file no longer counts as a segment: replay never reads it
                    Files.move(segment.file(), directory.resolve(SPARE), StandardCopyOption.REPLACE_EXISTING);
                    spare = new Segment(-1, directory.resolve(SPARE), segment.channel());
                    return;
                } catch (IOException e) {
                    // deleted below instead
                }
            }
            closeQuietly(segment);
            deleteQuietly(segment.file());
        }
    }

    /** Closes the current segment and deletes it: the store, closed cleanly, holds everything. */
    void close() {
        lock.lock();
        try {
            synchronized (io) {
                for (Segment segment : new Segment[] {current, spare}) {
                    if (segment != null) {
                        closeQuietly(segment);
                        deleteQuietly(segment.file());
                    }
                }
                spare = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The segment {@code generation}, ready on disk before its first record: the kept file renamed
     * (or a new file of zeros), its header written, file and directory synced. A preparation that
     * fails falls back to a new file that grows.
     */
    private Segment prepareSegment(long generation) {
        Path file = directory.resolve(PREFIX + generation + SUFFIX);
        Segment reused;
        synchronized (io) {
            reused = spare;
            spare = null;
        }
        try {
            FileChannel channel;
            if (reused != null) {
                Files.move(reused.file(), file, StandardCopyOption.REPLACE_EXISTING);
                channel = reused.channel();
            } else {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                FilePermissions.set(file, FilePermissions.NONE);
                ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
                for (long written = 0; written < PREALLOCATED; written += zeros.capacity()) {
                    writeFully(channel, zeros.clear(), written);
                }
            }
            writeFully(channel, header(generation), 0);
            channel.position(HEADER);
            channel.force(true);
            FileSync.syncDirectory(directory);
            return new Segment(generation, file, channel);
        } catch (IOException e) {
            if (reused != null) {
                closeQuietly(reused);
                deleteQuietly(reused.file());
            }
            return openSegment(directory, generation);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    private static ByteBuffer header(long generation) {
        return ByteBuffer.allocate(HEADER).putInt(MAGIC).putLong(generation).flip();
    }

    private static byte[] generationBytes(long generation) {
        return ByteBuffer.allocate(8).putLong(generation).array();
    }

    private static long sizeOf(Segment segment) {
        try {
            return segment.channel().size();
        } catch (IOException e) {
            return 0;
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
            ByteBuffer header = header(generation);
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
        deleteQuietly(directory.resolve(SPARE));
    }

    private static void replaySegment(DataInputStream in, long size, long generation, Function<String, MVMap<?, ?>> maps)
            throws IOException {
        try {
            if (in.readInt() != MAGIC || in.readLong() != generation) {
                return;
            }
            byte[] seed = generationBytes(generation);
            long remaining = size - HEADER;
            while (remaining >= BATCH_HEADER) {
                int length = in.readInt();
                int checksum = in.readInt();
                remaining -= BATCH_HEADER;
                if (length <= 0 || length > remaining) {
                    return; // zeros of a preallocated segment, or a batch cut short by the crash
                }
                remaining -= length;
                byte[] batch = in.readNBytes(length);
                CRC32 crc = new CRC32();
                crc.update(seed);
                crc.update(batch);
                if (batch.length != length || (int) crc.getValue() != checksum) {
                    return; // cut short by the crash (never acknowledged), or an earlier generation's batch
                }
                ChangeRecord.replayBatch(batch, maps);
            }
        } catch (EOFException end) {
            // the end of the segment, possibly in the middle of a batch that was never acknowledged
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
