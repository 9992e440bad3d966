package dev.chatlab.bench.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyTimelineTest {

    private static final long MS = 1_000_000;
    private static final long SECOND = 1000 * MS;

    @Test
    void of_groupsMessagesByDueTime_andSplitsFirstArrivalFromSpread() {
        // four messages, two per second, in windows of one second
        long[] due = {0, SECOND / 2, SECOND, 3 * SECOND / 2};
        long[] ana = {10 * MS, 20 * MS, 5 * MS, 7 * MS};
        long[] ben = {30 * MS, 21 * MS, 6 * MS, -1};
        List<LatencyTimeline.Window> windows = LatencyTimeline.of(due, List.of(ana, ben), 1);

        assertEquals(2, windows.size());
        LatencyTimeline.Window first = windows.get(0);
        assertEquals(0, first.fromSecond());
        assertEquals(2, first.messages());
        assertEquals(30, first.deliveries().max());
        assertEquals(20, first.firstArrival().max(), "message 1 first came after 20 ms, message 0 after 10");
        assertEquals(20, first.spread().max(), "message 0 reached ben 20 ms after ana");
        assertEquals(1, first.spread().p50(), "message 1 reached both within 1 ms");

        LatencyTimeline.Window second = windows.get(1);
        assertEquals(1, second.fromSecond());
        assertEquals(2, second.messages(), "a message that reached one client only still counts");
        assertEquals(7, second.deliveries().max(), "a delivery that never came is no latency");
    }

    @Test
    void of_skipsEmptyWindows_andCountsAMessageNobodyGot_asNone() {
        long[] due = {0, 5 * SECOND};
        long[] ana = {-1, 3 * MS};
        List<LatencyTimeline.Window> windows = LatencyTimeline.of(due, List.of(ana), 1);

        assertEquals(2, windows.size());
        assertEquals(0, windows.get(0).messages());
        assertEquals(5, windows.get(1).fromSecond());
        assertEquals(3, windows.get(1).deliveries().p50());
    }
}
