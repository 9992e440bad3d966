package dev.chatlab.localcloud.services.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The DNS server answering for the hosted zones, queried with dnsjava's SimpleResolver over
 * UDP and TCP, the way a resolver (or `dig @127.0.0.1 -p PORT`) asks it.
 */
class Route53DnsServerTest extends WithRoute53Cloud {

    static CreateHostedZoneResponse labZone;

    @BeforeAll
    static void createLabZone() {
        labZone = route53.createHostedZone(r -> r.name("lab.test.").callerReference("dns-test"));
        route53.changeResourceRecordSets(r -> r.hostedZoneId(labZone.hostedZone().id()).changeBatch(b -> b.changes(
                create(plain("www.lab.test", RRType.A, 300, "192.0.2.10")),
                create(plain("www.lab.test", RRType.AAAA, 300, "2001:db8::10")),
                create(plain("web.lab.test", RRType.CNAME, 120, "www.lab.test")),
                create(plain("txt.lab.test", RRType.TXT, 60, "\"hello world\" \"second string\"")),
                create(plain("lab.test", RRType.MX, 3600, "10 mail.lab.test", "20 backup.lab.test.")),
                create(plain("big.lab.test", RRType.TXT, 60, bigTxtValues())),
                create(plain("deep.sub.lab.test", RRType.A, 60, "192.0.2.30")),
                create(plain("*.wild.lab.test", RRType.A, 60, "192.0.2.40")),
                create(alias("chat.lab.test", SEOUL_WEBSITE_ZONE, "chat.lab.test.s3-website.ap-northeast-2.amazonaws.com")),
                create(alias("lab.test", labZone.hostedZone().id(), "www.lab.test")))));
    }

    static Change create(ResourceRecordSet set) {
        return change(ChangeAction.CREATE, set);
    }

    static String[] bigTxtValues() {
        String[] values = new String[12];
        for (int i = 0; i < values.length; i++) {
            values[i] = "\"" + ("record-" + i + "-").repeat(8) + "\"";
        }
        return values;
    }

