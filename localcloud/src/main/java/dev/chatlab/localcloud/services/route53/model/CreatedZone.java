package dev.chatlab.localcloud.services.route53.model;

/** What CreateHostedZone answers: the zone, its record set count, and the change that created it. */
public record CreatedZone(ZoneSummary zone, ChangeInfo change) {
}
