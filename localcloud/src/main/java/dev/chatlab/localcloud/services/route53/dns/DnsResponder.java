package dev.chatlab.localcloud.services.route53.dns;

import dev.chatlab.localcloud.services.route53.DnsNames;
import dev.chatlab.localcloud.services.route53.RecordData;
import dev.chatlab.localcloud.services.route53.S3WebsiteEndpoints;
import dev.chatlab.localcloud.services.route53.model.ResourceRecordSet;
import dev.chatlab.localcloud.services.route53.model.ZoneContent;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers one DNS query authoritatively from the hosted zones, as Route53's name servers do:
 * the records of the name and type asked for (aliases resolved to what they point at), a
 * CNAME followed while its target stays inside the hosted zones, NODATA or NXDOMAIN with the
 * zone's SOA, a referral for a name below a delegation (an NS record set below the apex),
 * and REFUSED for a name outside every hosted zone.
 */
public final class DnsResponder {

    /** The UDP payload size localcloud offers with EDNS (the size the DNS flag day of 2020 settled on). */
    static final int EDNS_PAYLOAD = 1232;
    /** TTL of an alias to an S3 website endpoint; Route53 takes it from the target, which localcloud does not have. */
    static final long S3_ALIAS_TTL = 60;
    private static final int MAX_CHAIN = 8;

    private final Function<String, Optional<ZoneContent>> zones;
    private final InetAddress websiteAddress;

    /**
     * @param zones          the hosted zone that answers for a (normalized) name, if any
     * @param websiteAddress the address an alias to an S3 website endpoint resolves to:
     *                       where localcloud's HTTP server listens
     */
    public DnsResponder(Function<String, Optional<ZoneContent>> zones, InetAddress websiteAddress) {
        this.zones = zones;
        this.websiteAddress = websiteAddress;
    }

