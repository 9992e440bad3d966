package dev.chatlab.localcloud.services.logs.model;

/**
 * A log stream as stored; {@code nextSequence} numbers its next event (events are kept in the
 * order they arrived, which is their order in GetLogEvents).
 *
 * @param firstEventTimestamp null until the first event
 */
public record LogStream(String logStreamName, long creationTime, Long firstEventTimestamp, Long lastEventTimestamp,
                        Long lastIngestionTime, long storedBytes, long nextSequence) {

    public static LogStream created(String name, long now) {
        return new LogStream(name, now, null, null, null, 0, 0);
    }
}
