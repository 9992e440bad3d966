package dev.chatlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    private static LatencyRecorder millis(long... values) {
        LatencyRecorder recorder = new LatencyRecorder();
        for (long value : values) {
            recorder.record(value * 1_000_000);
        }
        return recorder;
    }

    @Test
    void percentiles_areNearestRank_overOneHundredSamples() {
        long[] values = new long[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 - i; // recorded out of order
        }
        LatencyRecorder.Percentiles p = millis(values).percentiles();
        assertEquals(50, p.p50());
        assertEquals(95, p.p95());
        assertEquals(99, p.p99());
        assertEquals(100, p.max());
    }

    @Test
    void percentiles_ofFewSamples_areTheHighOnes_notInterpolated() {
        LatencyRecorder.Percentiles p = millis(1, 2, 3).percentiles();
        assertEquals(2, p.p50());
        assertEquals(3, p.p95());
        assertEquals(3, p.p99());
    }

    @Test
    void percentiles_ofNothing_areZero() {
        LatencyRecorder.Percentiles p = new LatencyRecorder().percentiles();
        assertEquals(0, p.p50());
        assertEquals(0, p.max());
    }

    @Test
    void merge_joinsSamplesAndErrors_beyondTheInitialCapacity() {
        LatencyRecorder big = new LatencyRecorder();
        for (int i = 0; i < 40_000; i++) {
            big.record(1_000_000);
        }
        LatencyRecorder other = millis(7);
        other.recordError();
        LatencyRecorder all = LatencyRecorder.merge(List.of(big, other));
        assertEquals(40_001, all.count());
        assertEquals(1, all.errors());
        assertEquals(7, all.percentiles().max());
    }
}
