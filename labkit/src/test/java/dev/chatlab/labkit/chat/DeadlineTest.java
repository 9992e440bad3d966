package dev.chatlab.labkit.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void aDeadlineInThePast_leavesZero_neverANegativeWait() {
        assertEquals(Duration.ZERO, new Deadline(System.nanoTime() - 1_000_000_000L).left());
    }

    @Test
    void whatIsLeft_isThePatienceLessTheTimeSinceItWasSet() {
        long set = System.nanoTime();
        Deadline deadline = new Deadline(set + Duration.ofSeconds(15).toNanos());
        Duration left = deadline.left();
        Duration since = Duration.ofNanos(System.nanoTime() - set);
        assertTrue(left.compareTo(Duration.ofSeconds(15)) <= 0, left.toString());
        assertTrue(left.compareTo(Duration.ofSeconds(15).minus(since)) >= 0, left + " with " + since + " gone");
    }

    @Test
    void aPauseLongerThanWhatIsLeft_isRefusedAtOnce_soARetryLoopEnds() throws InterruptedException {
        assertFalse(new Deadline(System.nanoTime() + 1_000_000L).pause(Duration.ofSeconds(10)));
        assertTrue(Deadline.in(Duration.ofSeconds(15)).pause(Duration.ofMillis(1)));
    }
}
