package dev.chatlab.localcloud.storage;

import dev.chatlab.localcloud.core.FilePermissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The one place every service keeps its state: named maps in an H2 MVStore file under
 * {@code .lab/localcloud/}, so that a restart finds everything where it was.
 *
 * <p>An acknowledged write is durable, as on AWS: every change is appended to a {@link
 * Journal}, and the request router calls {@link #awaitDurable()} before it answers, which
 * returns once the request's changes are synced to disk. Writers that wait at the same time
 * share one sync ({@link GroupCommit}). The store itself is snapshotted every {@value
 * #SNAPSHOT_INTERVAL_MS} ms and on {@link #close()}; at the next start after a crash, the
 * journal's records since the last snapshot are replayed over it.
 *
 * <p>A change that spans several maps or entries (a DynamoDB transaction, an S3 object with
 * its metadata) runs inside {@link #atomically}: it is journaled as one record, and a snapshot
 * waits for it to finish, so a kill at any moment leaves either all of it or none of it
 * (MVStore's own commits, when unsaved pages pile up, are turned off for the same reason).
 * {@code atomically} is about crash atomicity only; a service still serialises its own
 * check-then-write sequences (a conditional put) with its own locks.
 *
 * <p>Keys are Strings; values Strings or byte arrays (what the journal keeps); a service
 * stores its model as JSON through {@link dev.chatlab.localcloud.core.Json}.
 */
public final class Storage implements AutoCloseable, MapChanges {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Storage.class);

    /**
     * A snapshot commits the pages every change since the last one touched and syncs the state
     * file, a sync that competes with the journal's for the disk: once a second keeps it rare,
     * and the journal it leaves to replay small (a second of writes).
     */
    static final long SNAPSHOT_INTERVAL_MS = 1000;

    static final String FILE_NAME = "state.mv.db";

    /** The store's own map (not journaled): the journal generation its last snapshot starts. */
    private static final String META_MAP = "storage.meta";
    private static final String GENERATION = "journalGeneration";

    private final MVStore store;
    /** The state directory; null in memory. */
    private final Path directory;
    private final ReadWriteLock snapshotGate = new ReentrantReadWriteLock();
    private final ThreadLocal<AtomicChange> atomicChange = new ThreadLocal<>();
    private final MVMap<String, Long> meta;
    /** Null in memory, and while the journal of the last run is replayed. */
    private volatile Journal journal;
    private final ScheduledExecutorService snapshotter;

    private Storage(MVStore store, Path directory) {
        this.store = store;
        this.directory = directory;
        this.meta = store.openMap(META_MAP, new WriteRecordingMap.Builder<>(MapChanges.NONE));
        if (directory == null) {
            snapshotter = null;
            return;
        }
        long snapshotGeneration = meta.getOrDefault(GENERATION, 0L);
        long newest = Journal.replay(directory, snapshotGeneration, this::openMap);
        long generation = Math.max(snapshotGeneration, newest) + 1;
        meta.put(GENERATION, generation);
        store.commit();
        store.sync();
        Journal.deleteAll(directory);
        journal = Journal.start(directory, generation);
        snapshotter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "storage-snapshot");
            thread.setDaemon(true);
            return thread;
        });
        snapshotter.scheduleWithFixedDelay(this::snapshot, SNAPSHOT_INTERVAL_MS, SNAPSHOT_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens (or creates) the state file {@code state.mv.db} in {@code directory} and replays its
     * journal. While it is open the files have no permissions at all (localcloud keeps writing
     * through the descriptors it opened), so a function instance, a process of the same user,
     * cannot read them by their path; the state file gets 0600 back when the store closes, or at
     * the next start after a crash.
     */
    public static Storage open(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the state directory " + directory, e);
        }
        Path file = directory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            FilePermissions.set(file, FilePermissions.PRIVATE_FILE);
        }
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .autoCommitBufferSize(0)
                .open();
        FilePermissions.set(file, FilePermissions.NONE);
        return new Storage(store, directory);
    }

    /** State that lives only as long as the process: for tests and throw-away clouds. */
    public static Storage inMemory() {
        return new Storage(new MVStore.Builder().autoCommitDisabled().open(), null);
    }

    /** The map called {@code name}; by convention "{@code <service>.<what>}", e.g. "s3.buckets". */
    public <K, V> StoredMap<K, V> map(String name) {
        return openMap(name);
    }

    private <K, V> WriteRecordingMap<K, V> openMap(String name) {
        MVMap<K, V> map = store.openMap(name, new WriteRecordingMap.Builder<K, V>(this));
        return (WriteRecordingMap<K, V>) map;
    }

    /**
     * The documents of one type kept under {@code name} (by convention "{@code <service>.<what>}"), as
     * JSON, read through a parse-once cache (see {@link Documents}). One instance per name: two
     * would each keep a cache, correct but twice the work.
     */
    public <T> Documents<T> documents(String name, Class<T> type) {
        return Documents.json(map(name), type);
    }

    /** The same, for a type that its own functions read from and write to text (a generic list, say). */
    public <T> Documents<T> documents(String name, Function<String, T> parse, Function<T, String> write) {
        return new Documents<>(map(name), parse, write);
    }

    /**
     * A directory of the state directory for what a service keeps in files of its own (S3's object
     * bodies, too large for the store), created if missing; empty when the state is in memory.
     * The service makes its files durable itself, before it records them in a map.
     */
    public Optional<Path> filesDirectory(String name) {
        if (directory == null) {
            return Optional.empty();
        }
        Path files = directory.resolve(name);
        try {
            Files.createDirectories(files);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the state directory " + files, e);
        }
        FilePermissions.set(files, FilePermissions.PRIVATE);
        return Optional.of(files);
    }

    /** Runs {@code change} so that no snapshot and no crash can see only part of it. */
    public <T> T atomically(Supplier<T> change) {
        snapshotGate.readLock().lock();
        AtomicChange outer = atomicChange.get();
        AtomicChange mine = outer != null ? outer : new AtomicChange();
        atomicChange.set(mine);
        try {
            return change.get();
        } finally {
            if (outer == null) {
                atomicChange.remove();
                journal(mine::record);
            }
            snapshotGate.readLock().unlock();
        }
    }

    public void atomically(Runnable change) {
        atomically(() -> {
            change.run();
            return null;
        });
    }

    @Override
    public void changed(MVMap<?, ?> map, Object key) {
        AtomicChange pending = atomicChange.get();
        if (pending != null) {
            pending.changed(map, key);
        } else {
            journal(record -> record.entry(map, key));
        }
    }

    @Override
    public void cleared(MVMap<?, ?> map) {
        AtomicChange pending = atomicChange.get();
        if (pending != null) {
            pending.cleared(map);
        } else {
            journal(record -> record.cleared(map));
        }
    }

    /** Journals the record {@code content} makes (under the journal's lock: it reads the values then). */
    private void journal(Consumer<ChangeRecord> content) {
        Journal current = journal;
        if (current != null) {
            current.append(content);
        }
    }

    /**
     * Returns once everything this thread has changed is synced to disk (at once when it changed
     * nothing since, or the state is in memory). The request router calls it before it answers
     * a request; an exception means the change may be lost and the request must not be
     * acknowledged.
     */
    public void awaitDurable() {
        Journal current = journal;
        if (current != null) {
            current.awaitDurable();
        }
    }

    /**
     * Runs {@code then} once everything this thread has changed is synced to disk: at once, on
     * this thread, when it changed nothing since (or the state is in memory), otherwise on
     * whichever thread syncs it. {@code failed} runs instead when the sync fails: the change may
     * be lost and must not be acknowledged. Nothing blocks meanwhile: the request router answers
     * through it, so that a request waiting for the disk holds no thread.
     */
    public void whenDurable(Runnable then, Consumer<RuntimeException> failed) {
        Journal current = journal;
        if (current != null) {
            current.whenDurable(then, failed);
        } else {
            then.run();
        }
    }

    /**
     * Commits the store as a snapshot that starts a new journal segment, syncs it, and retires
     * the segment it replaces. No {@link #atomically} change is half done meanwhile (the gate);
     * single changes go on, into the new segment ({@link Journal#rotate}).
     */
    private void snapshot() {
        try {
            snapshotAndRetire();
        } catch (RuntimeException e) {
            // the next snapshot tries again; meanwhile the journal keeps every change safe
            LOG.warn("localcloud could not snapshot its state: {}", e.toString());
        }
    }

    /**
     * Snapshots the store now, as the snapshot thread does every second: for tests that read the
     * state file alone, without the journal.
     */
    public void checkpoint() {
        snapshotAndRetire();
    }

    void snapshotAndRetire() {
        Journal.Segment replaced;
        snapshotGate.writeLock().lock();
        try {
            if (store.isClosed() || !store.hasUnsavedChanges() || journal == null) {
                return;
            }
            long next = meta.get(GENERATION) + 1;
            replaced = journal.rotate(next, () -> {
                meta.put(GENERATION, next);
                store.commit();
            });
        } finally {
            snapshotGate.writeLock().unlock();
        }
        store.sync();
        journal.retire(replaced);
    }

    @Override
    public void close() {
        if (snapshotter != null) {
            // not shutdownNow: an interrupt in the middle of a write closes the store's FileChannel for good
            snapshotter.shutdown();
            try {
                snapshotter.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        snapshotGate.writeLock().lock();
        try {
            if (!store.isClosed()) {
                store.close();
                if (directory != null) {
                    journal.close();
                    FilePermissions.set(directory.resolve(FILE_NAME), FilePermissions.PRIVATE_FILE);
                }
            }
        } finally {
            snapshotGate.writeLock().unlock();
        }
    }

    /** The entries and maps one {@link #atomically} change touched, journaled as one record when it ends. */
    private static final class AtomicChange {

        private final List<MVMap<?, ?>> cleared = new ArrayList<>();
        private final Map<MVMap<?, ?>, Set<Object>> changed = new LinkedHashMap<>();

        void changed(MVMap<?, ?> map, Object key) {
            changed.computeIfAbsent(map, m -> new LinkedHashSet<>()).add(key);
        }

        void cleared(MVMap<?, ?> map) {
            cleared.add(map);
        }

        void record(ChangeRecord record) {
            cleared.forEach(record::cleared);
            changed.forEach((map, keys) -> keys.forEach(key -> record.entry(map, key)));
        }
    }
}
