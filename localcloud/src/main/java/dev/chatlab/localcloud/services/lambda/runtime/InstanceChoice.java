package dev.chatlab.localcloud.services.lambda.runtime;

import java.util.List;

/**
 * Which instance an invoke gets, decided from what the pool holds at one moment of its clock:
 * take an idle instance, start a new one, or wait and ask again. A choice only decides; the
 * pool starts the JVM (outside its lock) and does the waiting, so choices are tested with a
 * made-up {@link Situation} and no clock runs.
 */
interface InstanceChoice {

    /**
     * The pool as one waiting invoke sees it; times in the pool's clock (nanoseconds).
     *
     * @param idle                  idle live instances of the invoke's revision
     * @param busy                  busy live instances of the invoke's revision
     * @param mayStart              a new instance may start now (below the cap, none in its start-up)
     * @param arrivedAt             when the invoke asked first
     * @param waitersAhead          invokes of the function that asked earlier and still wait
     * @param coldStartNanos        how long a new instance took from its start to the end of its first
     *                              invocation, as observed (-1 while none has been)
     * @param invokeNanos           how long a warm invocation takes, as observed (-1 while none has been)
     * @param arrivalNanos          the mean time between the function's latest invokes, this one included
     *                              (-1 while fewer than two have asked)
     * @param now                   the moment of the choice
     */
    record Situation(List<PooledInstance> idle, List<PooledInstance> busy, boolean mayStart, long arrivedAt,
                     int waitersAhead, long coldStartNanos, long invokeNanos, long arrivalNanos, long now) {
    }

    sealed interface Choice {
        /** The invoke runs on this idle instance. */
        record Take(PooledInstance instance) implements Choice {
        }

        /** A new instance starts for the invoke. */
        record Start() implements Choice {
        }

        /** The invoke waits until an instance is freed or {@code untilNanos}, then asks again. */
        record Wait(long untilNanos) implements Choice {
        }
    }

    Choice choose(Situation situation);
}
