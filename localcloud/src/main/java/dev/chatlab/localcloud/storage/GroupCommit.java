package dev.chatlab.localcloud.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: a request that wrote is answered only once its writes are on disk, and the
 * writers that wait at the same time share one write and one sync. Nobody blocks for it: a
 * writer leaves what is to happen once its writes are durable (its answer) and goes on. The
 * first writer that finds no flush running leads: it flushes and syncs, runs what every writer
 * covered by that flush left, and flushes again while writers wait, so under steady load it
 * acts as the journal's flusher. A sync costs about a millisecond whether it covers one write
 * or fifty, and a waiting writer holds no thread (no worker parked per request, no wake-up per
 * answer), so concurrent writers keep most of the throughput a store without syncs has.
 *
 * <p>Writes carry increasing numbers ({@link Journal} hands them out); each thread remembers
 * the number of its latest write, and a flush answers up to which number it made durable.
 */
final class GroupCommit {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** What runs once a write is durable, or fails when it cannot be made so. */
    private record Waiter(long write, Runnable then, Consumer<RuntimeException> failed) {
    }

    private final ThreadLocal<long[]> lastWriteOfThread = ThreadLocal.withInitial(() -> new long[1]);
    private final Object lock = new Object();
    /** Every write numbered up to this is on disk. Written under {@link #lock}; volatile for the fast path. */
    private volatile long durable;
    /** Whether a leader is flushing now. Guarded by {@link #lock}. */
    private boolean flushing;
    /** Guarded by {@link #lock}. */
    private List<Waiter> waiters = new ArrayList<>();

    /** Remembers that the calling thread made write number {@code number}. */
    void noteWrite(long number) {
        lastWriteOfThread.get()[0] = number;
    }

    /**
     * Runs {@code then} once every write this thread made is on disk: at once, on this thread,
     * when they are; otherwise on the thread that flushes them, perhaps this one. {@code
     * flushAndSync} writes, syncs and answers the number of the last write it made durable. When
     * it fails, every writer waiting for it gets {@code failed} instead (the journal, once
     * broken, stays so), and none is answered as if its write were safe.
     */
    void whenDurable(LongSupplier flushAndSync, Runnable then, Consumer<RuntimeException> failed) {
        long mine = lastWriteOfThread.get()[0];
        boolean lead = false;
        if (mine > durable) {
            synchronized (lock) {
                if (mine > durable) {
                    waiters.add(new Waiter(mine, then, failed));
                    if (flushing) {
                        return; // the leader's next flush covers it
                    }
                    flushing = true;
                    lead = true;
                }
            }
        }
        if (lead) {
            lead(flushAndSync);
        } else {
            then.run();
        }
    }

    /** Returns once every write this thread made is on disk; an exception means they may be lost. */
    void awaitDurable(LongSupplier flushAndSync) {
        CountDownLatch done = new CountDownLatch(1);
        RuntimeException[] failure = new RuntimeException[1];
        whenDurable(flushAndSync, done::countDown, e -> {
            failure[0] = e;
            done.countDown();
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the state to reach the disk", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /**
     * Flushes while writers wait, and answers each once a flush covered its write. The answers
     * run with no flush marked as running, so that an answer that waits for the disk itself
     * (or starts another request's work) finds the journal free to flush, never its own leader.
     */
    private void lead(LongSupplier flushAndSync) {
        boolean again = true;
        while (again) {
            long covered = 0;
            RuntimeException failure = null;
            try {
                covered = flushAndSync.getAsLong();
            } catch (RuntimeException e) {
                failure = e;
            }
            List<Waiter> answered = new ArrayList<>();
            synchronized (lock) {
                durable = Math.max(durable, covered);
                List<Waiter> still = new ArrayList<>();
                for (Waiter waiter : waiters) {
                    (failure != null || waiter.write() <= durable ? answered : still).add(waiter);
                }
                waiters = still;
                flushing = false;
            }
            for (Waiter waiter : answered) {
                run(waiter, failure);
            }
            synchronized (lock) {
                again = !waiters.isEmpty() && !flushing;
                flushing |= again;
            }
        }
    }

    private static void run(Waiter waiter, RuntimeException failure) {
        try {
            if (failure == null) {
                waiter.then().run();
            } else {
                waiter.failed().accept(failure);
            }
        } catch (RuntimeException e) {
            // one answer that cannot be written must not keep the others from theirs
            LOG.warn("an answer after the journal's sync failed", e);
        }
    }
}