    static Message query(boolean tcp, String name, int type) {
        try {
            SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
            resolver.setPort(cloud.cloud().dnsPort());
            resolver.setTCP(tcp);
            resolver.setTimeout(Duration.ofSeconds(5));
            return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Record> answers(Message response) {
        return response.getSection(Section.ANSWER);
    }

    static void assertAuthoritative(Message response, int rcode) {
        assertEquals(Rcode.string(rcode), Rcode.string(response.getRcode()), response.toString());
        assertTrue(response.getHeader().getFlag(Flags.AA), "AA flag: " + response);
    }

    /** An authoritative answer of exactly one A record, for {@code owner}, with {@code address}; returns it. */
    static ARecord assertOneA(Message response, String owner, String address) {
        assertAuthoritative(response, Rcode.NOERROR);
        assertEquals(1, answers(response).size(), response.toString());
        ARecord a = (ARecord) answers(response).get(0);
        assertEquals(owner, a.getName().toString());
        assertEquals(address, a.getAddress().getHostAddress());
        return a;
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void aQuery_answersTheARecordAuthoritatively(boolean tcp) {
        ARecord a = assertOneA(query(tcp, "www.lab.test.", Type.A), "www.lab.test.", "192.0.2.10");

        assertEquals(300, a.getTTL());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void aaaaQuery_answersTheAaaaRecord(boolean tcp) {
        Message response = query(tcp, "www.lab.test.", Type.AAAA);

        assertAuthoritative(response, Rcode.NOERROR);
        assertEquals("2001:db8:0:0:0:0:0:10", ((AAAARecord) answers(response).get(0)).getAddress().getHostAddress());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void aQueryForACname_answersTheCnameAndItsTargetInTheZone(boolean tcp) {
        Message response = query(tcp, "web.lab.test.", Type.A);

        assertAuthoritative(response, Rcode.NOERROR);
        List<Record> records = answers(response);
        assertEquals("www.lab.test.", ((CNAMERecord) records.get(0)).getTarget().toString());
        assertEquals(120, records.get(0).getTTL());
        assertEquals("192.0.2.10", ((ARecord) records.get(1)).getAddress().getHostAddress());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void txtQuery_answersEveryCharacterString(boolean tcp) {
        Message response = query(tcp, "txt.lab.test.", Type.TXT);

        assertAuthoritative(response, Rcode.NOERROR);
        assertEquals(List.of("hello world", "second string"), ((TXTRecord) answers(response).get(0)).getStrings());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void mxQuery_answersPreferencesAndAbsoluteTargets(boolean tcp) {
        Message response = query(tcp, "lab.test.", Type.MX);

        assertAuthoritative(response, Rcode.NOERROR);
        Set<String> mx = answers(response).stream().map(record -> (MXRecord) record)
                .map(record -> record.getPriority() + " " + record.getTarget()).collect(Collectors.toSet());
        assertEquals(Set.of("10 mail.lab.test.", "20 backup.lab.test."), mx);
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void aliasToTheS3WebsiteEndpoint_answersTheAddressLocalcloudListensOn(boolean tcp) {
        ARecord a = assertOneA(query(tcp, "chat.lab.test.", Type.A), "chat.lab.test.", cloud.cloud().config().bindAddress());

        assertEquals(60, a.getTTL());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void aliasToARecordOfTheZone_answersThatRecordsValuesUnderTheAliasName(boolean tcp) {
        assertOneA(query(tcp, "lab.test.", Type.A), "lab.test.", "192.0.2.10");
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void typeWithoutRecords_isNoDataWithTheSoa(boolean tcp) {
        Message response = query(tcp, "chat.lab.test.", Type.AAAA);

        assertAuthoritative(response, Rcode.NOERROR);
        assertTrue(answers(response).isEmpty());
        SOARecord soa = (SOARecord) response.getSection(Section.AUTHORITY).get(0);
        assertEquals("lab.test.", soa.getName().toString());
        assertEquals(900, soa.getTTL());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void unknownNameInsideTheZone_isNxdomainWithTheSoa(boolean tcp) {
        Message response = query(tcp, "nope.lab.test.", Type.A);

        assertAuthoritative(response, Rcode.NXDOMAIN);
        assertTrue(answers(response).isEmpty());
        assertEquals(Type.SOA, response.getSection(Section.AUTHORITY).get(0).getType());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void nameAboveARecordButWithoutOne_isNoDataNotNxdomain(boolean tcp) {
        Message response = query(tcp, "sub.lab.test.", Type.A);

        assertAuthoritative(response, Rcode.NOERROR);
        assertTrue(answers(response).isEmpty());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void nameOutsideEveryZone_isRefused(boolean tcp) {
        Message response = query(tcp, "example.com.", Type.A);

        assertEquals(Rcode.REFUSED, response.getRcode());
        assertFalse(response.getHeader().getFlag(Flags.AA));
        assertTrue(answers(response).isEmpty());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void soaAndNsAtTheApex_answerWhatCreateHostedZoneMade(boolean tcp) {
        Message soa = query(tcp, "lab.test.", Type.SOA);
        assertAuthoritative(soa, Rcode.NOERROR);
        SOARecord record = (SOARecord) answers(soa).get(0);
        assertEquals(labZone.delegationSet().nameServers().get(0) + ".", record.getHost().toString());
        assertEquals("awsdns-hostmaster.amazon.com.", record.getAdmin().toString());
        assertEquals(86400, record.getMinimum());

        Message ns = query(tcp, "lab.test.", Type.NS);
        assertAuthoritative(ns, Rcode.NOERROR);
        assertEquals(labZone.delegationSet().nameServers().stream().map(server -> server + ".").collect(Collectors.toSet()),
                answers(ns).stream().map(r -> ((NSRecord) r).getTarget().toString()).collect(Collectors.toSet()));
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void nameCoveredByAWildcard_isAnsweredFromTheWildcardUnderTheAskedName(boolean tcp) {
        assertOneA(query(tcp, "anything.wild.lab.test.", Type.A), "anything.wild.lab.test.", "192.0.2.40");
    }

    @Test
    void answerTooBigForPlainUdp_isTruncatedThenWholeOverTcp() throws Exception {
        SimpleResolver udp = new SimpleResolver(InetAddress.getLoopbackAddress());
        udp.setPort(cloud.cloud().dnsPort());
        udp.setEDNS(-1);
        udp.setIgnoreTruncation(true);
        Message truncated = udp.send(Message.newQuery(Record.newRecord(Name.fromString("big.lab.test."), Type.TXT, DClass.IN)));
        assertTrue(truncated.getHeader().getFlag(Flags.TC), truncated.toString());

        Message whole = query(true, "big.lab.test.", Type.TXT);
        assertFalse(whole.getHeader().getFlag(Flags.TC));
        assertEquals(12, answers(whole).size());
    }

    @Test
    void recordChange_isAnsweredAtOnce() {
        route53.changeResourceRecordSets(r -> r.hostedZoneId(labZone.hostedZone().id()).changeBatch(b -> b.changes(
                change(ChangeAction.UPSERT, plain("fresh.lab.test", RRType.A, 30, "192.0.2.99")))));

        assertOneA(query(false, "fresh.lab.test.", Type.A), "fresh.lab.test.", "192.0.2.99");
    }

    @Test
    void queryNamesAreCaseInsensitive() {
        assertOneA(query(false, "WWW.Lab.Test.", Type.A), "WWW.Lab.Test.", "192.0.2.10");
    }
}
