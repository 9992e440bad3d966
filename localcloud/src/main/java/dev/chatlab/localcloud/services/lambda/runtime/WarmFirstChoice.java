package dev.chatlab.localcloud.services.lambda.runtime;

import java.util.Comparator;

/**
 * Lambda's choice, weighed for a JVM per instance on the student's few cores. An invoke takes the
 * idle instance that has run the most invocations (the warmest: a JVM's JIT compiles what it has
 * run often, and a new instance runs the SDK several times slower for its first thousand calls).
 * When every instance is busy, it starts a new one, as Lambda does, unless queueing for a busy
 * instance would end sooner: the estimate is the observed cold start (start to the end of the
 * first invocation) against the time until the first busy instance comes free plus the invokes
 * queued ahead, at the observed warm invoke duration. On Lambda a new environment costs no one
 * else anything; here a JVM booting on two cores slows every warm instance down (a chat's
 * functions went from 7 to 36 ms of CPU per message during a burst of cold starts), so a start
 * that would not serve the invoke sooner only makes the queue longer.
 *
 * <p>That weighing sees one invoke, not the queue's trend: under a steady rate above what the busy
 * instances serve, each invoke's wait is still shorter than a cold start while the queue grows,
 * until the wait passes the cold start (seconds). So an instance also starts when the invokes
 * arrive faster than the busy instances serve them and the wait expected once a new instance
 * would be up (the wait now, plus the queue's growth over a cold start) passes
 * {@link #QUEUE_BUDGET_NANOS}; a burst that the busy instances will clear still waits for them.
 *
 * <p>Until both durations have been observed (the function's first invocations), a busy
 * instance gets {@link #SCALE_UP_PATIENCE_NANOS} before a new one starts; a warm idle instance
 * is passed over for a busy one that has run more than twice its invocations for
 * {@link #COLDER_INSTANCE_PATIENCE_NANOS} at most.
 */
final class WarmFirstChoice implements InstanceChoice {

    /**
     * While nothing has been measured, how long an invoke waits for a busy instance to come free
     * before a new one starts: a warm instance answers most invokes well within it, a cold start
     * takes seconds.
     */
    static final long SCALE_UP_PATIENCE_NANOS = 100_000_000L;

    /**
     * How long an invoke waits for a busy instance that has run more than twice the invocations
     * of the warmest idle one: long enough for a warm invoke to finish, short enough that under
     * sustained load the colder instance still gets work and warms up.
     */
    static final long COLDER_INSTANCE_PATIENCE_NANOS = 25_000_000L;

    /**
     * The longest wait a growing queue is let reach, by the time a new instance would be up, before
     * one starts: well within the 100 ms a chat message may take end to end, and some ten warm
     * invocations of a function that answers in 10 ms.
     */
    static final long QUEUE_BUDGET_NANOS = 100_000_000L;

    /** How often a waiting invoke weighs a new instance again when no instance comes free. */
    static final long RECHECK_NANOS = 50_000_000L;

    /** When no start may begin: the waiter is woken by the freed or initialized instance anyway. */
    private static final long IDLE_RECHECK_NANOS = 1_000_000_000L;

    @Override
    public Choice choose(Situation situation) {
        long now = situation.now();
        PooledInstance warmest = situation.idle().stream()
                .max(Comparator.comparingLong(PooledInstance::invocations)).orElse(null);
        if (warmest != null) {
            long colderOneAt = situation.arrivedAt() + COLDER_INSTANCE_PATIENCE_NANOS;
            boolean muchWarmerOneIsBusy = situation.busy().stream()
                    .anyMatch(busy -> busy.invocations() > 2 * warmest.invocations());
            return now >= colderOneAt || !muchWarmerOneIsBusy ? new Choice.Take(warmest) : new Choice.Wait(colderOneAt);
        }
        if (!situation.mayStart()) {
            return new Choice.Wait(now + IDLE_RECHECK_NANOS);
        }
        if (situation.busy().isEmpty()) {
            return new Choice.Start();
        }
        if (situation.coldStartNanos() < 0 || situation.invokeNanos() < 0) {
            long scaleUpAt = situation.arrivedAt() + SCALE_UP_PATIENCE_NANOS;
            return now >= scaleUpAt ? new Choice.Start() : new Choice.Wait(scaleUpAt);
        }
        long waitNanos = expectedWaitNanos(situation);
        boolean soonerOnANewOne = waitNanos + situation.invokeNanos() > situation.coldStartNanos();
        boolean queuePassesBudget = waitOnceANewOneIsUpNanos(situation, waitNanos) > QUEUE_BUDGET_NANOS;
        return soonerOnANewOne || queuePassesBudget ? new Choice.Start() : new Choice.Wait(now + RECHECK_NANOS);
    }

    /**
     * The wait in the queue by the time a new instance would be up, when the invokes arrive faster
     * than the busy instances serve them: the wait now, plus what the queue grows over a cold start
     * (each arrival adds an invoke's duration spread over the busy instances, each passing moment
     * serves as much). Zero while the busy instances keep up or no arrival rate is known.
     */
    static long waitOnceANewOneIsUpNanos(Situation situation, long waitNanos) {
        long arrival = situation.arrivalNanos();
        if (arrival <= 0) {
            return arrival < 0 ? 0 : Long.MAX_VALUE;
        }
        long servedPerArrival = arrival * situation.busy().size();
        if (servedPerArrival >= situation.invokeNanos()) {
            return 0;
        }
        double growthPerNano = (double) (situation.invokeNanos() - servedPerArrival) / servedPerArrival;
        return waitNanos + (long) Math.min(Long.MAX_VALUE / 2, situation.coldStartNanos() * growthPerNano);
    }

    /**
     * How long until a busy instance would take this invoke: the soonest expected end of a busy
     * invocation, then the invokes ahead spread over the busy instances.
     */
    static long expectedWaitNanos(Situation situation) {
        long soonest = situation.busy().stream().mapToLong(busy -> remainingNanos(busy, situation)).min().orElse(0);
        return soonest + situation.waitersAhead() * situation.invokeNanos() / situation.busy().size();
    }

    /**
     * How much longer a busy instance's invocation takes: the observed duration less the time it
     * has run; once it has run longer than that, as long again as it has run (the estimate was
     * wrong for it, so nothing shorter is known).
     */
    private static long remainingNanos(PooledInstance busy, Situation situation) {
        long expected = busy.inFirstInvocation() ? situation.coldStartNanos() : situation.invokeNanos();
        long elapsed = situation.now() - busy.busySince();
        return elapsed < expected ? expected - elapsed : elapsed;
    }
}
