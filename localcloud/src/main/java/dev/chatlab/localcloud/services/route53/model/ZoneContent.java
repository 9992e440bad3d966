package dev.chatlab.localcloud.services.route53.model;

import java.util.List;

/** A hosted zone with all its record sets: what the DNS server answers from. */
public record ZoneContent(HostedZone zone, List<ResourceRecordSet> recordSets) {

    public ZoneContent {
        recordSets = List.copyOf(recordSets);
    }
}
