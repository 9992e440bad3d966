package dev.chatlab.localcloud.services.route53.model;

/**
 * Where an alias record points: a name inside another zone (an S3 website endpoint's zone,
 * or a hosted zone of this account) instead of record values.
 *
 * @param hostedZoneId         the target zone's id (Z3W03O7B5YMIYP for S3 websites in Seoul)
 * @param dnsName              the target name, lower-case, with the trailing dot
 * @param evaluateTargetHealth stored and echoed; localcloud has no health checks
 */
public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {
}
