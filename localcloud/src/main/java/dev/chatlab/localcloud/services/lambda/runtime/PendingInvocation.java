package dev.chatlab.localcloud.services.lambda.runtime;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One invocation on its way through an instance: assigned, handed to the runtime by
 * {@code invocation/next}, then answered (or failed, or timed out). It also collects the
 * instance's output while it runs, for the log tail Invoke can return.
 */
final class PendingInvocation {

    /** How the invocation ended. {@code functionError}: the body is an error document. */
    record Outcome(byte[] body, boolean functionError, boolean fromFunction) {
    }

    private static final int TAIL_KEEP = 8 * 1024;

    final String requestId;
    final byte[] payload;
    final long timeoutMillis;
    final CompletableFuture<Void> handedOver = new CompletableFuture<>();
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    /** Counted down when the instance's output for this invocation has all been read. */
    final CountDownLatch outputEnded = new CountDownLatch(1);
    private final StringBuilder tail = new StringBuilder();
    private final AtomicBoolean endWritten = new AtomicBoolean();
    volatile long handedOverAtMillis;
    volatile long deadlineMillis;
    volatile long handedOverAtNanos;
    /** The init duration to report, when this invocation started a new instance. */
    volatile Double initDurationMillis;

    PendingInvocation(String requestId, byte[] payload, long timeoutMillis) {
        this.requestId = requestId;
        this.payload = payload;
        this.timeoutMillis = timeoutMillis;
    }

    void handOver(Double initDuration) {
        handedOverAtNanos = System.nanoTime();
        handedOverAtMillis = System.currentTimeMillis();
        deadlineMillis = handedOverAtMillis + timeoutMillis;
        initDurationMillis = initDuration;
        handedOver.complete(null);
    }

    /** True the first time only: END and REPORT are written once, by whoever sees the end first. */
    boolean claimEnd() {
        return endWritten.compareAndSet(false, true);
    }

    void appendTail(String line) {
        synchronized (tail) {
            tail.append(line).append('\n');
            if (tail.length() > TAIL_KEEP * 2) {
                tail.delete(0, tail.length() - TAIL_KEEP);
            }
        }
    }

    /** The last 4 KB of this invocation's log, cut at a character boundary. */
    String tail() {
        String text;
        synchronized (tail) {
            text = tail.toString();
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 4096) {
            return text;
        }
        int start = bytes.length - 4096;
        while (start < bytes.length && (bytes[start] & 0xC0) == 0x80) {
            start++;
        }
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    }
}
