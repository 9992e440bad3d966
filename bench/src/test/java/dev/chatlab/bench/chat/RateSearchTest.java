package dev.chatlab.bench.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RateSearchTest {

    private static List<Integer> rates(RateSearch.Outcome outcome) {
        return outcome.steps().stream().map(RateSearch.Step::rate).collect(Collectors.toList());
    }

    @Test
    void run_doublesUntilARateFails_thenBisectsWithinPrecision() throws Exception {
        RateSearch.Outcome outcome = new RateSearch(50, 5000, 0.1).run(rate -> rate <= 730);
        // 700 passes, 750 fails: 50 apart, within 10 % of 700, so the search ends
        assertEquals(List.of(50, 100, 200, 400, 800, 600, 700, 750), rates(outcome));
        assertEquals(700, outcome.highestPassing());
        assertEquals(750, outcome.lowestFailing());
    }

    @Test
    void run_firstRateFails_searchesBelowIt() throws Exception {
        RateSearch.Outcome outcome = new RateSearch(50, 5000, 0.1).run(rate -> rate <= 20);
        assertEquals(20, outcome.highestPassing());
        assertEquals(List.of(50, 25, 12, 18, 21, 19, 20), rates(outcome));
    }

    @Test
    void run_nothingPasses_isZero() throws Exception {
        RateSearch.Outcome outcome = new RateSearch(8, 100, 0.1).run(rate -> false);
        assertEquals(0, outcome.highestPassing());
        assertEquals(1, outcome.lowestFailing());
    }

    @Test
    void run_everyRatePasses_stopsAtTheCap() throws Exception {
        RateSearch.Outcome outcome = new RateSearch(50, 300, 0.1).run(rate -> true);
        assertEquals(List.of(50, 100, 200, 300), rates(outcome));
        assertEquals(300, outcome.highestPassing());
        assertEquals(-1, outcome.lowestFailing());
    }

    @Test
    void constructor_startAboveCap_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateSearch(100, 50, 0.1));
    }
}
