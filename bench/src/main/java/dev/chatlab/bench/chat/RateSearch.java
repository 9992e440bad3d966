package dev.chatlab.bench.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the highest rate that still passes: doubles the rate from a start until a run fails,
 * then bisects between the last passing and the first failing rate until they are within
 * {@code precision} of each other. Knows nothing about what a run is: {@link Trial} decides.
 */
public final class RateSearch {

    /** One run at a rate: true when it passed. */
    @FunctionalInterface
    public interface Trial {
        boolean passes(int rate) throws Exception;
    }

    /** A tried rate and whether it passed. */
    public record Step(int rate, boolean passed) {
    }

    /**
     * @param highestPassing the highest rate that passed, 0 when none did
     * @param lowestFailing  the lowest rate that failed, or -1 when every rate up to the cap passed
     */
    public record Outcome(int highestPassing, int lowestFailing, List<Step> steps) {
    }

    private final int startRate;
    private final int maxRate;
    private final double precision;

    /**
     * @param startRate first rate tried (at least 1)
     * @param maxRate   no rate above it is tried (it counts as passing if reached)
     * @param precision the search ends when failing - passing &lt;= precision * passing (at least 1 apart)
     */
    public RateSearch(int startRate, int maxRate, double precision) {
        if (startRate < 1 || maxRate < startRate || precision <= 0) {
            throw new IllegalArgumentException("need 1 <= start <= max and precision > 0");
        }
        this.startRate = startRate;
        this.maxRate = maxRate;
        this.precision = precision;
    }

    public Outcome run(Trial trial) throws Exception {
        List<Step> steps = new ArrayList<>();
        int passing = 0;
        int failing = -1;
        int rate = startRate;
        while (failing < 0) {
            boolean passed = trial.passes(rate);
            steps.add(new Step(rate, passed));
            if (!passed) {
                failing = rate;
            } else {
                passing = rate;
                if (rate == maxRate) {
                    return new Outcome(passing, -1, steps);
                }
                rate = (int) Math.min(maxRate, 2L * rate);
            }
        }
        while (failing - passing > Math.max(1, precision * passing)) {
            int middle = passing + (failing - passing) / 2;
            boolean passed = trial.passes(middle);
            steps.add(new Step(middle, passed));
            if (passed) {
                passing = middle;
            } else {
                failing = middle;
            }
        }
        return new Outcome(passing, failing, steps);
    }
}
