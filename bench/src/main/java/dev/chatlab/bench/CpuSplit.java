package dev.chatlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the CPU of a measured period went: the calling clients (the AWS SDK), the in-process
 * localcloud (every other Java thread but {@code main}: Jetty's, the store's), and the JVM
 * itself (JIT compiler and garbage collector, which are not Java threads), and this JVM's child
 * processes (the Lambda instances an in-process localcloud starts). A figure that says which side
 * to make cheaper. Threads and processes that end during the period are not counted.
 */
final class CpuSplit {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long processBefore = ProcessCpu.ofThisJvm();
    private final Map<Long, Long> serverBefore = serverThreadCpu();
    private final Map<Long, Long> childrenBefore = ProcessCpu.descendants(ProcessHandle.current());

    /** CPU nanoseconds per category, measured from construction to now. */
    record Nanos(long client, long server, long rest, long childProcesses) {
    }

    Nanos finish(long clientNanos) {
        long process = ProcessCpu.ofThisJvm() - processBefore;
        long server = ProcessCpu.usedSince(serverBefore, serverThreadCpu());
        long children = ProcessCpu.usedSince(childrenBefore, ProcessCpu.descendants(ProcessHandle.current()));
        return new Nanos(clientNanos, server, Math.max(0, process - clientNanos - server), children);
    }

    /** This thread's CPU time so far, or 0 where the JVM cannot tell. */
    static long currentThreadCpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    private static Map<Long, Long> serverThreadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        if (!THREADS.isThreadCpuTimeSupported()) {
            return cpu;
        }
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && !info.getThreadName().equals(LoadRunner.CLIENT_THREAD) && !info.getThreadName().equals("main")) {
                long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
