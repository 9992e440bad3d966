package dev.chatlab.bench.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRunTest {

    @Test
    void dueNanos_spacesMessagesEvenly_fromTheStart_withoutDrift() {
        assertEquals(1_000, ChatRun.dueNanos(1_000, 0, 50));
        assertEquals(1_000 + 20_000_000, ChatRun.dueNanos(1_000, 1, 50));
        assertEquals(1_000 + 1_000_000_000L * 100, ChatRun.dueNanos(1_000, 300, 3));
        assertEquals(333_333_333, ChatRun.dueNanos(0, 1, 3));
    }

    @Test
    void text_andSeqOf_roundTrip_andForeignTextsAreNotMatched() {
        String text = ChatRun.text("bench-abc", 41);
        assertEquals(41, ChatRun.seqOf("bench-abc", text));
        assertEquals(-1, ChatRun.seqOf("bench-abd", text));
        assertEquals(-1, ChatRun.seqOf("bench-abc", "bench-abc hello"));
        assertEquals(-1, ChatRun.seqOf("bench-abc", null));
    }

    @Test
    void settings_expectEveryMessageAtEveryClient_theSenderIncluded() {
        assertEquals(10 * 200, new ChatRun.Settings(10, 1, 200, 50, Duration.ZERO).expectedDeliveries());
        assertThrows(IllegalArgumentException.class, () -> new ChatRun.Settings(2, 3, 200, 50, Duration.ZERO));
    }

    @Test
    void result_withAnyLoss_isIncomplete_andNeverPasses() {
        ChatRunResult lost = result(1999, 200, 10);
        assertEquals(false, lost.complete());
        assertEquals(false, lost.passes(100));
        ChatRunResult unsaved = result(2000, 199, 10);
        assertEquals(false, unsaved.passes(100));
        assertEquals(true, result(2000, 200, 10).passes(100));
        assertEquals(false, result(2000, 200, 101).passes(100));
    }

    private static ChatRunResult result(long delivered, int persisted, double p99) {
        return new ChatRunResult("r", 10, 1, 200, 50, 50, 0, 1, 2000, delivered, 0, 0, null, persisted, 1, 2, p99, p99, 3, 4, List.of());
    }
}
