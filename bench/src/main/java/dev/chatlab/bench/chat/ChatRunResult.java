package dev.chatlab.bench.chat;

import java.util.List;

/**
 * The figures of one chat run. Latencies in milliseconds, delivery measured from the message's
 * scheduled send time to its arrival.
 *
 * @param achievedSendRate messages per second the senders managed (should be close to {@code rate})
 * @param failedSends      sends that threw (the connection was closed)
 * @param maxSendLagMillis how late the senders were at worst
 * @param delivered        (recipient, message) pairs that arrived, each counted once
 * @param duplicates       arrivals of a message a recipient already had
 * @param errorFrames      frames other than "message" (PROTOCOL.md's error frames, API Gateway's "Internal server error")
 * @param firstError       the first of them, or null
 * @param persisted        this run's messages in the room's history (REST API)
 * @param timeline         the latencies by when the messages were due, in windows of {@link ChatRun#TIMELINE_SECONDS}
 */
public record ChatRunResult(String room, int clients, int senders, int messages, int rate, double achievedSendRate, int failedSends,
                            double maxSendLagMillis, long expectedDeliveries, long delivered, long duplicates, long errorFrames,
                            String firstError, int persisted, double deliveryP50Millis, double deliveryP95Millis, double deliveryP99Millis,
                            double deliveryMaxMillis, double connectP50Millis, double connectP99Millis,
                            List<LatencyTimeline.Window> timeline) {

    /** Nothing lost, doubled or refused: anything else is a bug, not a figure. */
    public boolean complete() {
        return delivered == expectedDeliveries && persisted == messages && duplicates == 0 && errorFrames == 0 && failedSends == 0;
    }

    /** Complete, with p99 delivery within {@code maxP99Millis}. */
    public boolean passes(double maxP99Millis) {
        return complete() && deliveryP99Millis <= maxP99Millis;
    }
}
