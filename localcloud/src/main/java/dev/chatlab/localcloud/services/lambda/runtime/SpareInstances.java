package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * JVMs started before they are needed, at most one per function, each for one revision of it
 * (its code and configuration, as {@link FunctionConfig#revisionId()} names them): the bootstrap
 * has loaded the runtime and waits for its environment. The next cold start of that revision
 * takes it and hands it its environment ({@link InstanceLauncher#handOff}); the init phase (the
 * handler's class, its constructor) still runs then, on demand, and Init Duration counts from the
 * hand-off, so what the function sees and the logs say is a cold start as on Lambda, without the
 * wait for a JVM to boot.
 *
 * <p>A spare serves one instance of the function and revision it was started for, and nothing
 * else: {@link #take} hands it out only for that revision, and only once; a spare of a replaced
 * revision is stopped when its successor's is {@linkplain #add added} or {@linkplain #retainOnly
 * found useless}.
 */
final class SpareInstances {

    /**
     * A started JVM and the identity its instance will have (its id and log stream are in its
     * process environment already, as Lambda's variables that only say what runs).
     */
    record Spare(String functionName, String revisionId, String instanceId, String logStream, Path codeDirectory, Process process) {
        boolean serves(FunctionConfig config) {
            return functionName.equals(config.functionName()) && revisionId.equals(config.revisionId()) && process.isAlive();
        }
    }

    private final Map<String, Spare> byFunction = new HashMap<>();

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

    synchronized void discardAll() {
        byFunction.values().forEach(spare -> spare.process().destroyForcibly());
        byFunction.clear();
    }
}
