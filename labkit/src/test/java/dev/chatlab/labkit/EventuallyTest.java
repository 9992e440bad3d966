package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {

    private static final Text COUNT_OF_THREE = Text.of("the count to reach 3", "횟수가 3이 됨");

    @Test
    void await_readsAgainUntilTheConditionHolds_andAnswersThatValue() {
        AtomicInteger reads = new AtomicInteger();
        Eventually.Seen<Integer> seen = Eventually.await(COUNT_OF_THREE, Duration.ofMinutes(1), Duration.ZERO,
                reads::incrementAndGet, n -> n == 3);
        assertTrue(seen.met());
        assertEquals(3, seen.value());
        assertEquals(3, seen.orElseThrow());
    }

    @Test
    void await_whenThePatienceRunsOut_answersTheLastValueRead_andOrElseThrowNamesTheCondition() {
        AtomicInteger reads = new AtomicInteger();
        Eventually.Seen<Integer> seen = Eventually.await(COUNT_OF_THREE, Duration.ZERO, reads::incrementAndGet,
                n -> n == 3);
        assertFalse(seen.met());
        assertEquals(1, seen.value(), "read once, even with no patience");
        IllegalStateException timedOut = assertThrows(IllegalStateException.class, seen::orElseThrow);
        assertTrue(timedOut.getMessage().contains("the count to reach 3; last seen: 1"), timedOut.getMessage());
    }

    @Test
    void await_neverPausesPastThePatience() {
        AtomicInteger reads = new AtomicInteger();
        Eventually.Seen<Integer> seen = Eventually.await(COUNT_OF_THREE, Duration.ofMillis(1), Duration.ofHours(1),
                reads::incrementAndGet, n -> n == 3);
        assertFalse(seen.met());
        assertEquals(1, reads.get());
    }
}
