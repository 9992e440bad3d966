package dev.chatlab.labkit;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what the cloud does after it has answered, where AWS documents no state an SDK
 * waiter could watch: a {@code $disconnect} that runs after the close, an index a moment behind
 * its table, a role Lambda cannot assume yet. Reads the value again until the condition holds or
 * the patience runs out, and answers what it saw last: a check reports that value in its hint, a
 * script that cannot go on without the condition calls {@link Seen#orElseThrow()}, which names
 * the condition. For a documented state (a table ACTIVE, a function updated) use the SDK's
 * waiter with {@link Lab#polling()}.
 *
 * <pre>{@code
 * int after = Eventually.await(Text.of("the member to leave", "멤버가 나감"), PATIENCE,
 *         () -> membersOf(dynamo, table, room), n -> n < before).value();
 * }</pre>
 */
public final class Eventually {

    /** How long between two reads when the caller does not say: short against the waits of a check. */
    public static final Duration BETWEEN_READS = Duration.ofMillis(100);

    private Eventually() {
    }

    /** What a wait saw last, and whether that was what it waited for. */
    public record Seen<T>(Text condition, T value, boolean met, Duration waited) {

        /** The value when the condition held; else fails naming the condition and the value seen last. */
        public T orElseThrow() {
            if (!met) {
                throw new IllegalStateException(String.format("waited %.1f s for %s; last seen: %s",
                        waited.toMillis() / 1000.0, condition.en(), value));
            }
            return value;
        }
    }

    /** Reads {@code value} every {@link #BETWEEN_READS} until {@code done} accepts it, for at most {@code patience}. */
    public static <T> Seen<T> await(Text condition, Duration patience, Supplier<T> value, Predicate<? super T> done) {
        return await(condition, patience, BETWEEN_READS, value, done);
    }

    /**
     * Reads {@code value} until {@code done} accepts it, {@code between} apart, for at most {@code
     * patience}; reads at least once, and never pauses past the patience.
     */
    public static <T> Seen<T> await(Text condition, Duration patience, Duration between, Supplier<T> value,
            Predicate<? super T> done) {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (true) {
            T seen = value.get();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (done.test(seen)) {
                return new Seen<>(condition, seen, true, waited);
            }
            if (deadline - System.nanoTime() < between.toNanos()) {
                return new Seen<>(condition, seen, false, waited);
            }
            Waits.pause(between);
        }
    }
}
