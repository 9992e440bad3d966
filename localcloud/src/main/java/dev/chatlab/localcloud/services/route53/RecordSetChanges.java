package dev.chatlab.localcloud.services.route53;

import dev.chatlab.localcloud.services.route53.model.AliasTarget;
import dev.chatlab.localcloud.services.route53.model.Change;
import dev.chatlab.localcloud.services.route53.model.HostedZone;
import dev.chatlab.localcloud.services.route53.model.ResourceRecordSet;
import dev.chatlab.localcloud.services.route53.model.ZoneContent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies one ChangeResourceRecordSets batch to a zone's record sets the way Route53 does:
 * the changes in order, each against the state the earlier ones left (so DELETE then CREATE
 * of the same set replaces it), and all or nothing: every problem of the batch is collected
 * and the batch is refused as a whole with InvalidChangeBatch.
 */
final class RecordSetChanges {

    private static final Set<String> SUPPORTED_TYPES = Set.of(
            "SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", "SRV", "SPF", "AAAA", "CAA", "DS", "TLSA", "SSHFP", "SVCB", "HTTPS");
    private static final Set<String> ALIAS_TYPES = Set.of("A", "AAAA", "CNAME", "MX", "TXT", "SRV", "PTR", "SPF", "NAPTR", "CAA", "HTTPS", "SVCB");

    /** Route53's limit on ResourceRecord elements in one request (an UPSERT's count twice). */
    static final int MAX_RECORDS_PER_BATCH = 1000;

    private final HostedZone zone;
    private final Function<String, Optional<ZoneContent>> hostedZones;
    private final List<ResourceRecordSet> sets;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param hostedZones finds another hosted zone of this account by id, for aliases that
     *                    point at a record of a hosted zone
     */
    private RecordSetChanges(HostedZone zone, List<ResourceRecordSet> current, Function<String, Optional<ZoneContent>> hostedZones) {
        this.zone = zone;
        this.sets = new ArrayList<>(current);
        this.hostedZones = hostedZones;
    }

    /** The zone's record sets after {@code changes}; throws InvalidInput or InvalidChangeBatch instead. */
    static List<ResourceRecordSet> apply(HostedZone zone, List<ResourceRecordSet> current, List<Change> changes,
                                         Function<String, Optional<ZoneContent>> hostedZones) {
        if (changes.isEmpty()) {
            throw Route53Errors.invalidInput("Invalid request: ChangeBatch must contain at least one Change.");
        }
        if (recordsIn(changes) > MAX_RECORDS_PER_BATCH) {
            throw Route53Errors.invalidChangeBatch(List.of("Number of records limit of " + MAX_RECORDS_PER_BATCH + " exceeded."));
        }
        List<Change> normalized = changes.stream().map(RecordSetChanges::normalized).toList();
        RecordSetChanges batch = new RecordSetChanges(zone, current, hostedZones);
        normalized.forEach(batch::applyOne);
        batch.checkApex();
        if (!batch.problems.isEmpty()) {
            throw Route53Errors.invalidChangeBatch(batch.problems);
        }
        return List.copyOf(batch.sets);
    }

    /** The ResourceRecord elements of a batch as Route53 counts them; an alias counts as one. */
    private static long recordsIn(List<Change> changes) {
        return changes.stream()
                .mapToLong(change -> Math.max(1, change.recordSet().values().size()) * (change.action() == Change.Action.UPSERT ? 2L : 1L))
                .sum();
    }

    /** Checks the shape of one change (InvalidInput, before any batch semantics) and normalizes its names. */
    private static Change normalized(Change change) {
        ResourceRecordSet set = change.recordSet();
        String described = "Change with [Action=" + change.action() + ", Name=" + set.name() + ", Type=" + set.type() + ", SetIdentifier=null]";
        if (!SUPPORTED_TYPES.contains(set.type())) {
            throw Route53Errors.invalidInput("Invalid request: unknown record type '" + set.type() + "' in " + described);
        }
        boolean plain = set.ttl() != null || !set.values().isEmpty();
        if (set.isAlias() == plain) {
            throw Route53Errors.invalidInput("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found "
                    + (plain ? "more than one" : "none") + " in " + described);
        }
        if (plain && (set.ttl() == null || set.values().isEmpty())) {
            throw Route53Errors.invalidInput("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found "
                    + (set.ttl() == null ? "ResourceRecords without TTL" : "TTL without ResourceRecords") + " in " + described);
        }
        String name = DnsNames.normalize(set.name());
        if (name == null) {
            throw Route53Errors.invalidInput("Invalid request: '" + set.name() + "' is not a valid DNS name in " + described);
        }
        AliasTarget alias = set.aliasTarget();
        if (alias != null) {
            String target = DnsNames.normalize(alias.dnsName());
            if (target == null) {
                throw Route53Errors.invalidInput("Invalid request: AliasTarget DNSName '" + alias.dnsName() + "' is not a valid DNS name in " + described);
            }
            alias = new AliasTarget(stripPrefix(alias.hostedZoneId()), target, alias.evaluateTargetHealth());
        }
        return new Change(change.action(), new ResourceRecordSet(name, set.type(), set.ttl(), set.values(), alias));
    }

