package dev.chatlab.cli;

/**
 * Every core kept busy, at the priority the lab runs at, for as long as it is open: what a build
 * running beside the lab on a student's laptop does to it. The threads spin in this JVM, so the
 * steps run here, the localcloud process and the functions' processes all compete with them for
 * the cores.
 */
final class CpuLoad implements AutoCloseable {

    private final Thread[] spinners;
    private volatile boolean running = true;
    /** Read after the spinners end, so that no compiler drops their work as unused. */
    private volatile long sink;

    private CpuLoad(int threads) {
        spinners = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            spinners[i] = new Thread(this::spin, "cpu-load-" + i);
            spinners[i].setDaemon(true);
            spinners[i].start();
        }
    }

    /** One spinning thread per core the JVM sees. */
    static CpuLoad onEveryCore() {
        return new CpuLoad(Runtime.getRuntime().availableProcessors());
    }

    private void spin() {
        long value = Thread.currentThread().getId();
        while (running) {
            value = value * 6364136223846793005L + 1442695040888963407L;
        }
        sink = value;
    }

    @Override
    public void close() {
        running = false;
        for (Thread spinner : spinners) {
            try {
                spinner.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
