package dev.chatlab.localcloud.storage;

import dev.chatlab.localcloud.core.FilePermissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The one place every service keeps its state: named maps in an H2 MVStore file under
 * {@code .lab/localcloud/}, so that a restart finds everything where it was.
 *
 * <p>Writes are committed to disk in groups, every {@value #COMMIT_INTERVAL_MS} ms and on
 * {@link #close()}, because a commit per write would cap DynamoDB's throughput at the
 * disk's speed. A change that spans several maps or entries (a DynamoDB transaction, an
 * S3 object with its metadata) runs inside {@link #atomically}: a commit waits for it to
 * finish, so a kill at any moment leaves either all of it or none of it on disk.
 * {@code atomically} is about crash atomicity only; a service still serialises its own
 * check-then-write sequences (a conditional put) with its own locks.
 *
 * <p>Values are Strings, byte arrays or numbers (MVStore writes those natively); a service
 * stores its model as JSON through {@link dev.chatlab.localcloud.core.Json}.
 */
public final class Storage implements AutoCloseable {

    static final long COMMIT_INTERVAL_MS = 100;

    static final String FILE_NAME = "state.mv.db";

    private final MVStore store;
    /** The state file; null in memory. */
    private final Path file;
    private final ReadWriteLock commitGate = new ReentrantReadWriteLock();
    private final ScheduledExecutorService committer;

    private Storage(MVStore store, Path file) {
        this.store = store;
        this.file = file;
        if (file != null) {
            committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "storage-commit");
                thread.setDaemon(true);
                return thread;
            });
            committer.scheduleWithFixedDelay(this::commit, COMMIT_INTERVAL_MS, COMMIT_INTERVAL_MS, TimeUnit.MILLISECONDS);
        } else {
            committer = null;
        }
    }

    /**
     * Opens (or creates) the state file {@code state.mv.db} in {@code directory}. While it is open
     * the file has no permissions at all (localcloud keeps writing through the descriptor it opened),
     * so a function instance, a process of the same user, cannot read it by its path; it gets
     * 0600 back when the store closes, or at the next start after a crash.
     */
    public static Storage open(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the state directory " + directory, e);
        }
        Path file = directory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            FilePermissions.set(file, FilePermissions.PRIVATE_FILE);
        }
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .open();
        FilePermissions.set(file, FilePermissions.NONE);
        return new Storage(store, file);
    }

    /** State that lives only as long as the process: for tests and throw-away clouds. */
    public static Storage inMemory() {
        return new Storage(new MVStore.Builder().autoCommitDisabled().open(), null);
    }

    /** The map called {@code name}; by convention "{@code <service>.<what>}", e.g. "s3.buckets". */
    public <K, V> MVMap<K, V> map(String name) {
        return store.openMap(name);
    }

    /** Runs {@code change} so that no commit can see only part of it. */
    public <T> T atomically(Supplier<T> change) {
        commitGate.readLock().lock();
        try {
            return change.get();
        } finally {
            commitGate.readLock().unlock();
        }
    }

    public void atomically(Runnable change) {
        atomically(() -> {
            change.run();
            return null;
        });
    }

    /** Writes everything changed so far to disk. */
    public void commit() {
        commitGate.writeLock().lock();
        try {
            if (!store.isClosed() && store.hasUnsavedChanges()) {
                store.commit();
            }
        } finally {
            commitGate.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        if (committer != null) {
            committer.shutdownNow();
        }
        commitGate.writeLock().lock();
        try {
            if (!store.isClosed()) {
                store.close();
                if (file != null) {
                    FilePermissions.set(file, FilePermissions.PRIVATE_FILE);
                }
            }
        } finally {
            commitGate.writeLock().unlock();
        }
    }
}
