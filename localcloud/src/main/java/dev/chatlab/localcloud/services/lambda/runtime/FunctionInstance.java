package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.lambdaruntime.Bootstrap;
import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import dev.chatlab.localcloud.services.logs.LogsService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One execution environment of a function: a child JVM running the bootstrap, the Runtime API
 * state localcloud keeps for it, and the thread that copies its output (stdout and stderr, one
 * pipe) into the function's log stream. It runs one invocation at a time.
 */
final class FunctionInstance {

    /** AWS's limit on one log event; longer lines are split. */
    private static final int MAX_LINE_CHARS = 256 * 1024 - 26;
    private static final int FLUSH_EVERY_LINES = 1000;

    /** The execution environment's id, as its log stream names it. */
    final String id;
    /** The secret path segment of its Runtime API: only this instance and localcloud know it. */
    final String runtimeApiToken;
    final FunctionConfig config;
    final String logGroup;
    final String logStream;
    private final InstanceLog log;
    private final BlockingQueue<PendingInvocation> mailbox = new LinkedBlockingQueue<>();
    private final long startedAtNanos = System.nanoTime();
    /** Completed when the instance first asks for an event: its init phase is over (see {@link #initEnded}). */
    private final CompletableFuture<Void> initEnded = new CompletableFuture<>();
    private volatile long initEndedAtNanos;
    /** Its init phase ran before any invocation was assigned (a spare initialized ahead, see SpareInstances). */
    private volatile boolean initializedAhead;
    /** How long a recorder has to record its archive and end after SIGTERM (about a second of CPU, far more on a loaded machine). */
    static final long RECORDER_STOP_SECONDS = 120;
    private volatile Process process;
    /**
     * True when its JVM, stopped now, should record its revision's class archive (see FunctionArchives):
     * it is stopped with SIGTERM then.
     */
    private volatile BooleanSupplier recordsAtStop = () -> false;
    /** The invocation assigned to this instance and not finished yet (handed over or not). */
    private volatile PendingInvocation assigned;
    /** The invocation whose output the instance is printing now, until its end-of-output line. */
    private volatile PendingInvocation outputOwner;
    private volatile boolean firstInvocation = true;
    private volatile boolean dead;
    /** Invocations assigned so far: how warm the instance's JIT is. */
    private volatile long invocations;

    FunctionInstance(String id, String runtimeApiToken, FunctionConfig config, String logGroup, String logStream, LogsService logs) {
        this.id = id;
        this.runtimeApiToken = runtimeApiToken;
        this.config = config;
        this.logGroup = logGroup;
        this.logStream = logStream;
        this.log = new InstanceLog(logs, logGroup, logStream);
    }

    /** @param recordsAtStop whether the JVM, stopped now, should record its revision's class archive (see {@link #retire}) */
    void started(Process started, BooleanSupplier recordsAtStop) {
        this.process = started;
        this.recordsAtStop = recordsAtStop;
        log("INIT_START Runtime Version: " + config.runtime() + ".localcloud");
        Thread pump = new Thread(this::pumpOutput, "lambda-log-" + config.functionName() + "-" + id.substring(0, 8));
        pump.setDaemon(true);
        pump.start();
        started.onExit().thenAccept(exited -> onExit(exited.exitValue()));
    }

    /**
     * Its init phase runs before any invocation is assigned (a spare initialized ahead): its first
     * invocation then reports the init's own duration, not the wait for the invocation.
     */
    void initializeAhead() {
        initializedAhead = true;
    }

    boolean initializedAhead() {
        return initializedAhead;
    }

    /** Completes when the instance first asks the Runtime API for an event, its init phase over. */
    CompletableFuture<Void> initEnded() {
        return initEnded;
    }

    /** The instance's JVM, once started. */
    Optional<ProcessHandle> processHandle() {
        Process running = process;
        return running == null ? Optional.empty() : Optional.of(running.toHandle());
    }

    boolean isDead() {
        return dead;
    }

    /** True when the instance runs this function, in this revision of its code and configuration (see {@link FunctionConfig#runsAs}). */
    boolean runs(FunctionConfig current) {
        return config.runsAs(current);
    }

    long invocationCount() {
        return invocations;
    }

    void assign(PendingInvocation invocation) {
        invocations++;
        assigned = invocation;
        mailbox.add(invocation);
    }

    /** The invocation has been answered (or given up on): the instance is free again. */
    void finished(PendingInvocation invocation) {
        if (assigned == invocation) {
            assigned = null;
        }
    }

    // ---- the Runtime API, called from the instance's requests

    /** {@code invocation/next}: the next event, or empty when none came within {@code waitMillis}. */
    Optional<PendingInvocation> next(long waitMillis) throws InterruptedException {
        if (!initEnded.isDone()) {
            initEndedAtNanos = System.nanoTime();
            initEnded.complete(null);
        }
        PendingInvocation invocation = mailbox.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (invocation == null || dead) {
            return Optional.empty();
        }
        // Invoke answers without waiting for the previous invocation's output to be read (unless it
        // wants the log tail): its last lines must reach its log and tail before this one's start.
        // The bootstrap printed them before its answer, so this rarely waits.
        PendingInvocation previous = outputOwner;
        if (previous != null) {
            previous.outputEnded.await(1, TimeUnit.SECONDS);
        }
        boolean first = firstInvocation;
        firstInvocation = false;
        outputOwner = invocation;
        String start = "START RequestId: " + invocation.requestId + " Version: $LATEST";
        invocation.appendTail(start);
        log.add(start);
        // Init Duration: from the hand-off to the init's end, which for a spare initialized ahead was before this invocation came
        invocation.handOver(first ? (initEndedAtNanos - startedAtNanos) / 1e6 : null);
        return Optional.of(invocation);
    }

