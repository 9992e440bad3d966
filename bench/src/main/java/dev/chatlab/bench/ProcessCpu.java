package dev.chatlab.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of processes as the OS counts it, and what a set of processes (or threads) used
 * between two snapshots: the part of a benchmark's cost that ran outside the measuring threads.
 */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /**
     * CPU nanoseconds this JVM has used so far (client and, when in-process, server), to the
     * nanosecond where the JVM can tell (the OS's process times count in clock ticks).
     */
    public static long ofThisJvm() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : of(ProcessHandle.current());
    }

    /** CPU nanoseconds the process has used so far; 0 where the OS does not tell. */
    public static long of(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** CPU nanoseconds so far of each live descendant of {@code root}, by pid. */
    public static Map<Long, Long> descendants(ProcessHandle root) {
        Map<Long, Long> cpu = new HashMap<>();
        root.descendants().forEach(process -> cpu.put(process.pid(), of(process)));
        return cpu;
    }

    /**
     * What the members of {@code now} (processes or threads, by id) used since {@code before}:
     * all of it for one that is new. One that ended in between takes its time with it, so the
     * figure may fall short, never below 0.
     */
    public static long usedSince(Map<Long, Long> before, Map<Long, Long> now) {
        long used = 0;
        for (Map.Entry<Long, Long> member : now.entrySet()) {
            used += Math.max(0, member.getValue() - before.getOrDefault(member.getKey(), 0L));
        }
        return used;
    }
}
