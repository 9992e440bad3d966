package dev.chatlab.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Runs an operation from N concurrent callers, closed loop (each caller sends its next request
 * when the previous answered), for a warm-up period whose results are thrown away and then a
 * measured period. Reusable by every benchmark: it knows nothing about the operation.
 */
public final class LoadRunner {

    /** One call of the measured operation; a thrown exception counts as an error. */
    @FunctionalInterface
    public interface Operation {
        void call() throws Exception;
    }

    /** The name of the caller threads, which {@link CpuSplit} counts as the client's. */
    static final String CLIENT_THREAD = "bench-client";

    private LoadRunner() {
    }

    /**
     * Calls the warm-up makes at the least, whatever its duration: the JIT compiles the SDK's and
     * the server's hot paths only after some thousand calls, and on a busy machine a few
     * seconds do not reach that.
     */
    public static final int MIN_WARM_UP_CALLS = 5000;

    /**
     * @param clients   number of concurrent callers
     * @param operation makes caller {@code i}'s operation (so each may hold its own client and state)
     */
    public static BenchResult run(String name, int clients, Duration warmUp, Duration measured, IntFunction<Operation> operation)
            throws InterruptedException {
        return run(name, clients, warmUp, MIN_WARM_UP_CALLS, measured, operation);
    }

    /**
     * @param minWarmUpCalls calls the warm-up makes at the least (within ten times its duration):
     *                       fewer for an operation that is slow by nature, such as a WebSocket handshake
     */
    public static BenchResult run(String name, int clients, Duration warmUp, int minWarmUpCalls, Duration measured,
                                  IntFunction<Operation> operation) throws InterruptedException {
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            operations.add(operation.apply(i));
        }
        if (!warmUp.isZero()) {
            long calls = 0;
            long started = System.nanoTime();
            // at least the warm-up duration and minWarmUpCalls, at most ten times the duration
            do {
                calls += LatencyRecorder.merge(drive(operations, warmUp)).count();
            } while (calls < minWarmUpCalls && System.nanoTime() - started < warmUp.toNanos() * 10);
        }
        CpuSplit cpu = new CpuSplit();
        AtomicLong clientCpu = new AtomicLong();
        long start = System.nanoTime();
        List<LatencyRecorder> recorders = drive(operations, measured, clientCpu);
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuSplit.Nanos split = cpu.finish(clientCpu.get());
        LatencyRecorder all = LatencyRecorder.merge(recorders);
        LatencyRecorder.Percentiles p = all.percentiles();
        return new BenchResult(name, clients, all.count(), all.errors(), seconds, all.count() / seconds, p.p50(), p.p99(), p.max(),
                perCall(split.client() + split.server() + split.rest() + split.childProcesses(), all.count()),
                perCall(split.client(), all.count()), perCall(split.server(), all.count()), perCall(split.rest(), all.count()),
                perCall(split.childProcesses(), all.count()));
    }

    private static double perCall(long nanos, long calls) {
        return calls == 0 || nanos < 0 ? 0 : nanos / 1e6 / calls;
    }

    private static List<LatencyRecorder> drive(List<Operation> operations, Duration duration) throws InterruptedException {
        return drive(operations, duration, new AtomicLong());
    }

    private static List<LatencyRecorder> drive(List<Operation> operations, Duration duration, AtomicLong clientCpu) throws InterruptedException {
        List<LatencyRecorder> recorders = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(operations.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] deadline = new long[1];
        for (Operation op : operations) {
            LatencyRecorder recorder = new LatencyRecorder();
            recorders.add(recorder);
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long cpuBefore = CpuSplit.currentThreadCpu();
                while (System.nanoTime() < deadline[0]) {
                    long before = System.nanoTime();
                    try {
                        op.call();
                        recorder.record(System.nanoTime() - before);
                    } catch (Exception e) {
                        recorder.recordError();
                    }
                }
                clientCpu.addAndGet(CpuSplit.currentThreadCpu() - cpuBefore);
            }, CLIENT_THREAD);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        deadline[0] = System.nanoTime() + duration.toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return recorders;
    }
}
