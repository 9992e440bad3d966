package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * The instances of one function. An invoke takes the idle instance that has run the most
 * invocations (the warmest: a JVM's JIT compiles what it has run often, and a new instance runs
 * the SDK several times slower for its first thousand calls), else starts a new one while the
 * function has fewer than the cap, else waits for one to come free. Instances of an older
 * revision (code or configuration changed since they started), and instances older than 50
 * minutes, are stopped instead of reused, as Lambda replaces its environments after an update
 * and before their credentials expire.
 *
 * <p>Scaling up is slower than Lambda's: an invoke that finds every instance busy first waits
 * {@link #SCALE_UP_PATIENCE_MILLIS} for one to come free (and {@link #COLDER_INSTANCE_PATIENCE_MILLIS}
 * for a busy instance that has run more than twice the invocations of the warmest idle one), and
 * one instance of a function starts at a time (while one is in its init phase, further invokes
 * wait for whichever instance is free first). Here every instance is a JVM on the student's few cores: a burst that started ten at
 * once would slow every one of them down, the warm ones included, until each invoke took long
 * enough to need yet more instances.
 */
final class InstancePool {

    /**
     * Instances are replaced before their role credentials (one hour) expire, as Lambda recycles
     * its execution environments.
     */
    static final long MAX_AGE_NANOS = 50L * 60 * 1_000_000_000L;

    /**
     * How long an invoke waits for a busy instance of the function to come free before a new one
     * starts: a warm instance answers most invokes well within it, a cold start takes seconds.
     */
    static final long SCALE_UP_PATIENCE_MILLIS = 100;

    /**
     * How long an invoke waits for a busy instance that has run more than twice the invocations
     * of the warmest idle one: long enough for a warm invoke to finish, short enough that under
     * sustained load the colder instance still gets work and warms up.
     */
    static final long COLDER_INSTANCE_PATIENCE_MILLIS = 25;

    private final int maxInstances;
    private final Function<FunctionConfig, FunctionInstance> starter;
    private final List<FunctionInstance> all = new ArrayList<>();
    private final Deque<FunctionInstance> idle = new ArrayDeque<>();
    /** Started and not yet through their init phase (see {@link #initialized}). */
    private final List<FunctionInstance> starting = new ArrayList<>();

    InstancePool(int maxInstances, Function<FunctionConfig, FunctionInstance> starter) {
        this.maxInstances = maxInstances;
        this.starter = starter;
    }

    /** An instance for one invocation of {@code config}; waits at most until {@code waitUntilMillis}. */
    synchronized FunctionInstance acquire(FunctionConfig config, long waitUntilMillis) throws InterruptedException {
        long arrived = System.currentTimeMillis();
        long scaleUpAt = arrived + SCALE_UP_PATIENCE_MILLIS;
        long colderOneAt = arrived + COLDER_INSTANCE_PATIENCE_MILLIS;
        while (true) {
            idle.removeIf(instance -> {
                boolean stale = instance.isDead() || !instance.runs(config) || instance.ageNanos() >= MAX_AGE_NANOS;
                if (stale) {
                    retire(instance);
                }
                return stale;
            });
            long now = System.currentTimeMillis();
            FunctionInstance warmest = idle.stream().max(Comparator.comparingLong(FunctionInstance::invocationCount)).orElse(null);
            if (warmest != null && (now >= colderOneAt || !muchWarmerOneIsBusy(warmest, config))) {
                idle.remove(warmest);
                return warmest;
            }
            all.removeIf(FunctionInstance::isDead);
            starting.removeIf(FunctionInstance::isDead);
            boolean mayStart = all.size() < maxInstances && starting.isEmpty()
                    && (now >= scaleUpAt || all.stream().noneMatch(instance -> instance.runs(config)));
            if (mayStart) {
                FunctionInstance started = starter.apply(config);
                all.add(started);
                starting.add(started);
                return started;
            }
            long wait = waitUntilMillis - now;
            if (wait <= 0) {
                throw new AwsException("TooManyRequestsException", 429, "Rate Exceeded.")
                        .withDetail("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded");
            }
            long nextChoice = now < colderOneAt ? colderOneAt : now < scaleUpAt ? scaleUpAt : now + 1000;
            wait(Math.max(1, Math.min(wait, nextChoice - now)));
        }
    }

    /**
     * True when a busy instance has run more than twice the invocations of {@code idleOne}: the
     * busy one will likely be free and done sooner than the colder one would run the invocation.
     */
    private boolean muchWarmerOneIsBusy(FunctionInstance idleOne, FunctionConfig config) {
        long busiest = all.stream()
                .filter(instance -> !idle.contains(instance) && !instance.isDead() && instance.runs(config))
                .mapToLong(FunctionInstance::invocationCount).max().orElse(0);
        return busiest > 2 * idleOne.invocationCount();
    }

    /** The instance finished its init phase (it took its first event), so another may start. */
    synchronized void initialized(FunctionInstance instance) {
        if (starting.remove(instance)) {
            notifyAll();
        }
    }

    synchronized void release(FunctionInstance instance) {
        starting.remove(instance);
        if (instance.isDead()) {
            all.remove(instance);
        } else {
            idle.addFirst(instance);
        }
        notifyAll();
    }

    /** Stops the instances idle for longer than {@code idleMillis}. */
    synchronized void reap(long idleMillis) {
        idle.removeIf(instance -> {
            if (instance.isDead() || instance.idleNanos() > idleMillis * 1_000_000L) {
                retire(instance);
                return true;
            }
            return false;
        });
        all.removeIf(FunctionInstance::isDead);
        notifyAll();
    }

    /** True while an instance of the function is in its init phase (started, no event taken yet). */
    synchronized boolean initializing() {
        starting.removeIf(FunctionInstance::isDead);
        return !starting.isEmpty();
    }

    /** True when a live instance (busy or idle) runs {@code config}'s revision. */
    synchronized boolean runsRevision(FunctionConfig config) {
        return all.stream().anyMatch(instance -> !instance.isDead() && instance.runs(config));
    }

    synchronized int size() {
        all.removeIf(FunctionInstance::isDead);
        return all.size();
    }

    synchronized void shutdown() {
        all.forEach(FunctionInstance::kill);
        all.clear();
        idle.clear();
        starting.clear();
        notifyAll();
    }

    private void retire(FunctionInstance instance) {
        instance.kill();
        all.remove(instance);
    }
}
