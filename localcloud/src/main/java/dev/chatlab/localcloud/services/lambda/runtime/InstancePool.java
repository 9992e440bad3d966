package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The instances of one function, and the invokes waiting for one. Which instance an invoke gets
 * is an {@link InstanceChoice}'s decision ({@link WarmFirstChoice} unless a test gives another);
 * the pool keeps the books it decides from, in its clock: which instances are idle or busy and
 * since when, how long a cold start and a warm invocation took. Instances of an older revision
 * (code or configuration changed since they started), and instances older than 50 minutes, are
 * stopped instead of reused, as Lambda replaces its environments after an update and before their
 * credentials expire.
 *
 * <p>One instance of a function starts at a time: while one is starting or in its init phase,
 * further invokes wait for whichever instance is free first. A start (a JVM launch, the role's
 * credentials from STS) runs outside the pool's lock, as does stopping an instance, so invokes
 * and releases of the function's other instances never wait behind one.
 */
final class InstancePool {

    /**
     * Instances are replaced before their role credentials (one hour) expire, as Lambda recycles
     * its execution environments.
     */
    static final long MAX_AGE_NANOS = 50L * 60 * 1_000_000_000L;

    /** Observed durations are averaged over about this many invocations. */
    private static final int SMOOTHING = 8;

    /**
     * The arrival rate is measured over this many latest invokes: enough to see a steady rate
     * through the jitter of its senders, few enough to see it within a fraction of a second.
     */
    static final int ARRIVALS_MEASURED = 16;

    private final int maxInstances;
    private final Function<FunctionConfig, FunctionInstance> starter;
    private final InstanceChoice choice;
    private final LongSupplier clock;
    private final Map<FunctionInstance, PooledInstance> all = new IdentityHashMap<>();
    /** Idle instances, the most recently freed first. */
    private final List<PooledInstance> idle = new ArrayList<>();
    /** Started and not yet through their init phase (see {@link #initialized}). */
    private final Set<FunctionInstance> starting = new HashSet<>();
    /** Starts decided and not yet back from the starter. */
    private int startsUnderway;
    /** The tickets of the invokes waiting, in the order they asked. */
    private final TreeSet<Long> waiting = new TreeSet<>();
    private long nextTicket;
    private long coldStartNanos = -1;
    private long invokeNanos = -1;
    /** When the latest {@link #ARRIVALS_MEASURED} invokes asked, a ring; {@link #arrivals} in all. */
    private final long[] arrivedAts = new long[ARRIVALS_MEASURED];
    private long arrivals;
    private boolean closed;

