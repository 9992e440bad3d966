package dev.chatlab.localcloud.services.logs.model;

/** An event to store: its own timestamp (epoch millis) and text. */
public record InputLogEvent(long timestamp, String message) {
}
