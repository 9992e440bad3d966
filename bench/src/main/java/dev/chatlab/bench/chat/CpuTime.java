package dev.chatlab.bench.chat;

import dev.chatlab.bench.ProcessCpu;
import java.util.Map;

/**
 * CPU time spent so far by localcloud, by its descendants (the functions' JVMs) and by this JVM
 * (the benchmark's clients), as the OS reports it. The difference over a run divided by its
 * messages is what a message costs each side, a figure that holds on a machine other work
 * shares, where latency does not. A function instance that ends during the run takes its CPU
 * time with it (instances live 5 idle minutes, so the figure may fall short, never below 0).
 */
public record CpuTime(long cloudNanos, Map<Long, Long> functionsNanos, long clientNanos) {

    public static CpuTime now(long cloudPid) {
        ProcessHandle cloud = cloudPid > 0 ? ProcessHandle.of(cloudPid).orElse(null) : null;
        Map<Long, Long> functions = cloud == null ? Map.of() : ProcessCpu.descendants(cloud);
        return new CpuTime(cloud == null ? -1 : ProcessCpu.of(cloud), functions, ProcessCpu.ofThisJvm());
    }

    /**
     * Milliseconds of CPU per message from {@code before} to this, per side (negative: not
     * known). The functions' figure sums, over the instances alive now, what each used since
     * {@code before} (all of it for an instance started since).
     */
    public PerMessage perMessageSince(CpuTime before, int messages) {
        long functions = ProcessCpu.usedSince(before.functionsNanos, functionsNanos);
        return new PerMessage(millisPer(cloudNanos, before.cloudNanos, messages), cloudNanos < 0 ? -1 : functions / 1e6 / messages,
                millisPer(clientNanos, before.clientNanos, messages));
    }

    private static double millisPer(long after, long before, int messages) {
        return after < 0 || before < 0 ? -1 : (after - before) / 1e6 / messages;
    }

    /** CPU milliseconds per message: localcloud, the functions' JVMs, the benchmark's clients. */
    public record PerMessage(double cloud, double functions, double clients) {
    }
}
