package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * JVMs started before they are needed, at most one per function, each for one revision of it
 * (its code and configuration, see {@link FunctionConfig#runsAs}): the bootstrap
 * has loaded the runtime and waits for its environment. The next cold start of that revision
 * takes it and hands it its environment ({@link InstanceLauncher#handOff}); the init phase (the
 * handler's class, its constructor) still runs then, on demand, and Init Duration counts from the
 * hand-off, so what the function sees and the logs say is a cold start as on Lambda, without the
 * wait for a JVM to boot.
 *
 * <p>A spare serves one instance of the function and revision it was started for, and nothing
 * else: {@link #take} hands it out only for that revision, and only once; a spare of a replaced
 * revision is stopped when its successor's is {@linkplain #add added} or {@linkplain #retainOnly
 * found useless}. A spare that waits unused for the instances' idle time-out is stopped too
 * ({@link #discardUnusedFor}): the function has not been called for that long.
 */
final class SpareInstances {

    /**
     * A started JVM and the identity its instance will have (its id and log stream are in its
     * process environment already, as Lambda's variables that only say what runs).
     */
    record Spare(FunctionConfig config, String instanceId, String logStream, Path codeDirectory, Process process) {
        boolean serves(FunctionConfig current) {
            return config.runsAs(current) && process.isAlive();
        }

        String functionName() {
            return config.functionName();
        }
    }

    private final Map<String, Spare> byFunction = new HashMap<>();
    /** When each function's spare was added, in {@link #clock}'s nanoseconds. */
    private final Map<String, Long> addedAt = new HashMap<>();
    private final LongSupplier clock;

    SpareInstances() {
        this(System::nanoTime);
    }

    SpareInstances(LongSupplier clock) {
        this.clock = clock;
    }

    /** The spare for exactly this function and revision, removed from the spares; empty when there is none. */
    synchronized Optional<Spare> take(FunctionConfig config) {
        Spare spare = byFunction.get(config.functionName());
        if (spare == null || !spare.serves(config)) {
            return Optional.empty();
        }
        byFunction.remove(config.functionName());
        return Optional.of(spare);
    }

    /** True when a live spare waits for exactly this revision. */
    synchronized boolean has(FunctionConfig config) {
        Spare spare = byFunction.get(config.functionName());
        return spare != null && spare.serves(config);
    }

    /** The process id of the function's live spare, if it has one. */
    synchronized Optional<Long> pidOf(String functionName) {
        Spare spare = byFunction.get(functionName);
        return spare == null || !spare.process().isAlive() ? Optional.empty() : Optional.of(spare.process().pid());
    }

    /** Keeps {@code spare} for its function, stopping the one it replaces. */
    synchronized void add(Spare spare) {
        addedAt.put(spare.functionName(), clock.getAsLong());
        Spare replaced = byFunction.put(spare.functionName(), spare);
        if (replaced != null && replaced != spare) {
            replaced.process().destroyForcibly();
        }
    }

    /** Stops the function's spare unless it is for {@code config}'s revision. */
    synchronized void retainOnly(FunctionConfig config) {
        Spare spare = byFunction.get(config.functionName());
        if (spare != null && !spare.serves(config)) {
            byFunction.remove(config.functionName());
            spare.process().destroyForcibly();
        }
    }

    /** Stops the function's spare (it was deleted). */
    synchronized void discard(String functionName) {
        Spare spare = byFunction.remove(functionName);
        if (spare != null) {
            spare.process().destroyForcibly();
        }
    }

    /** Stops the spares that have waited longer than {@code nanos}; answers their functions' names. */
    synchronized List<String> discardUnusedFor(long nanos) {
        long now = clock.getAsLong();
        List<String> discarded = new ArrayList<>();
        byFunction.values().removeIf(spare -> {
            boolean unused = now - addedAt.getOrDefault(spare.functionName(), now) > nanos;
            if (unused) {
                spare.process().destroyForcibly();
                discarded.add(spare.functionName());
            }
            return unused;
        });
        return discarded;
    }

    synchronized void discardAll() {
        byFunction.values().forEach(spare -> spare.process().destroyForcibly());
        byFunction.clear();
    }
}
