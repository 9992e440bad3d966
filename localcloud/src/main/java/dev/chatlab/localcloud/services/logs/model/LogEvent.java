package dev.chatlab.localcloud.services.logs.model;

/** One stored event; {@code sequence} is its place in its stream, {@code logStreamName} where it lives. */
public record LogEvent(String logStreamName, long sequence, long timestamp, String message, long ingestionTime) {

    /** The event id FilterLogEvents reports: unique within the group. */
    public String eventId() {
        return String.format("%019d%s", sequence, Integer.toHexString(logStreamName.hashCode()));
    }
}
