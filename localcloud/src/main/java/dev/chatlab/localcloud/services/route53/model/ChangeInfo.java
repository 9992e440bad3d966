package dev.chatlab.localcloud.services.route53.model;

import java.time.Instant;

/**
 * The state of one submitted change (a zone created or deleted, a batch of record changes).
 *
 * @param id          the bare id ({@code C0...}); the wire form adds "/change/"
 * @param status      PENDING until the change has propagated, then INSYNC
 */
public record ChangeInfo(String id, Status status, Instant submittedAt, String comment) {

    public enum Status { PENDING, INSYNC }
}
