package dev.chatlab.bench.chat;

import dev.chatlab.bench.LatencyRecorder;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's delivery latencies by when their messages were due, in windows of a few seconds:
 * whether the tail is made of the first messages (cold starts, code not yet compiled) or is
 * spread over the run (collector pauses, scheduling, a queue). Per message it also splits the
 * latency in two: its first arrival at any client (the way through API Gateway, the function
 * and its first post) and the spread from that first to its last arrival (the fan-out: the
 * function's other posts, the cloud's writes to the sockets, the clients' reading).
 */
public final class LatencyTimeline {

    /**
     * The figures of the messages due in one window, in milliseconds.
     *
     * @param fromSecond  the window's start, seconds after the first message was due
     * @param messages    messages due in it that reached at least one client
     * @param deliveries  every (client, message) arrival of them
     * @param firstArrival over the messages: the latency of each one's first arrival
     * @param spread      over the messages: last arrival minus first arrival
     */
    public record Window(int fromSecond, int messages, LatencyRecorder.Percentiles deliveries,
                         LatencyRecorder.Percentiles firstArrival, LatencyRecorder.Percentiles spread) {
    }

    private LatencyTimeline() {
    }

    /**
     * @param due          each message's due time (System.nanoTime), by sequence number
     * @param latencyBySeq per client: each message's latency in nanoseconds, -1 where it never came
     * @param windowSeconds the windows' length
     */
    public static List<Window> of(long[] due, List<long[]> latencyBySeq, int windowSeconds) {
        List<Window> windows = new ArrayList<>();
        long windowNanos = windowSeconds * 1_000_000_000L;
        int seq = 0;
        while (seq < due.length) {
            int index = (int) ((due[seq] - due[0]) / windowNanos);
            LatencyRecorder deliveries = new LatencyRecorder();
            LatencyRecorder first = new LatencyRecorder();
            LatencyRecorder spread = new LatencyRecorder();
            int messages = 0;
            for (; seq < due.length && (due[seq] - due[0]) / windowNanos == index; seq++) {
                long min = Long.MAX_VALUE;
                long max = -1;
                for (long[] client : latencyBySeq) {
                    long latency = client[seq];
                    if (latency >= 0) {
                        deliveries.record(latency);
                        min = Math.min(min, latency);
                        max = Math.max(max, latency);
                    }
                }
                if (max >= 0) {
                    messages++;
                    first.record(min);
                    spread.record(max - min);
                }
            }
            windows.add(new Window(index * windowSeconds, messages, deliveries.percentiles(), first.percentiles(), spread.percentiles()));
        }
        return windows;
    }
}
