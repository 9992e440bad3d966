package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.localcloud.services.logs.LogsService;
import dev.chatlab.localcloud.services.logs.model.InputLogEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The log stream of one instance, which several threads write: Lambda's own lines (START, END,
 * REPORT, timeouts) and the instance's output. Lines are queued in order and written in
 * batches, one {@link LogsService#append} each: a warm invoke of a quiet function then costs one
 * append (START, END and REPORT together) instead of one per line, and none of them on the
 * invocation's way in.
 */
final class InstanceLog {

    private final LogsService logs;
    private final String group;
    private final String stream;
    /** Held while a batch is written, so that batches reach the stream in the order they were queued. */
    private final Object writing = new Object();
    private List<InputLogEvent> queued = new ArrayList<>();

    InstanceLog(LogsService logs, String group, String stream) {
        this.logs = logs;
        this.group = group;
        this.stream = stream;
    }

    /** Queues a line; it is written with the next {@link #flush()}. Never blocks on a write in progress. */
    void add(String line) {
        InputLogEvent event = new InputLogEvent(System.currentTimeMillis(), line + "\n");
        synchronized (this) {
            queued.add(event);
        }
    }

    synchronized int queuedCount() {
        return queued.size();
    }

    /** Writes what is queued. */
    void flush() {
        synchronized (writing) {
            List<InputLogEvent> batch;
            synchronized (this) {
                if (queued.isEmpty()) {
                    return;
                }
                batch = queued;
                queued = new ArrayList<>();
            }
            logs.append(group, stream, batch);
        }
    }

    /** Queues the lines and writes them (with anything queued before them) now. */
    void write(String... lines) {
        for (String line : lines) {
            add(line);
        }
        flush();
    }
}
