package dev.chatlab.localcloud.services.lambda.runtime;

/**
 * What an {@link InstancePool} knows of one of its instances, in the pool's clock (nanoseconds):
 * when it started, whether it is busy and since when, how many invocations it has run.
 * Changed only under the pool's lock.
 */
final class PooledInstance {

    final FunctionInstance instance;
    final long startedAt;
    private long busySince;
    private long idleSince;
    private long invocations;
    /** Since when it runs its first event, its init phase over; -1 before and after that. */
    private long firstRequestSince = -1;

    PooledInstance(FunctionInstance instance, long startedAt) {
        this.instance = instance;
        this.startedAt = startedAt;
        this.busySince = startedAt;
        this.idleSince = startedAt;
    }

    /** Invocations handed to it so far: how warm its JIT is. */
    long invocations() {
        return invocations;
    }

    /** True while it runs its first invocation: its init phase and a JVM that has compiled nothing yet. */
    boolean inFirstInvocation() {
        return invocations <= 1;
    }

    /** When its current invocation began; for the first one, when the instance started. */
    long busySince() {
        return inFirstInvocation() ? startedAt : busySince;
    }

    /** True while it runs the first event it took, at most {@code nanos} after its init ended. */
    boolean inFirstRequest(long now, long nanos) {
        return firstRequestSince >= 0 && now - firstRequestSince < nanos;
    }

    /** Its init phase ended: it took its first event. */
    void initialized(long now) {
        firstRequestSince = now;
    }

    long idleSince() {
        return idleSince;
    }

    void taken(long now) {
        invocations++;
        busySince = now;
    }

    void freed(long now) {
        idleSince = now;
        firstRequestSince = -1;
    }
}
