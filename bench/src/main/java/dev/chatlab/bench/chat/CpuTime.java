package dev.chatlab.bench.chat;

import java.time.Duration;

/**
 * CPU time spent so far by localcloud, by its descendants (the functions' JVMs) and by this JVM
 * (the benchmark's clients), as the OS reports it. The difference over a run divided by its
 * messages is what a message costs each side, a figure that holds on a machine other work
 * shares, where latency does not. A function instance that ends during the run takes its CPU
 * time with it (instances live 5 idle minutes, longer than a run).
 */
public record CpuTime(long cloudNanos, long functionsNanos, long clientNanos) {

    public static CpuTime now(long cloudPid) {
        ProcessHandle cloud = cloudPid > 0 ? ProcessHandle.of(cloudPid).orElse(null) : null;
        long functions = cloud == null ? -1 : cloud.descendants().mapToLong(CpuTime::cpuNanos).sum();
        return new CpuTime(cloud == null ? -1 : cpuNanos(cloud), functions, cpuNanos(ProcessHandle.current()));
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Milliseconds of CPU per message from {@code before} to this, per side (negative: not known). */
    public PerMessage perMessageSince(CpuTime before, int messages) {
        return new PerMessage(millisPer(cloudNanos, before.cloudNanos, messages), millisPer(functionsNanos, before.functionsNanos, messages),
                millisPer(clientNanos, before.clientNanos, messages));
    }

    private static double millisPer(long after, long before, int messages) {
        return after < 0 || before < 0 ? -1 : (after - before) / 1e6 / messages;
    }

    /** CPU milliseconds per message: localcloud, the functions' JVMs, the benchmark's clients. */
    public record PerMessage(double cloud, double functions, double clients) {
    }
}
