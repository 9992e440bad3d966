package dev.chatlab.localcloud.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits in a test for what the cloud does in the background (a TTL sweep, the log lines that
 * reach CloudWatch Logs after Invoke answered, a spare JVM starting): reads the value again
 * until the condition holds, and fails naming what it waited for and what it saw last when the
 * patience runs out. A test waits for the fact it asserts, never for a fixed time.
 */
public final class Eventually {

    /** How long between two reads: short against the waits here (hundreds of ms to seconds). */
    private static final Duration BETWEEN_READS = Duration.ofMillis(20);

    private Eventually() {
    }

    /** Reads {@code value} until {@code done} accepts it; answers that value. */
    public static <T> T await(String what, Duration patience, Supplier<T> value, Predicate<? super T> done) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            T seen = value.get();
            if (done.test(seen)) {
                return seen;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + patience.toMillis() + " ms for " + what + "; last seen: " + seen);
            }
            pause();
        }
    }

    /** Waits until {@code condition} holds. */
    public static void await(String what, Duration patience, BooleanSupplier condition) {
        await(what, patience, condition::getAsBoolean, Boolean::booleanValue);
    }

    private static void pause() {
        try {
            Thread.sleep(BETWEEN_READS.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