    public Message respond(Message query) {
        Header asked = query.getHeader();
        Message response = new Message(asked.getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode(asked.getOpcode());
        if (asked.getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        if (asked.getOpcode() != Opcode.QUERY) {
            header.setRcode(Rcode.NOTIMP);
            return response;
        }
        Record question = query.getQuestion();
        if (question == null || query.getSection(Section.QUESTION).size() != 1) {
            header.setRcode(Rcode.FORMERR);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        String name = question.getName().toString().toLowerCase(Locale.ROOT);
        Optional<ZoneContent> zone = zones.apply(name);
        if (zone.isEmpty() || (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY)) {
            header.setRcode(Rcode.REFUSED);
            return response;
        }
        header.setFlag(Flags.AA);
        answer(response, zone.get(), question.getName(), name, question.getType(), 0);
        return response;
    }

    private void answer(Message response, ZoneContent zone, Name owner, String name, int type, int depth) {
        Optional<ResourceRecordSet> delegation = delegationAbove(zone, name, type);
        if (delegation.isPresent()) {
            if (depth == 0) {
                response.getHeader().unsetFlag(Flags.AA);
            }
            records(delegation.get()).forEach(record -> response.addRecord(record, Section.AUTHORITY));
            return;
        }
        List<ResourceRecordSet> atName = recordSetsAt(zone, name);
        if (atName.isEmpty() && !exists(zone, name)) {
            atName = wildcardFor(zone, name);
        }
        if (atName.isEmpty()) {
            if (depth == 0 && !exists(zone, name)) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            addNegativeSoa(response, zone);
            return;
        }
        List<Record> answers = new ArrayList<>();
        for (ResourceRecordSet set : atName) {
            if (set.type().equals(Type.string(type)) || type == Type.ANY) {
                answers.addAll(resolve(set, owner, 0));
            }
        }
        Optional<ResourceRecordSet> cname = atName.stream().filter(set -> set.type().equals("CNAME")).findFirst();
        if (answers.isEmpty() && cname.isPresent() && type != Type.CNAME) {
            List<Record> alias = resolve(cname.get(), owner, 0);
            alias.forEach(record -> response.addRecord(record, Section.ANSWER));
            followCname(response, alias, type, depth);
            return;
        }
        if (answers.isEmpty()) {
            addNegativeSoa(response, zone);
            return;
        }
        answers.forEach(record -> response.addRecord(record, Section.ANSWER));
    }

    private static List<ResourceRecordSet> recordSetsAt(ZoneContent zone, String name) {
        return zone.recordSets().stream().filter(set -> set.name().equals(name)).toList();
    }

    /** True when {@code name} owns records or has names below it (an empty non-terminal answers NODATA, not NXDOMAIN). */
    private static boolean exists(ZoneContent zone, String name) {
        return zone.recordSets().stream().anyMatch(set -> DnsNames.isWithin(set.name(), name));
    }

    /**
     * The record sets of the wildcard that covers a name that does not exist (RFC 4592): {@code *.}
     * the closest existing ancestor, if the zone has it. Route53 answers wildcards this way too.
     */
    private static List<ResourceRecordSet> wildcardFor(ZoneContent zone, String name) {
        String ancestor = name;
        while (!ancestor.equals(zone.zone().name())) {
            ancestor = ancestor.substring(ancestor.indexOf('.') + 1);
            if (exists(zone, ancestor)) {
                return recordSetsAt(zone, "*." + ancestor);
            }
        }
        return List.of();
    }

    /** A CNAME's target is answered too when a hosted zone holds it, as an authoritative server does for in-bailiwick data. */
    private void followCname(Message response, List<Record> cnameRecords, int type, int depth) {
        if (cnameRecords.isEmpty() || depth >= MAX_CHAIN) {
            return;
        }
        Name target = ((org.xbill.DNS.CNAMERecord) cnameRecords.get(0)).getTarget();
        String targetName = target.toString().toLowerCase(Locale.ROOT);
        zones.apply(targetName).ifPresent(targetZone -> answer(response, targetZone, target, targetName, type, depth + 1));
    }

    /** The records one record set contributes for {@code owner}: its values, or what its alias points at. */
    private List<Record> resolve(ResourceRecordSet set, Name owner, int depth) {
        if (!set.isAlias()) {
            return records(set).stream().map(record -> record.withName(owner)).toList();
        }
        String targetZone = set.aliasTarget().hostedZoneId();
        if (S3WebsiteEndpoints.isWebsiteZone(targetZone)) {
            return websiteRecords(set.type(), owner);
        }
        if (depth >= MAX_CHAIN) {
            return List.of();
        }
        String target = set.aliasTarget().dnsName();
        return zones.apply(target).stream()
                .filter(zone -> zone.zone().id().equals(targetZone))
                .flatMap(zone -> zone.recordSets().stream())
                .filter(candidate -> candidate.name().equals(target) && candidate.type().equals(set.type()))
                .flatMap(candidate -> resolve(candidate, owner, depth + 1).stream())
                .toList();
    }

    private List<Record> websiteRecords(String type, Name owner) {
        boolean v4 = websiteAddress instanceof Inet4Address;
        if (type.equals("A") && v4) {
            return List.of(new ARecord(owner, DClass.IN, S3_ALIAS_TTL, websiteAddress));
        }
        if (type.equals("AAAA") && !v4) {
            return List.of(new AAAARecord(owner, DClass.IN, S3_ALIAS_TTL, websiteAddress));
        }
        return List.of();
    }

    /** An NS record set between the apex and {@code name} (or at {@code name}, unless DS is asked, which the parent answers). */
    private static Optional<ResourceRecordSet> delegationAbove(ZoneContent zone, String name, int type) {
        return zone.recordSets().stream()
                .filter(set -> set.type().equals("NS") && !set.name().equals(zone.zone().name()))
                .filter(set -> DnsNames.isWithin(name, set.name()) && !(set.name().equals(name) && type == Type.DS))
                .findFirst();
    }

    /** The SOA in the authority section of a negative answer, with the TTL a resolver may cache the "no" for (RFC 2308). */
    private static void addNegativeSoa(Message response, ZoneContent zone) {
        zone.recordSets().stream()
                .filter(set -> set.name().equals(zone.zone().name()) && set.type().equals("SOA"))
                .flatMap(set -> records(set).stream())
                .map(record -> (SOARecord) record)
                .map(soa -> new SOARecord(soa.getName(), DClass.IN, Math.min(soa.getTTL(), soa.getMinimum()), soa.getHost(),
                        soa.getAdmin(), soa.getSerial(), soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum()))
                .forEach(soa -> response.addRecord(soa, Section.AUTHORITY));
    }

    private static List<Record> records(ResourceRecordSet set) {
        return set.values().stream().map(value -> RecordData.toRecord(set.name(), set.type(), set.ttl(), value)).toList();
    }
}
