package dev.chatlab.localcloud.storage;

import java.util.function.LongSupplier;

/**
 * Group commit: a request that wrote waits until its writes are on disk before it is answered,
 * and the writers that wait at the same time share one write and one sync. The first waiter
 * leads: it flushes and syncs for everyone whose writes that flush covers; the writers that
 * arrive meanwhile queue, and one of them leads the next flush. A sync costs about a
 * millisecond whether it covers one write or fifty, so concurrent writers keep the throughput
 * a store without syncs has.
 *
 * <p>Writes carry increasing numbers ({@link Journal} hands them out); each thread remembers
 * the number of its latest write, and a flush answers up to which number it made durable.
 */
final class GroupCommit {

    private final ThreadLocal<long[]> lastWriteOfThread = ThreadLocal.withInitial(() -> new long[1]);
    private final Object lock = new Object();
    /** Every write numbered up to this is on disk. Written under {@link #lock}; volatile for the fast path. */
    private volatile long durable;
    /** Whether a leader is flushing now. Guarded by {@link #lock}. */
    private boolean flushing;

    /** Remembers that the calling thread made write number {@code number}. */
    void noteWrite(long number) {
        lastWriteOfThread.get()[0] = number;
    }

    /**
     * Returns once every write this thread made is on disk. {@code flushAndSync} writes, syncs
     * and answers the number of the last write it made durable; it runs on the calling thread
     * when this thread leads. Its exception reaches the leader only; the writers it left
     * waiting try again, each in turn, so none is answered as if its write were safe.
     */
    void awaitDurable(LongSupplier flushAndSync) {
        long mine = lastWriteOfThread.get()[0];
        if (mine <= durable) {
            return;
        }
        synchronized (lock) {
            while (flushing && mine > durable) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the state to reach the disk", e);
                }
            }
            if (mine <= durable) {
                return;
            }
            flushing = true;
        }
        long covered = 0;
        try {
            covered = flushAndSync.getAsLong();
        } finally {
            synchronized (lock) {
                durable = Math.max(durable, covered);
                flushing = false;
                lock.notifyAll();
            }
        }
    }
}
