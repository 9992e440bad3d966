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
 * (its code and configuration, see {@link FunctionConfig#runsAs}). The next cold start of that
 * revision takes it, so the function's first invoke does not wait for a JVM to boot.
 *
 * <p>A spare starts with the bootstrap loaded and no environment. Unless a cold start takes it
 * within a couple of seconds (the first call right after a deploy), FunctionRuntime then
 * initializes it ahead, as Lambda proactively initializes execution environments of on-demand
 * functions "to reduce the number of cold start invocations": it gets its environment and
 * credentials ({@link InstanceLauncher#handOff}), runs the init phase (the handler's class, its
 * constructor) and waits on the Runtime API for its first event, which it then answers at once.
 * Its log stream shows INIT_START and the init's output when they happened, and its first REPORT
 * the init's own Init Duration, as Lambda's do: the gap before the first invocation is the one AWS
 * documents for proactive initialization. A spare whose role gives no credentials yet, or whose
 * revision's init failed or overran ahead, keeps waiting for its environment: the cold start
 * hands it over and its init runs then, on demand.
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
     * process environment already, as Lambda's variables that only say what runs); {@code initialized}
     * is the instance it already is when its init ran ahead.
     */
    record Spare(FunctionConfig config, String instanceId, String logStream, Path codeDirectory, Process process,
                 Optional<FunctionInstance> initialized) {

        /** A spare that waits for its environment: its init runs at its cold start. */
        Spare(FunctionConfig config, String instanceId, String logStream, Path codeDirectory, Process process) {
            this(config, instanceId, logStream, codeDirectory, process, Optional.empty());
        }

        /** The same spare, its init run ahead as {@code instance}. */
        Spare initializedAs(FunctionInstance instance) {
            return new Spare(config, instanceId, logStream, codeDirectory, process, Optional.of(instance));
        }

        boolean serves(FunctionConfig current) {
            return config.runsAs(current) && process.isAlive() && initialized.map(instance -> !instance.isDead()).orElse(true);
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

    /** The spare for exactly this revision if it still waits for its environment, removed from the spares. */
    synchronized Optional<Spare> takeWaitingForEnvironment(FunctionConfig config) {
        return waitsForEnvironment(config) ? take(config) : Optional.empty();
    }

    /** True when a live spare for exactly this revision waits for its environment (its init has not run ahead). */
    synchronized boolean waitsForEnvironment(FunctionConfig config) {
        Spare spare = byFunction.get(config.functionName());
        return spare != null && spare.serves(config) && spare.initialized().isEmpty();
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

    /** Stops {@code spare} unless it was taken already; true when it was stopped. */
    synchronized boolean discard(Spare spare) {
        if (byFunction.get(spare.functionName()) != spare) {
            return false;
        }
        byFunction.remove(spare.functionName());
        spare.process().destroyForcibly();
        return true;
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
