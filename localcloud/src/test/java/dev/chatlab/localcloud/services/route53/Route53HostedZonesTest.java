package dev.chatlab.localcloud.services.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.SignedRequests;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.HostedZoneNotEmptyException;
import software.amazon.awssdk.services.route53.model.InvalidDomainNameException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Hosted zones through the unchanged AWS SDK: what CreateHostedZone makes, and how Route53 says no. */
class Route53HostedZonesTest extends WithRoute53Cloud {

    @Test
    void createHostedZone_answersZoneWithAwsShapedIdPendingChangeAndFourNameServers() {
        CreateHostedZoneResponse created = route53.createHostedZone(r -> r.name("create.test").callerReference("ref-create")
                .hostedZoneConfig(c -> c.comment("the lab's zone")));

        HostedZone zone = created.hostedZone();
        assertTrue(zone.id().matches("Z[0-9A-Z]{13,21}"), zone.id());
        assertEquals("create.test.", zone.name());
        assertEquals("ref-create", zone.callerReference());
        assertEquals("the lab's zone", zone.config().comment());
        assertFalse(zone.config().privateZone());
        assertEquals(2L, zone.resourceRecordSetCount());
        assertTrue(created.changeInfo().id().matches("C[0-9A-Z]{13,21}"), created.changeInfo().id());
        assertEquals(ChangeStatus.PENDING, created.changeInfo().status());
        assertEquals(4, created.delegationSet().nameServers().size());
        assertTrue(created.location().endsWith("/2013-04-01/hostedzone/" + zone.id()), created.location());
    }

    @Test
    void createHostedZone_createsTheSoaAndNsRecordSetsOfTheApex() {
        CreateHostedZoneResponse created = createZone("apex.test");

        List<ResourceRecordSet> sets = route53.listResourceRecordSets(r -> r.hostedZoneId(created.hostedZone().id())).resourceRecordSets();

        assertEquals(List.of(RRType.NS, RRType.SOA), sets.stream().map(ResourceRecordSet::type).toList());
        ResourceRecordSet ns = sets.get(0);
        assertEquals("apex.test.", ns.name());
        assertEquals(172800L, ns.ttl());
        assertEquals(created.delegationSet().nameServers().stream().map(server -> server + ".").toList(),
                ns.resourceRecords().stream().map(record -> record.value()).toList());
        ResourceRecordSet soa = sets.get(1);
        assertEquals(900L, soa.ttl());
        assertTrue(soa.resourceRecords().get(0).value().matches("ns-\\d+\\.awsdns-\\d\\d\\.com\\. awsdns-hostmaster\\.amazon\\.com\\. 1 7200 900 1209600 86400"),
                soa.resourceRecords().get(0).value());
    }

    @Test
    void createHostedZone_sameCallerReferenceTwice_isHostedZoneAlreadyExists() {
        route53.createHostedZone(r -> r.name("twice.test").callerReference("ref-twice"));

        HostedZoneAlreadyExistsException error = assertThrows(HostedZoneAlreadyExistsException.class,
                () -> route53.createHostedZone(r -> r.name("twice.test").callerReference("ref-twice")));

        assertEquals(409, error.statusCode());
        assertEquals("HostedZoneAlreadyExists", error.awsErrorDetails().errorCode());
        assertEquals("A hosted zone has already been created with the specified caller reference.", error.awsErrorDetails().errorMessage());
        assertEquals(1, route53.listHostedZonesByName(r -> r.dnsName("twice.test")).hostedZones().stream()
                .filter(zone -> zone.name().equals("twice.test.")).count());
    }

    @Test
    void createHostedZone_callerReferenceOfADeletedZone_isStillRefused() {
        String id = route53.createHostedZone(r -> r.name("reuse.test").callerReference("ref-reuse")).hostedZone().id();
        route53.deleteHostedZone(r -> r.id(id));

        assertThrows(HostedZoneAlreadyExistsException.class,
                () -> route53.createHostedZone(r -> r.name("reuse.test").callerReference("ref-reuse")));
    }

    @Test
    void createHostedZone_invalidName_isInvalidDomainName() {
        InvalidDomainNameException error = assertThrows(InvalidDomainNameException.class,
                () -> route53.createHostedZone(r -> r.name("bad..name.test").callerReference("ref-bad-name")));
        assertEquals(400, error.statusCode());
    }

    @Test
    void createHostedZone_forATopLevelDomain_isInvalidDomainNameReservedByAws() {
        InvalidDomainNameException error = assertThrows(InvalidDomainNameException.class,
                () -> route53.createHostedZone(r -> r.name("test").callerReference("ref-tld")));
        assertEquals("test is reserved by AWS!", error.awsErrorDetails().errorMessage());
    }

    @Test
    void getHostedZone_answersZoneAndDelegationSet() {
        CreateHostedZoneResponse created = createZone("get.test");

        GetHostedZoneResponse got = route53.getHostedZone(r -> r.id(created.hostedZone().id()));

        assertEquals(created.hostedZone().id(), got.hostedZone().id());
        assertEquals("get.test.", got.hostedZone().name());
        assertEquals(created.delegationSet().nameServers(), got.delegationSet().nameServers());
    }

