package dev.chatlab.bench.chat;

import dev.chatlab.bench.ProcessMemory;
import java.util.OptionalLong;

/**
 * Samples the resident memory of a process (localcloud) and of its descendants (its functions'
 * JVMs) every {@code period} while open, keeping the peaks.
 */
public final class MemoryWatch implements AutoCloseable {

    /** Once a second: listing the descendants walks all of /proc, which at 5 times a second was 8% of the benchmark's own CPU. */
    private static final long PERIOD_MILLIS = 1000;

    private final long pid;
    private final Thread sampler;
    private volatile boolean stopped;
    private volatile long peakKilobytes = -1;
    private volatile long peakDescendantsKilobytes = -1;

    private MemoryWatch(long pid) {
        this.pid = pid;
        this.sampler = new Thread(this::sample, "memory-watch");
        sampler.setDaemon(true);
    }

    /** Starts watching {@code pid}; a negative pid (not known) watches nothing. */
    public static MemoryWatch start(long pid) {
        MemoryWatch watch = new MemoryWatch(pid);
        if (pid > 0) {
            watch.sampler.start();
        }
        return watch;
    }

    private void sample() {
        while (!stopped) {
            ProcessMemory.residentKilobytes(pid).ifPresent(kb -> peakKilobytes = Math.max(peakKilobytes, kb));
            ProcessMemory.descendantsResidentKilobytes(pid).ifPresent(kb -> peakDescendantsKilobytes = Math.max(peakDescendantsKilobytes, kb));
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public OptionalLong peakKilobytes() {
        return peakKilobytes < 0 ? OptionalLong.empty() : OptionalLong.of(peakKilobytes);
    }

    public OptionalLong peakDescendantsKilobytes() {
        return peakDescendantsKilobytes < 0 ? OptionalLong.empty() : OptionalLong.of(peakDescendantsKilobytes);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        sampler.interrupt();
        if (sampler.isAlive()) {
            sampler.join();
        }
    }
}
