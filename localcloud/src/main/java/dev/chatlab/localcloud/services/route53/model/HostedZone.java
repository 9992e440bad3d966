package dev.chatlab.localcloud.services.route53.model;

import java.util.List;

/**
 * A hosted zone as localcloud stores it.
 *
 * @param id              the bare id ({@code Z0...}); the wire form adds "/hostedzone/"
 * @param name            the zone's apex, lower-case, with the trailing dot ("lab.test.")
 * @param callerReference the CreateHostedZone caller reference that made it
 * @param comment         the HostedZoneConfig comment, or null
 * @param nameServers     the four name servers of its delegation set (and apex NS record)
 * @param createdAt       epoch millis, which orders ListHostedZones
 */
public record HostedZone(String id, String name, String callerReference, String comment,
                         List<String> nameServers, long createdAt) {

    public HostedZone {
        nameServers = List.copyOf(nameServers);
    }
}