    private void applyOne(Change change) {
        ResourceRecordSet set = change.recordSet();
        if (!DnsNames.isWithin(set.name(), zone.name())) {
            problems.add("RRSet with DNS name " + set.name() + " is not permitted in zone " + zone.name());
            return;
        }
        Optional<ResourceRecordSet> existing = find(set.name(), set.type());
        switch (change.action()) {
            case CREATE -> {
                if (existing.isPresent()) {
                    problems.add("Tried to create resource record set " + describe(set) + " but it already exists");
                } else if (acceptable(set)) {
                    sets.add(set);
                }
            }
            case UPSERT -> {
                if (acceptable(set)) {
                    existing.ifPresent(sets::remove);
                    sets.add(set);
                }
            }
            case DELETE -> {
                if (existing.isEmpty()) {
                    problems.add("Tried to delete resource record set " + describe(set) + " but it was not found");
                } else if (!sameContent(existing.get(), set)) {
                    problems.add("Tried to delete resource record set " + describe(set) + " but the values provided do not match the current values");
                } else {
                    sets.remove(existing.get());
                }
            }
        }
    }

    /** The checks of a set that is about to exist: its values, its place in the zone, its alias target. */
    private boolean acceptable(ResourceRecordSet set) {
        int before = problems.size();
        set.values().forEach(value -> RecordData.problem(set.type(), value).ifPresent(problems::add));
        if (set.type().equals("CNAME")) {
            if (set.name().equals(zone.name())) {
                problems.add("RRSet of type CNAME with DNS name " + set.name() + " is not permitted at apex in zone " + zone.name());
            } else if (sets.stream().anyMatch(other -> other.name().equals(set.name()) && !other.type().equals("CNAME"))) {
                problems.add("RRSet of type CNAME with DNS name " + set.name() + " is not permitted as it conflicts with other records with the same DNS name in zone " + zone.name());
            }
            if (set.values().size() > 1) {
                problems.add("RRSet of type CNAME with DNS name " + set.name() + " has more than one resource record");
            }
        } else if (find(set.name(), "CNAME").isPresent()) {
            // AWS's message has the double space too
            problems.add("RRSet of type " + set.type() + " with DNS name " + set.name()
                    + " is not permitted because a conflicting RRSet of type  CNAME with the same DNS name already exists in zone " + zone.name());
        }
        if (set.isAlias()) {
            checkAliasTarget(set);
        }
        return problems.size() == before;
    }

    private void checkAliasTarget(ResourceRecordSet set) {
        AliasTarget alias = set.aliasTarget();
        String prefix = "Tried to create an alias that targets " + alias.dnsName() + ", type " + set.type() + " in zone " + alias.hostedZoneId();
        if (!ALIAS_TYPES.contains(set.type())) {
            problems.add(prefix + ", but alias records of type " + set.type() + " are not supported");
            return;
        }
        if (S3WebsiteEndpoints.isWebsiteZone(alias.hostedZoneId())) {
            if (S3WebsiteEndpoints.regionOf(alias.hostedZoneId(), alias.dnsName()).isEmpty()) {
                problems.add(prefix + ", but the alias target name does not lie within the target zone");
            }
            return;
        }
        Optional<ZoneContent> targetZone = alias.hostedZoneId().equals(zone.id())
                ? Optional.of(new ZoneContent(zone, sets))
                : hostedZones.apply(alias.hostedZoneId());
        if (targetZone.isEmpty() || !DnsNames.isWithin(alias.dnsName(), targetZone.get().zone().name())) {
            problems.add(prefix + ", but the alias target name does not lie within the target zone");
        } else if (targetZone.get().recordSets().stream().noneMatch(other -> other.name().equals(alias.dnsName()) && other.type().equals(set.type()))) {
            problems.add(prefix + ", but that target was not found");
        }
    }

    /** A zone keeps exactly one SOA and its own NS record set at the apex, whatever the batch did. */
    private void checkApex() {
        if (find(zone.name(), "SOA").isEmpty()) {
            problems.add("A HostedZone must contain exactly one SOA record.");
        }
        if (find(zone.name(), "NS").isEmpty()) {
            problems.add("A HostedZone must contain at least one NS record for the zone itself.");
        }
    }

    private Optional<ResourceRecordSet> find(String name, String type) {
        return sets.stream().filter(set -> set.name().equals(name) && set.type().equals(type)).findFirst();
    }

    /** DELETE must name the set as it is: same TTL and the same values (in any order), or the same alias target. */
    private static boolean sameContent(ResourceRecordSet current, ResourceRecordSet given) {
        if (current.isAlias() || given.isAlias()) {
            return current.isAlias() && given.isAlias() && current.aliasTarget().equals(given.aliasTarget());
        }
        return current.ttl().equals(given.ttl()) && canonicalValues(current).equals(canonicalValues(given));
    }

    private static Set<String> canonicalValues(ResourceRecordSet set) {
        Set<String> canonical = new HashSet<>();
        for (String value : set.values()) {
            try {
                canonical.add(RecordData.toRecord(set.name(), set.type(), 0, value).rdataToString());
            } catch (IllegalArgumentException unparsable) {
                canonical.add(value.trim());
            }
        }
        return canonical;
    }

    private static String describe(ResourceRecordSet set) {
        return "[name='" + DnsNames.escape(set.name()) + "', type='" + set.type() + "']";
    }

    static String stripPrefix(String zoneId) {
        if (zoneId == null) {
            return "";
        }
        return zoneId.startsWith("/hostedzone/") ? zoneId.substring("/hostedzone/".length()) : zoneId;
    }
}
