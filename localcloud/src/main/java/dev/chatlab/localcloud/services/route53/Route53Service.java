package dev.chatlab.localcloud.services.route53;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.route53.Route53Store.StoredChange;
import dev.chatlab.localcloud.services.route53.model.Change;
import dev.chatlab.localcloud.services.route53.model.ChangeInfo;
import dev.chatlab.localcloud.services.route53.model.CreatedZone;
import dev.chatlab.localcloud.services.route53.model.HostedZone;
import dev.chatlab.localcloud.services.route53.model.Page;
import dev.chatlab.localcloud.services.route53.model.ResourceRecordSet;
import dev.chatlab.localcloud.services.route53.model.Tag;
import dev.chatlab.localcloud.services.route53.model.ZoneContent;
import dev.chatlab.localcloud.services.route53.model.ZoneSummary;
import dev.chatlab.localcloud.storage.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Route53's logic: hosted zones with their SOA and NS records, record set changes, changes
 * that turn from PENDING to INSYNC, tags. Everything lives in {@link Storage}; the DNS server
 * reads the zones through {@link #authoritativeZoneFor(String)}.
 */
public final class Route53Service {

    static final long SOA_TTL = 900;
    static final long NS_TTL = 172800;
    static final int MAX_TAGS = 50;
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final Comparator<HostedZone> BY_CREATION = Comparator.comparingLong(HostedZone::createdAt).thenComparing(HostedZone::id);
    private static final Comparator<HostedZone> BY_NAME = Comparator.comparing(HostedZone::name, DnsNames.REVERSED_LABEL_ORDER).thenComparing(HostedZone::id);
    private static final Comparator<ResourceRecordSet> RECORD_ORDER = Comparator.comparing(ResourceRecordSet::name, DnsNames.REVERSED_LABEL_ORDER).thenComparing(ResourceRecordSet::type);

    private final Route53Store store;
    private final Clock clock;
    private final Duration propagationDelay;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param propagationDelay how long GetChange answers PENDING after a change before INSYNC.
     *                         On AWS that is usually under a minute; locally the DNS server
     *                         answers from the new state at once, so localcloud runs with zero
     *                         (the SDK's waiter polls only every 30 seconds after its first try)
     */
    public Route53Service(Storage storage, Clock clock, Duration propagationDelay) {
        this.store = new Route53Store(storage);
        this.clock = clock;
        this.propagationDelay = propagationDelay;
    }

    // Hosted zones

    public synchronized CreatedZone createHostedZone(String name, String callerReference, String comment, boolean inVpc, String delegationSetId) {
        if (callerReference == null || callerReference.isEmpty() || callerReference.length() > 128) {
            throw Route53Errors.invalidInput("Invalid request: CallerReference must be 1 to 128 characters long.");
        }
        if (comment != null && comment.length() > 256) {
            throw Route53Errors.invalidInput("Invalid request: Comment must be at most 256 characters long.");
        }
        if (name == null || name.isBlank()) {
            throw Route53Errors.invalidInput("Invalid request: Name is required.");
        }
        String zoneName = DnsNames.normalize(name);
        if (zoneName == null) {
            throw Route53Errors.invalidDomainName(name + " is not a valid domain name.");
        }
        if (zoneName.indexOf('.') == zoneName.length() - 1) {
            // a top-level domain ("com", "test") cannot be a hosted zone
            throw Route53Errors.invalidDomainName(name + " is reserved by AWS!");
        }
        if (inVpc) {
            throw new AwsException("InvalidVPCId", 400, "The VPC ID that you specified either isn't a valid ID or the current account is not authorized to access this VPC. (localcloud has no VPCs, so it offers public hosted zones only.)");
        }
        if (delegationSetId != null && !delegationSetId.isEmpty()) {
            throw new AwsException("NoSuchDelegationSet", 400, "A reusable delegation set with the specified ID does not exist: " + delegationSetId);
        }
        if (store.callerReferenceUsed(callerReference)) {
            throw Route53Errors.hostedZoneAlreadyExists();
        }
        HostedZone zone = new HostedZone(newId("Z"), zoneName, callerReference, comment, newNameServers(), clock.millis());
        List<ResourceRecordSet> apex = List.of(
                new ResourceRecordSet(zoneName, "SOA", SOA_TTL,
                        List.of(zone.nameServers().get(0) + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"), null),
                new ResourceRecordSet(zoneName, "NS", NS_TTL, zone.nameServers(), null));
        StoredChange change = newChange(null);
        store.createZone(zone, apex, change);
        return new CreatedZone(new ZoneSummary(zone, apex.size()), pending(change));
    }

    public ZoneSummary getHostedZone(String id) {
        return summary(zone(id));
    }

    /** Zones in the order they were created, from the zone {@code marker} on. */
    public Page<ZoneSummary> listHostedZones(String marker, int maxItems) {
        List<HostedZone> zones = store.zones().stream().sorted(BY_CREATION).toList();
        int start = 0;
        if (marker != null && !marker.isEmpty()) {
            start = indexOf(zones, zone -> zone.id().equals(RecordSetChanges.stripPrefix(marker)));
            if (start < 0) {
                throw Route53Errors.invalidInput("Invalid request: the marker " + marker + " does not name a hosted zone.");
            }
        }
        return page(zones, start, maxItems);
    }

    /** Zones by name with the labels reversed (com.example before com.example.www), from {@code dnsName}/{@code zoneId} on. */
    public Page<ZoneSummary> listHostedZonesByName(String dnsName, String zoneId, int maxItems) {
        if ((dnsName == null || dnsName.isEmpty()) && zoneId != null && !zoneId.isEmpty()) {
            throw Route53Errors.invalidInput("Invalid request: HostedZoneId can be given only together with DNSName.");
        }
        List<HostedZone> zones = store.zones().stream().sorted(BY_NAME).toList();
        int start = 0;
        if (dnsName != null && !dnsName.isEmpty()) {
            String from = DnsNames.normalize(dnsName);
            if (from == null) {
                throw Route53Errors.invalidDomainName(dnsName + " is not a valid domain name.");
            }
            HostedZone probe = new HostedZone(zoneId == null ? "" : RecordSetChanges.stripPrefix(zoneId), from, "", null, List.of(), 0);
            start = indexOf(zones, zone -> BY_NAME.compare(zone, probe) >= 0);
            start = start < 0 ? zones.size() : start;
        }
        return page(zones, start, maxItems);
    }

    public int hostedZoneCount() {
        return store.zones().size();
    }

    public synchronized ChangeInfo deleteHostedZone(String id) {
        HostedZone zone = zone(id);
        boolean onlyApexRecords = store.recordSets(zone.id()).stream()
                .allMatch(set -> set.name().equals(zone.name()) && (set.type().equals("SOA") || set.type().equals("NS")));
        if (!onlyApexRecords) {
            throw Route53Errors.hostedZoneNotEmpty();
        }
        StoredChange change = newChange(null);
        store.deleteZone(zone.id(), change);
        return pending(change);
    }

    // Record sets

    public synchronized ChangeInfo changeResourceRecordSets(String zoneId, String comment, List<Change> changes) {
        HostedZone zone = zone(zoneId);
        List<ResourceRecordSet> after = RecordSetChanges.apply(zone, store.recordSets(zone.id()), changes, this::content);
        StoredChange change = newChange(comment);
        store.replaceRecordSets(zone.id(), after, change);
        return pending(change);
    }

    /** Record sets by name (labels reversed) and type, from {@code startName}/{@code startType} on. */
    public Page<ResourceRecordSet> listResourceRecordSets(String zoneId, String startName, String startType, int maxItems) {
        HostedZone zone = zone(zoneId);
        List<ResourceRecordSet> sets = store.recordSets(zone.id()).stream().sorted(RECORD_ORDER).toList();
        if (startType != null && !startType.isEmpty() && (startName == null || startName.isEmpty())) {
            throw Route53Errors.invalidInput("The input is not valid: StartRecordType requires StartRecordName.");
        }
        int start = 0;
        if (startName != null && !startName.isEmpty()) {
            String from = DnsNames.normalize(startName);
            if (from == null) {
                throw Route53Errors.invalidInput("Invalid request: StartRecordName '" + startName + "' is not a valid DNS name.");
            }
            ResourceRecordSet probe = new ResourceRecordSet(from, startType == null ? "" : startType, null, List.of(), null);
            start = indexOf(sets, set -> RECORD_ORDER.compare(set, probe) >= 0);
            start = start < 0 ? sets.size() : start;
        }
        int end = Math.min(sets.size(), start + maxItems);
        return new Page<>(sets.subList(start, end), end < sets.size() ? sets.get(end) : null);
    }

    public ChangeInfo getChange(String id) {
        StoredChange change = store.change(stripChangePrefix(id)).orElseThrow(() -> Route53Errors.noSuchChange(id));
        Instant submitted = Instant.ofEpochMilli(change.submittedAt());
        boolean propagated = !clock.instant().isBefore(submitted.plus(propagationDelay));
        return new ChangeInfo(change.id(), propagated ? ChangeInfo.Status.INSYNC : ChangeInfo.Status.PENDING, submitted, change.comment());
    }

    // Tags

    public synchronized void changeTags(String resourceType, String resourceId, List<Tag> add, List<String> removeKeys) {
        HostedZone zone = taggable(resourceType, resourceId);
        Map<String, String> tags = new LinkedHashMap<>();
        store.tags(zone.id()).forEach(tag -> tags.put(tag.key(), tag.value()));
        removeKeys.forEach(tags::remove);
        for (Tag tag : add) {
            if (tag.key() == null || tag.key().isEmpty()) {
                throw Route53Errors.invalidInput("Invalid request: a tag needs a Key.");
            }
            tags.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        if (tags.size() > MAX_TAGS) {
            throw Route53Errors.invalidInput("Invalid request: a hosted zone can have at most " + MAX_TAGS + " tags.");
        }
        List<Tag> result = new ArrayList<>();
        tags.forEach((key, value) -> result.add(new Tag(key, value)));
        store.replaceTags(zone.id(), result);
    }

    public List<Tag> listTags(String resourceType, String resourceId) {
        return store.tags(taggable(resourceType, resourceId).id());
    }

    // For the DNS server

    /**
     * The hosted zone that answers for {@code name} (normalized): the one with the longest
     * name that is {@code name} or one of its parents. Route53 lets two zones have the same
     * name (only the one a registrar delegates to is visible on the internet); localcloud
     * answers from the oldest of them.
     */
    public Optional<ZoneContent> authoritativeZoneFor(String name) {
        return store.zones().stream()
                .filter(zone -> DnsNames.isWithin(name, zone.name()))
                .max(Comparator.<HostedZone>comparingInt(zone -> zone.name().length()).thenComparing(BY_CREATION.reversed()))
                .map(zone -> new ZoneContent(zone, store.recordSets(zone.id())));
    }

    // Helpers

    private Optional<ZoneContent> content(String zoneId) {
        return store.zone(zoneId).map(zone -> new ZoneContent(zone, store.recordSets(zone.id())));
    }

    private HostedZone zone(String id) {
        String bare = RecordSetChanges.stripPrefix(id);
        return store.zone(bare).orElseThrow(() -> Route53Errors.noSuchHostedZone(bare));
    }

    private HostedZone taggable(String resourceType, String resourceId) {
        if ("healthcheck".equals(resourceType)) {
            throw Route53Errors.noSuchHealthCheck(resourceId);
        }
        if (!"hostedzone".equals(resourceType)) {
            throw Route53Errors.invalidInput("Invalid request: ResourceType must be hostedzone or healthcheck, not " + resourceType + ".");
        }
        return zone(resourceId);
    }

    private ZoneSummary summary(HostedZone zone) {
        return new ZoneSummary(zone, store.recordSets(zone.id()).size());
    }

    private Page<ZoneSummary> page(List<HostedZone> zones, int start, int maxItems) {
        int end = Math.min(zones.size(), start + maxItems);
        List<ZoneSummary> items = zones.subList(start, end).stream().map(this::summary).toList();
        return new Page<>(items, end < zones.size() ? summary(zones.get(end)) : null);
    }

    private static <T> int indexOf(List<T> items, Predicate<T> match) {
        for (int i = 0; i < items.size(); i++) {
            if (match.test(items.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private StoredChange newChange(String comment) {
        return new StoredChange(newId("C"), clock.millis(), comment);
    }

    private static ChangeInfo pending(StoredChange change) {
        return new ChangeInfo(change.id(), ChangeInfo.Status.PENDING, Instant.ofEpochMilli(change.submittedAt()), change.comment());
    }

    private static String stripChangePrefix(String id) {
        return id.startsWith("/change/") ? id.substring("/change/".length()) : id;
    }

    /** An id in AWS's current form: the prefix letter, "0", then 19 upper-case letters and digits (21 characters). */
    private String newId(String prefix) {
        StringBuilder id = new StringBuilder(prefix).append('0');
        for (int i = 0; i < 19; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * Four name servers in the shape of Route53's delegation sets (one each under .com, .net,
     * .org and .co.uk). They are names only: locally every zone is served by localcloud's own
     * DNS server, whatever its NS records say.
     */
    private List<String> newNameServers() {
        String[] tlds = {"com", "net", "org", "co.uk"};
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < tlds.length; i++) {
            int number = i * 512 + random.nextInt(512);
            servers.add("ns-" + number + ".awsdns-" + String.format("%02d", random.nextInt(64)) + "." + tlds[i] + ".");
        }
        return servers;
    }
}
