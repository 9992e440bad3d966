package dev.chatlab.localcloud.services.route53.model;

/** A hosted zone with its current number of record sets, as GetHostedZone and the listings show it. */
public record ZoneSummary(HostedZone zone, int recordSetCount) {
}