    @Test
    void getHostedZone_acceptsTheLongIdForm() {
        CreateHostedZoneResponse created = createZone("long-id.test");

        GetHostedZoneResponse got = route53.getHostedZone(r -> r.id("/hostedzone/" + created.hostedZone().id()));

        assertEquals(created.hostedZone().id(), got.hostedZone().id());
    }

    @Test
    void getHostedZone_unknownId_isNoSuchHostedZone() {
        NoSuchHostedZoneException error = assertThrows(NoSuchHostedZoneException.class,
                () -> route53.getHostedZone(r -> r.id("Z0000000000000000000A")));

        assertEquals(404, error.statusCode());
        assertEquals("No hosted zone found with ID: Z0000000000000000000A", error.awsErrorDetails().errorMessage());
    }

    @Test
    void listHostedZones_pagesWithMarkerAndNextMarker() {
        List<String> ids = List.of(createZone("page-a.test"), createZone("page-b.test"), createZone("page-c.test")).stream()
                .map(created -> created.hostedZone().id()).toList();

        ListHostedZonesResponse first = route53.listHostedZones(r -> r.maxItems("1"));
        assertTrue(first.isTruncated());
        assertEquals("1", first.maxItems());
        List<String> seen = route53.listHostedZonesPaginator(r -> r.maxItems("2")).hostedZones().stream()
                .map(HostedZone::id).collect(Collectors.toList());

        assertTrue(seen.containsAll(ids), seen.toString());
        assertEquals(seen.size(), seen.stream().distinct().count());
        assertEquals(seen.get(1), route53.listHostedZones(r -> r.marker(first.nextMarker()).maxItems("1")).hostedZones().get(0).id());
    }

    @Test
    void listHostedZonesByName_sortsByNameWithLabelsReversedFromTheGivenName() {
        createZone("b.sort.test");
        createZone("sort.test");
        createZone("a.sort.test");
        createZone("www.a.sort.test");

        ListHostedZonesByNameResponse listed = route53.listHostedZonesByName(r -> r.dnsName("sort.test").maxItems("4"));

        assertEquals(List.of("sort.test.", "a.sort.test.", "www.a.sort.test.", "b.sort.test."),
                listed.hostedZones().stream().map(HostedZone::name).toList());
        assertEquals("sort.test", listed.dnsName());
    }

    @Test
    void deleteHostedZone_withOnlySoaAndNs_deletesIt() {
        String id = createZone("delete.test").hostedZone().id();
        long count = route53.getHostedZoneCount().hostedZoneCount();

        assertEquals(ChangeStatus.PENDING, route53.deleteHostedZone(r -> r.id(id)).changeInfo().status());

        assertThrows(NoSuchHostedZoneException.class, () -> route53.getHostedZone(r -> r.id(id)));
        assertEquals(count - 1, route53.getHostedZoneCount().hostedZoneCount());
    }

    @Test
    void deleteHostedZone_withOtherRecordSets_isHostedZoneNotEmpty() {
        String id = createZone("not-empty.test").hostedZone().id();
        route53.changeResourceRecordSets(r -> r.hostedZoneId(id).changeBatch(b -> b.changes(
                change(ChangeAction.CREATE, plain("www.not-empty.test", RRType.A, 60, "192.0.2.1")))));

        HostedZoneNotEmptyException error = assertThrows(HostedZoneNotEmptyException.class, () -> route53.deleteHostedZone(r -> r.id(id)));

        assertEquals(400, error.statusCode());
        assertTrue(error.awsErrorDetails().errorMessage().startsWith("The specified hosted zone contains non-required resource record sets"));
        assertEquals("not-empty.test.", route53.getHostedZone(r -> r.id(id)).hostedZone().name());
    }

    @Test
    void deleteHostedZone_unknownId_isNoSuchHostedZone() {
        assertThrows(NoSuchHostedZoneException.class, () -> route53.deleteHostedZone(r -> r.id("Z0000000000000000000B")));
    }

    @Test
    void createHostedZone_bodyWithoutTheRequestElement_isMalformedInputInRoute53sErrorShape() {
        HttpResponse<String> answer = cloud.send(SignedRequests.signed(cloud, "route53", "POST",
                "/2013-04-01/hostedzone", Map.of(), "<Name>example.com</Name>"));

        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"), answer.body());
        assertTrue(answer.body().contains("<Type>Sender</Type><Code>MalformedInput</Code><Message>Name is not valid, expected CreateHostedZoneRequest</Message>"),
                answer.body());
    }

    @Test
    void dnsServer_isListeningAndReportedByTheCloud() {
        assertTrue(cloud.cloud().dnsPort() > 0);
        assertTrue(cloud.get("/_localcloud/health").body().contains("\"dnsPort\":" + cloud.cloud().dnsPort()));
    }
}