    /** {@code invocation/<id>/response} or {@code /error}; false when the id is not the current invocation. */
    boolean answer(String requestId, byte[] body, boolean functionError) {
        PendingInvocation invocation = assigned;
        if (invocation == null || !invocation.requestId.equals(requestId) || !invocation.handedOver.isDone()) {
            return false;
        }
        invocation.outcome.complete(new PendingInvocation.Outcome(body, functionError, true));
        return true;
    }

    /** {@code init/error}: the handler could not be loaded; the invocation waiting for it gets the error. */
    void initError(byte[] body) {
        PendingInvocation invocation = assigned;
        if (invocation != null) {
            invocation.outcome.complete(new PendingInvocation.Outcome(body, true, false));
        }
        kill();
    }

    // ---- the process

    /**
     * Stops an instance that is no longer needed. A recorder of its revision's class archive whose
     * code serves later instances gets SIGTERM, so that the bootstrap's shutdown hook can record the
     * archive if it has not yet (see ClassArchiveRecorder; about two seconds of CPU), and is killed
     * if it has not ended within {@link #RECORDER_STOP_SECONDS}; any other is killed at once, as
     * Lambda stops an idle one: so is a recorder whose code no instance will run again (the
     * function got new code or was deleted, or the cloud's code goes with it), whose archive no
     * one would read.
     */
    void retire() {
        Process running = process;
        if (running == null || !recordsAtStop.getAsBoolean()) {
            kill();
            return;
        }
        dead = true;
        mailbox.clear();
        running.destroy();
        running.onExit().orTimeout(RECORDER_STOP_SECONDS, TimeUnit.SECONDS).exceptionally(stillRunning -> {
            running.destroyForcibly();
            return running;
        });
    }

    void kill() {
        dead = true;
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
        mailbox.clear();
    }

    private void onExit(int status) {
        dead = true;
        PendingInvocation invocation = assigned;
        if (invocation != null && !invocation.outcome.isDone()) {
            String reason = status == 0 ? "Runtime exited without providing a reason"
                    : "Runtime exited with error: exit status " + status;
            String message = "RequestId: " + invocation.requestId + " Error: " + reason;
            log(message);
            invocation.appendTail(message);
            invocation.outcome.complete(new PendingInvocation.Outcome(ErrorDocuments.of("Runtime.ExitError", message), true, false));
        }
        PendingInvocation owner = outputOwner;
        if (owner != null) {
            owner.outputEnded.countDown();
        }
    }

    /** Copies the instance's output into its log stream, one event per line, in batches. */
    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(Bootstrap.END_OF_INVOCATION)) {
                    endOfOutput(line.substring(Bootstrap.END_OF_INVOCATION.length()));
                    continue;
                }
                PendingInvocation owner = outputOwner;
                for (int start = 0; start < Math.max(1, line.length()); start += MAX_LINE_CHARS) {
                    String part = line.substring(start, Math.min(line.length(), start + MAX_LINE_CHARS));
                    log.add(part);
                    if (owner != null) {
                        owner.appendTail(part);
                    }
                }
                if (log.queuedCount() >= FLUSH_EVERY_LINES || !reader.ready()) {
                    log.flush();
                }
            }
        } catch (IOException e) {
            // the process is gone: what it printed so far is flushed below
        } finally {
            log.flush();
        }
    }

    /**
     * The bootstrap's end-of-output line: the invocation's output is complete, so its END and
     * REPORT lines follow it in the log, written here (not by the invoke, which has answered).
     */
    private void endOfOutput(String requestId) {
        PendingInvocation owner = outputOwner;
        if (owner != null && owner.requestId.equals(requestId.trim())) {
            writeEnd(owner);
            outputOwner = null;
            owner.outputEnded.countDown();
        }
    }

    /**
     * Lambda's END and REPORT lines of a handed-over invocation, into the log and its tail, once:
     * by the output reader at the end of its output, or by the invoke when it timed out or crashed.
     * REPORT's Duration runs from the hand-over to now.
     */
    void writeEnd(PendingInvocation invocation) {
        if (!invocation.claimEnd()) {
            return;
        }
        long durationNanos = System.nanoTime() - invocation.handedOverAtNanos;
        String end = "END RequestId: " + invocation.requestId;
        StringBuilder report = new StringBuilder("REPORT RequestId: ").append(invocation.requestId)
                .append("\tDuration: ").append(twoDecimals(durationNanos / 1e6)).append(" ms")
                .append("\tBilled Duration: ").append((long) Math.ceil(durationNanos / 1e6)).append(" ms")
                .append("\tMemory Size: ").append(config.memorySize()).append(" MB");
        if (invocation.initDurationMillis != null) {
            report.append("\tInit Duration: ").append(twoDecimals(invocation.initDurationMillis)).append(" ms");
        }
        invocation.appendTail(end);
        invocation.appendTail(report.toString());
        log.write(end, report.toString());
    }

    /** Lines of Lambda's own (errors, END and REPORT) in the instance's log stream, one event each, written now. */
    void log(String... lines) {
        log.write(lines);
    }

    /**
     * {@code value} with two decimals, as Lambda's REPORT line writes durations. Without
     * String.format, which parses its pattern on every call: every invoke writes a REPORT line.
     */
    static String twoDecimals(double value) {
        long hundredths = Math.round(value * 100);
        long fraction = hundredths % 100;
        return hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