    InstancePool(int maxInstances, Function<FunctionConfig, FunctionInstance> starter) {
        this(maxInstances, starter, new WarmFirstChoice(), System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} */
    InstancePool(int maxInstances, Function<FunctionConfig, FunctionInstance> starter, InstanceChoice choice, LongSupplier clock) {
        this.maxInstances = maxInstances;
        this.starter = starter;
        this.choice = choice;
        this.clock = clock;
    }

    /**
     * An instance for one invocation of {@code config}: an idle one, or a new one, or the first one
     * freed; after {@code maxWaitNanos} without one, Lambda's 429.
     */
    FunctionInstance acquire(FunctionConfig config, long maxWaitNanos) throws InterruptedException {
        long ticket;
        long arrivedAt;
        synchronized (this) {
            ticket = nextTicket++;
            waiting.add(ticket);
            arrivedAt = clock.getAsLong();
            arrivedAts[(int) (arrivals++ % ARRIVALS_MEASURED)] = arrivedAt;
        }
        List<PooledInstance> retired = new ArrayList<>();
        try {
            while (true) {
                stop(retired);
                long startedAt;
                synchronized (this) {
                    retireStale(config, retired);
                    long now = clock.getAsLong();
                    InstanceChoice.Choice chosen = choice.choose(situation(config, arrivedAt, ticket, now));
                    if (chosen instanceof InstanceChoice.Choice.Take take) {
                        idle.remove(take.instance());
                        take.instance().taken(now);
                        return take.instance().instance;
                    }
                    if (chosen instanceof InstanceChoice.Choice.Wait wait) {
                        if (now - arrivedAt >= maxWaitNanos) {
                            throw new AwsException("TooManyRequestsException", 429, "Rate Exceeded.")
                                    .withDetail("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded");
                        }
                        if (retired.isEmpty()) {
                            long until = Math.min(wait.untilNanos(), arrivedAt + maxWaitNanos);
                            wait(Math.max(1, (until - now + 999_999) / 1_000_000));
                        }
                        continue;
                    }
                    startsUnderway++;
                    waiting.remove(ticket);
                    startedAt = now;
                }
                stop(retired);
                return start(config, startedAt);
            }
        } finally {
            synchronized (this) {
                waiting.remove(ticket);
            }
            stop(retired);
        }
    }

    private InstanceChoice.Situation situation(FunctionConfig config, long arrivedAt, long ticket, long now) {
        all.values().removeIf(pooled -> pooled.instance.isDead());
        starting.removeIf(FunctionInstance::isDead);
        List<PooledInstance> busy = new ArrayList<>();
        for (PooledInstance pooled : all.values()) {
            if (!idle.contains(pooled) && pooled.instance.runs(config)) {
                busy.add(pooled);
            }
        }
        boolean mayStart = all.size() + startsUnderway < maxInstances && starting.isEmpty() && startsUnderway == 0;
        return new InstanceChoice.Situation(List.copyOf(idle), busy, mayStart, arrivedAt, waiting.headSet(ticket).size(),
                coldStartNanos, invokeNanos, arrivalNanos(now), now);
    }

    /**
     * The mean time between the latest invokes' arrivals, measured up to {@code now} (so a rate that
     * stopped is not taken for a steady one), -1 while fewer than two have asked.
     */
    private long arrivalNanos(long now) {
        if (arrivals < 2) {
            return -1;
        }
        int measured = (int) Math.min(arrivals, ARRIVALS_MEASURED);
        long earliest = arrivedAts[(int) ((arrivals - measured) % ARRIVALS_MEASURED)];
        return (now - earliest) / (measured - 1);
    }

    /** Moves the idle instances that may not serve {@code config} (dead, another revision, too old) to {@code retired}. */
    private void retireStale(FunctionConfig config, List<PooledInstance> retired) {
        long now = clock.getAsLong();
        idle.removeIf(pooled -> {
            boolean stale = pooled.instance.isDead() || !pooled.instance.runs(config) || now - pooled.startedAt >= MAX_AGE_NANOS;
            if (stale) {
                all.remove(pooled.instance);
                retired.add(pooled);
            }
            return stale;
        });
    }

    /** Starts an instance (outside the lock: a JVM launch and an STS call) for a start the choice decided on. */
    private FunctionInstance start(FunctionConfig config, long startedAt) {
        FunctionInstance started;
        try {
            started = starter.apply(config);
        } catch (RuntimeException failed) {
            synchronized (this) {
                startsUnderway--;
                notifyAll();
            }
            throw failed;
        }
        synchronized (this) {
            startsUnderway--;
            if (!closed) {
                PooledInstance pooled = new PooledInstance(started, startedAt);
                pooled.taken(startedAt);
                all.put(started, pooled);
                starting.add(started);
                return started;
            }
        }
        started.kill();
        throw new AwsException("ServiceException", 500, "The function was deleted while its instance started.");
    }

    /** The instance finished its init phase (it took its first event), so another may start. */
    synchronized void initialized(FunctionInstance instance) {
        PooledInstance pooled = all.get(instance);
        if (pooled != null) {
            pooled.initialized(clock.getAsLong());
        }
        if (starting.remove(instance)) {
            notifyAll();
        }
    }

    /** The invocation on {@code instance} ended: it is free again, and its duration is learned. */
    synchronized void release(FunctionInstance instance) {
        starting.remove(instance);
        PooledInstance pooled = all.get(instance);
        if (pooled != null) {
            if (instance.isDead()) {
                all.remove(instance);
            } else {
                long now = clock.getAsLong();
                long took = now - pooled.busySince();
                if (pooled.inFirstInvocation()) {
                    // a spare initialized ahead took no cold start's time: the next start may well be a real one
                    if (!instance.initializedAhead()) {
                        coldStartNanos = coldStartNanos < 0 ? took : (coldStartNanos + took) / 2;
                    }
                } else {
                    invokeNanos = invokeNanos < 0 ? took : invokeNanos + (took - invokeNanos) / SMOOTHING;
                }
                pooled.freed(now);
                idle.add(0, pooled);
            }
        }
        notifyAll();
    }

    /** Stops the instances idle for longer than {@code idleNanos}. */
    void reap(long idleNanos) {
        reap(idleNanos, Long.MAX_VALUE, instance -> false);
    }

    /**
     * Stops the instances idle for longer than {@code idleNanos}, and those for which
     * {@code retireEarly} holds once idle for longer than {@code earlyIdleNanos}.
     */
    void reap(long idleNanos, long earlyIdleNanos, Predicate<FunctionInstance> retireEarly) {
        List<PooledInstance> retired = new ArrayList<>();
        synchronized (this) {
            long now = clock.getAsLong();
            idle.removeIf(pooled -> {
                long idleFor = now - pooled.idleSince();
                boolean expired = pooled.instance.isDead() || idleFor > idleNanos
                        || idleFor > earlyIdleNanos && retireEarly.test(pooled.instance);
                if (expired) {
                    all.remove(pooled.instance);
                    retired.add(pooled);
                }
                return expired;
            });
            all.values().removeIf(pooled -> pooled.instance.isDead());
            notifyAll();
        }
        stop(retired);
    }

    /** True while an instance of the function is starting or in its init phase (no event taken yet). */
    synchronized boolean initializing() {
        starting.removeIf(FunctionInstance::isDead);
        return !starting.isEmpty() || startsUnderway > 0;
    }

    /**
     * True while an instance is starting, in its init phase, or in the first {@code firstRequestNanos}
     * of its first invocation after it: a young JVM's first request costs about as much CPU as its init.
     */
    synchronized boolean coldStarting(long firstRequestNanos) {
        long now = clock.getAsLong();
        return initializing() || all.values().stream().anyMatch(pooled -> pooled.inFirstRequest(now, firstRequestNanos));
    }

    /** True when a live instance (busy or idle) runs {@code config}'s revision. */
    synchronized boolean runsRevision(FunctionConfig config) {
        return all.keySet().stream().anyMatch(instance -> !instance.isDead() && instance.runs(config));
    }

    synchronized int size() {
        all.values().removeIf(pooled -> pooled.instance.isDead());
        return all.size();
    }

    void shutdown() {
        List<PooledInstance> stopped;
        synchronized (this) {
            closed = true;
            stopped = new ArrayList<>(all.values());
            all.clear();
            idle.clear();
            starting.clear();
            notifyAll();
        }
        stop(stopped);
    }

    private static void stop(List<PooledInstance> retired) {
        retired.forEach(pooled -> pooled.instance.retire());
        retired.clear();
    }
}
