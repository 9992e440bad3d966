package dev.chatlab.bench.chat;

import dev.chatlab.bench.LatencyRecorder;
import dev.chatlab.labkit.chat.ChatConnection;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;

/**
 * One client of a run as a recipient: a thread takes the frames its connection queued (each
 * stamped when it arrived) and records which of the run's messages came, once or more, and
 * after how long since they were due.
 */
final class Recipient {

    private static final Duration POLL = Duration.ofMillis(50);

    final ChatConnection connection;
    private final String room;
    private final BitSet seen;
    private final int expected;
    final LatencyRecorder latencies = new LatencyRecorder();
    /** Each message's latency at this client in nanoseconds, by sequence number; -1 while it has not come. */
    final long[] latencyBySeq;
    long duplicates;
    long errorFrames;
    /** The first frame that was not a message, to say what went wrong. */
    String firstError;
    private int received;
    private volatile boolean stopped;
    private Thread collector;

    Recipient(ChatConnection connection, String room, int expected) {
        this.connection = connection;
        this.room = room;
        this.expected = expected;
        this.seen = new BitSet(expected);
        this.latencyBySeq = new long[expected];
        Arrays.fill(latencyBySeq, -1);
    }

    void startCollecting(long[] due) {
        collector = new Thread(() -> collect(due), "chat-recipient");
        collector.setDaemon(true);
        collector.start();
    }

    private void collect(long[] due) {
        while (!stopped) {
            ChatConnection.Frame frame = connection.next(POLL);
            if (frame == null) {
                continue;
            }
            if (!frame.type().equals("message")) {
                if (errorFrames++ == 0) {
                    firstError = frame.json().toString();
                }
                continue;
            }
            int seq = ChatRun.seqOf(room, frame.json().path("text").asText(null));
            if (seq < 0 || seq >= due.length) {
                continue;
            }
            if (seen.get(seq)) {
                duplicates++;
            } else {
                seen.set(seq);
                long latency = frame.receivedNanos() - due[seq];
                latencies.record(latency);
                latencyBySeq[seq] = latency;
                synchronized (this) {
                    received++;
                }
            }
        }
    }

    synchronized int received() {
        return received;
    }

    /** Waits until every message came or the deadline (System.nanoTime) passed. */
    void awaitAll(long deadline) throws InterruptedException {
        while (received() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Stops the thread and waits for it, so that its figures may be read. */
    void stopCollecting() {
        stopped = true;
        Thread thread = collector;
        if (thread != null) {
            try {
                thread.join(POLL.toMillis() * 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
