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
    void whatIsLeft_isAtMostThePatience_andShrinks() throws InterruptedException {
        Deadline deadline = Deadline.in(Duration.ofSeconds(15));
        Duration first = deadline.left();
        Thread.sleep(5);
        Duration second = deadline.left();
        assertTrue(first.compareTo(Duration.ofSeconds(15)) <= 0 && first.compareTo(Duration.ofSeconds(14)) > 0, first.toString());
        assertTrue(second.compareTo(first) < 0, first + " then " + second);
    }

    @Test
    void aPauseLongerThanWhatIsLeft_isRefusedAtOnce_soARetryLoopEnds() throws InterruptedException {
        assertFalse(new Deadline(System.nanoTime() + 1_000_000L).pause(Duration.ofSeconds(10)));
        assertTrue(Deadline.in(Duration.ofSeconds(15)).pause(Duration.ofMillis(1)));
    }
}
