package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.lambdaruntime.Bootstrap;
import dev.chatlab.localcloud.services.lambda.model.FunctionConfig;
import dev.chatlab.localcloud.services.logs.LogsService;
import dev.chatlab.localcloud.services.logs.model.InputLogEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One execution environment of a function: a child JVM running the bootstrap, the Runtime API
 * state localcloud keeps for it, and the thread that copies its output (stdout and stderr, one
 * pipe) into the function's log stream. It runs one invocation at a time.
 */
final class FunctionInstance {

    /** AWS's limit on one log event; longer lines are split. */
    private static final int MAX_LINE_CHARS = 256 * 1024 - 26;
    private static final int FLUSH_EVERY_LINES = 1000;

    final String id;
    final FunctionConfig config;
    final String logGroup;
    final String logStream;
    private final LogsService logs;
    private final BlockingQueue<PendingInvocation> mailbox = new LinkedBlockingQueue<>();
    private final long startedAtNanos = System.nanoTime();
    private volatile Process process;
    /** The invocation assigned to this instance and not finished yet (handed over or not). */
    private volatile PendingInvocation assigned;
    /** The invocation whose output the instance is printing now, until its end-of-output line. */
    private volatile PendingInvocation outputOwner;
    private volatile boolean firstInvocation = true;
    private volatile boolean dead;
    private volatile long lastUsedNanos = System.nanoTime();

    FunctionInstance(String id, FunctionConfig config, String logGroup, String logStream, LogsService logs) {
        this.id = id;
        this.config = config;
        this.logGroup = logGroup;
        this.logStream = logStream;
        this.logs = logs;
    }

    void started(Process started) {
        this.process = started;
        log("INIT_START Runtime Version: " + config.runtime() + ".localcloud");
        Thread pump = new Thread(this::pumpOutput, "lambda-log-" + config.functionName() + "-" + id.substring(0, 8));
        pump.setDaemon(true);
        pump.start();
        started.onExit().thenAccept(exited -> onExit(exited.exitValue()));
    }

    boolean isDead() {
        return dead;
    }

    long ageNanos() {
        return System.nanoTime() - startedAtNanos;
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    void assign(PendingInvocation invocation) {
        assigned = invocation;
        lastUsedNanos = System.nanoTime();
        mailbox.add(invocation);
    }

    /** The invocation has been answered (or given up on): the instance is free again. */
    void finished(PendingInvocation invocation) {
        if (assigned == invocation) {
            assigned = null;
        }
        lastUsedNanos = System.nanoTime();
    }

    // ---- the Runtime API, called from the instance's requests

    /** {@code invocation/next}: the next event, or empty when none came within {@code waitMillis}. */
    Optional<PendingInvocation> next(long waitMillis) throws InterruptedException {
        PendingInvocation invocation = mailbox.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (invocation == null || dead) {
            return Optional.empty();
        }
        boolean first = firstInvocation;
        firstInvocation = false;
        outputOwner = invocation;
        String start = "START RequestId: " + invocation.requestId + " Version: $LATEST";
        invocation.appendTail(start);
        log(start);
        invocation.handOver(first ? (System.nanoTime() - startedAtNanos) / 1e6 : null);
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
        List<InputLogEvent> batch = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(Bootstrap.END_OF_INVOCATION)) {
                    flush(batch);
                    endOfOutput(line.substring(Bootstrap.END_OF_INVOCATION.length()));
                    continue;
                }
                PendingInvocation owner = outputOwner;
                for (int start = 0; start < Math.max(1, line.length()); start += MAX_LINE_CHARS) {
                    String part = line.substring(start, Math.min(line.length(), start + MAX_LINE_CHARS));
                    batch.add(new InputLogEvent(System.currentTimeMillis(), part + "\n"));
                    if (owner != null) {
                        owner.appendTail(part);
                    }
                }
                if (batch.size() >= FLUSH_EVERY_LINES || !reader.ready()) {
                    flush(batch);
                }
            }
        } catch (IOException e) {
            // the process is gone: what it printed so far is flushed below
        } finally {
            flush(batch);
        }
    }

    private void endOfOutput(String requestId) {
        PendingInvocation owner = outputOwner;
        if (owner != null && owner.requestId.equals(requestId.trim())) {
            outputOwner = null;
            owner.outputEnded.countDown();
        }
    }

    private void flush(List<InputLogEvent> batch) {
        if (!batch.isEmpty()) {
            logs.append(logGroup, logStream, List.copyOf(batch));
            batch.clear();
        }
    }

    /** Lines of Lambda's own (START, END, REPORT, errors) in the instance's log stream, one event each. */
    void log(String... lines) {
        long now = System.currentTimeMillis();
        List<InputLogEvent> events = new ArrayList<>();
        for (String line : lines) {
            events.add(new InputLogEvent(now, line + "\n"));
        }
        logs.append(logGroup, logStream, events);
    }

    static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
