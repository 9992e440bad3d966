package dev.chatlab.localcloud.services.logs.model;

/**
 * A log group as stored.
 *
 * @param retentionInDays null: events never expire
 */
public record LogGroup(String logGroupName, long creationTime, Integer retentionInDays) {
}
