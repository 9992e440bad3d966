package dev.chatlab.localcloud.services.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** ChangeResourceRecordSets, ListResourceRecordSets and GetChange through the unchanged AWS SDK. */
class Route53RecordSetsTest extends WithRoute53Cloud {

    static ChangeInfo submit(String zoneId, Change... changes) {
        return route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(changes))).changeInfo();
    }

    static InvalidChangeBatchException refused(String zoneId, Change... changes) {
        return assertThrows(InvalidChangeBatchException.class, () -> submit(zoneId, changes));
    }

    static List<ResourceRecordSet> recordSets(String zoneId) {
        return route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)).resourceRecordSets();
    }

    static ResourceRecordSet recordSet(String zoneId, String name, RRType type) {
        return recordSets(zoneId).stream().filter(set -> set.name().equals(name) && set.type() == type).findFirst().orElseThrow();
    }

    @Test
    void changeResourceRecordSets_create_addsTheRecordSetsAndAnswersPending() {
        String zoneId = zone("create.rr.test");

        ChangeInfo change = submit(zoneId,
                change(ChangeAction.CREATE, plain("www.create.rr.test", RRType.A, 300, "192.0.2.1", "192.0.2.2")),
                change(ChangeAction.CREATE, plain("create.rr.test.", RRType.MX, 3600, "10 mail.create.rr.test", "20 backup.create.rr.test.")),
                change(ChangeAction.CREATE, plain("txt.create.rr.test", RRType.TXT, 60, "\"hello world\"")));

        assertEquals(ChangeStatus.PENDING, change.status());
        assertTrue(change.id().matches("C[0-9A-Z]{13,21}"), change.id());
        ResourceRecordSet www = recordSet(zoneId, "www.create.rr.test.", RRType.A);
        assertEquals(300L, www.ttl());
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), www.resourceRecords().stream().map(ResourceRecord::value).toList());
        assertEquals("\"hello world\"", recordSet(zoneId, "txt.create.rr.test.", RRType.TXT).resourceRecords().get(0).value());
        assertEquals(5L, route53.getHostedZone(r -> r.id(zoneId)).hostedZone().resourceRecordSetCount());
    }

    @Test
    void changeResourceRecordSets_createOfAnExistingRecordSet_isInvalidChangeBatchWithAwsMessage() {
        String zoneId = zone("exists.rr.test");
        submit(zoneId, change(ChangeAction.CREATE, plain("www.exists.rr.test", RRType.A, 300, "192.0.2.1")));

        InvalidChangeBatchException error = refused(zoneId, change(ChangeAction.CREATE, plain("www.exists.rr.test", RRType.A, 300, "192.0.2.9")));

        assertEquals(400, error.statusCode());
        assertEquals("InvalidChangeBatch", error.awsErrorDetails().errorCode());
        assertEquals("[Tried to create resource record set [name='www.exists.rr.test.', type='A'] but it already exists]",
                error.awsErrorDetails().errorMessage());
        assertEquals("192.0.2.1", recordSet(zoneId, "www.exists.rr.test.", RRType.A).resourceRecords().get(0).value());
    }

    @Test
    void changeResourceRecordSets_upsert_createsThenReplaces() {
        String zoneId = zone("upsert.rr.test");

        submit(zoneId, change(ChangeAction.UPSERT, plain("www.upsert.rr.test", RRType.A, 300, "192.0.2.1")));
        submit(zoneId, change(ChangeAction.UPSERT, plain("www.upsert.rr.test", RRType.A, 60, "192.0.2.7")));

        ResourceRecordSet www = recordSet(zoneId, "www.upsert.rr.test.", RRType.A);
        assertEquals(60L, www.ttl());
        assertEquals(List.of("192.0.2.7"), www.resourceRecords().stream().map(ResourceRecord::value).toList());
    }

    @Test
    void changeResourceRecordSets_deleteThenCreateInOneBatch_replacesTheRecordSet() {
        String zoneId = zone("replace.rr.test");
        submit(zoneId, change(ChangeAction.CREATE, plain("www.replace.rr.test", RRType.A, 300, "192.0.2.1")));

        submit(zoneId,
                change(ChangeAction.DELETE, plain("www.replace.rr.test", RRType.A, 300, "192.0.2.1")),
                change(ChangeAction.CREATE, plain("www.replace.rr.test", RRType.A, 300, "192.0.2.2")));

        assertEquals("192.0.2.2", recordSet(zoneId, "www.replace.rr.test.", RRType.A).resourceRecords().get(0).value());
    }

    @Test
    void changeResourceRecordSets_deleteOfAMissingRecordSet_isInvalidChangeBatch() {
        String zoneId = zone("missing.rr.test");

        InvalidChangeBatchException error = refused(zoneId, change(ChangeAction.DELETE, plain("foo.missing.rr.test", RRType.CNAME, 300, "bar.missing.rr.test")));

        assertEquals("[Tried to delete resource record set [name='foo.missing.rr.test.', type='CNAME'] but it was not found]",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void changeResourceRecordSets_deleteWithOtherValues_isInvalidChangeBatch() {
        String zoneId = zone("mismatch.rr.test");
        submit(zoneId, change(ChangeAction.CREATE, plain("www.mismatch.rr.test", RRType.A, 300, "192.0.2.1")));

        InvalidChangeBatchException error = refused(zoneId, change(ChangeAction.DELETE, plain("www.mismatch.rr.test", RRType.A, 60, "192.0.2.1")));

        assertEquals("[Tried to delete resource record set [name='www.mismatch.rr.test.', type='A'] but the values provided do not match the current values]",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void changeResourceRecordSets_delete_removesTheRecordSet() {
        String zoneId = zone("delete.rr.test");
        submit(zoneId, change(ChangeAction.CREATE, plain("www.delete.rr.test", RRType.A, 300, "192.0.2.1", "192.0.2.2")));

        submit(zoneId, change(ChangeAction.DELETE, plain("www.delete.rr.test", RRType.A, 300, "192.0.2.2", "192.0.2.1")));

        assertEquals(List.of(RRType.NS, RRType.SOA), recordSets(zoneId).stream().map(ResourceRecordSet::type).toList());
    }

    @Test
    void changeResourceRecordSets_oneBadChange_appliesNothingAndListsEveryProblem() {
        String zoneId = zone("atomic.rr.test");

        InvalidChangeBatchException error = refused(zoneId,
                change(ChangeAction.CREATE, plain("ok.atomic.rr.test", RRType.A, 300, "192.0.2.1")),
                change(ChangeAction.DELETE, plain("gone.atomic.rr.test", RRType.A, 300, "192.0.2.1")),
                change(ChangeAction.CREATE, plain("www.elsewhere.test", RRType.A, 300, "192.0.2.1")));

        assertEquals("[Tried to delete resource record set [name='gone.atomic.rr.test.', type='A'] but it was not found, "
                + "RRSet with DNS name www.elsewhere.test. is not permitted in zone atomic.rr.test.]", error.awsErrorDetails().errorMessage());
        assertEquals(2, recordSets(zoneId).size());
    }

    @Test
    void changeResourceRecordSets_invalidIpv4Address_isInvalidChangeBatch() {
        String zoneId = zone("badip.rr.test");

        InvalidChangeBatchException error = refused(zoneId, change(ChangeAction.CREATE, plain("www.badip.rr.test", RRType.A, 300, "192.0.2.300")));

        assertEquals("[Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '192.0.2.300'']",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void changeResourceRecordSets_unquotedTxtValue_isInvalidChangeBatch() {
        String zoneId = zone("txt.rr.test");

        InvalidChangeBatchException error = refused(zoneId, change(ChangeAction.CREATE, plain("txt.txt.rr.test", RRType.TXT, 300, "hello world")));

        assertTrue(error.awsErrorDetails().errorMessage().contains("Value should be enclosed in quotation marks"), error.awsErrorDetails().errorMessage());
    }

    @Test
    void changeResourceRecordSets_txtStringOver255Characters_isInvalidChangeBatch() {
        String zoneId = zone("longtxt.rr.test");

        InvalidChangeBatchException error = refused(zoneId,
                change(ChangeAction.CREATE, plain("dkim.longtxt.rr.test", RRType.TXT, 300, "\"" + "k".repeat(256) + "\"")));

        assertTrue(error.awsErrorDetails().errorMessage().contains("CharacterStringTooLong (Value is too long)"), error.awsErrorDetails().errorMessage());
        submit(zoneId, change(ChangeAction.CREATE, plain("dkim.longtxt.rr.test", RRType.TXT, 300,
                "\"" + "k".repeat(255) + "\" \"" + "k".repeat(10) + "\"")));
    }

    @Test
    void changeResourceRecordSets_cnameAtTheApex_isInvalidChangeBatch() {
        String zoneId = zone("apexcname.rr.test");

        InvalidChangeBatchException error = refused(zoneId, change(ChangeAction.CREATE, plain("apexcname.rr.test", RRType.CNAME, 300, "www.example.com")));

        assertEquals("[RRSet of type CNAME with DNS name apexcname.rr.test. is not permitted at apex in zone apexcname.rr.test.]",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void changeResourceRecordSets_cnameBesideOtherRecords_isInvalidChangeBatch() {
        String zoneId = zone("conflict.rr.test");
        submit(zoneId, change(ChangeAction.CREATE, plain("www.conflict.rr.test", RRType.CNAME, 300, "web.example.com")));

        InvalidChangeBatchException error = refused(zoneId, change(ChangeAction.CREATE, plain("www.conflict.rr.test", RRType.TXT, 300, "\"x\"")));

        assertEquals("[RRSet of type TXT with DNS name www.conflict.rr.test. is not permitted because a conflicting RRSet of type  CNAME "
                + "with the same DNS name already exists in zone conflict.rr.test.]", error.awsErrorDetails().errorMessage());
    }

    @Test
    void changeResourceRecordSets_deletingTheApexSoaOrNs_isInvalidChangeBatch() {
        String zoneId = zone("keep.rr.test");
        ResourceRecordSet soa = recordSet(zoneId, "keep.rr.test.", RRType.SOA);
        ResourceRecordSet ns = recordSet(zoneId, "keep.rr.test.", RRType.NS);

        assertEquals("[A HostedZone must contain exactly one SOA record.]",
                refused(zoneId, change(ChangeAction.DELETE, soa)).awsErrorDetails().errorMessage());
        assertEquals("[A HostedZone must contain at least one NS record for the zone itself.]",
                refused(zoneId, change(ChangeAction.DELETE, ns)).awsErrorDetails().errorMessage());
    }

    @Test
    void changeResourceRecordSets_upsertOfTheSoa_isAllowed() {
        String zoneId = zone("soa.rr.test");
        String soa = recordSet(zoneId, "soa.rr.test.", RRType.SOA).resourceRecords().get(0).value();
        String changed = soa.replace(" 86400", " 60");

        submit(zoneId, change(ChangeAction.UPSERT, plain("soa.rr.test", RRType.SOA, 900, changed)));

        assertEquals(changed, recordSet(zoneId, "soa.rr.test.", RRType.SOA).resourceRecords().get(0).value());
    }

    @Test
    void changeResourceRecordSets_neitherAliasNorValues_isInvalidInput() {
        String zoneId = zone("shape.rr.test");

        InvalidInputException error = assertThrows(InvalidInputException.class, () -> submit(zoneId,
                change(ChangeAction.CREATE, ResourceRecordSet.builder().name("www.shape.rr.test").type(RRType.A).build())));

        assertTrue(error.awsErrorDetails().errorMessage().startsWith(
                "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none"),
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void changeResourceRecordSets_unknownZone_isNoSuchHostedZone() {
        assertThrows(NoSuchHostedZoneException.class,
                () -> submit("Z0000000000000000000C", change(ChangeAction.CREATE, plain("www.nowhere.test", RRType.A, 300, "192.0.2.1"))));
    }

    @Test
    void aliasToTheSeoulS3WebsiteEndpoint_isStoredAsGiven() {
        String zoneId = zone("alias.rr.test");

        submit(zoneId, change(ChangeAction.CREATE, alias("chat.alias.rr.test", SEOUL_WEBSITE_ZONE, "s3-website.ap-northeast-2.amazonaws.com")));

        ResourceRecordSet set = recordSet(zoneId, "chat.alias.rr.test.", RRType.A);
        assertEquals(SEOUL_WEBSITE_ZONE, set.aliasTarget().hostedZoneId());
        assertEquals("s3-website.ap-northeast-2.amazonaws.com.", set.aliasTarget().dnsName());
        assertFalse(set.aliasTarget().evaluateTargetHealth());
        assertEquals(null, set.ttl());
        assertTrue(set.resourceRecords().isEmpty());
    }

    @Test
    void aliasToLocalcloudsOwnWebsiteEndpoint_isAcceptedWithTheRegionsZoneId() {
        String zoneId = zone("localalias.rr.test");

        submit(zoneId, change(ChangeAction.CREATE,
                alias("chat.localalias.rr.test", SEOUL_WEBSITE_ZONE, "chat.localalias.rr.test.s3-website.ap-northeast-2.localhost")));

        assertEquals("chat.localalias.rr.test.s3-website.ap-northeast-2.localhost.",
                recordSet(zoneId, "chat.localalias.rr.test.", RRType.A).aliasTarget().dnsName());
    }

    @Test
    void aliasToAnOlderRegionsDashEndpoint_isAcceptedWithThatRegionsZoneId() {
        String zoneId = zone("virginia.rr.test");

        submit(zoneId, change(ChangeAction.CREATE, alias("www.virginia.rr.test", "Z3AQBSTGFYJSTF", "s3-website-us-east-1.amazonaws.com")));

        assertEquals("Z3AQBSTGFYJSTF", recordSet(zoneId, "www.virginia.rr.test.", RRType.A).aliasTarget().hostedZoneId());
    }

    @Test
    void aliasWithAnotherRegionsZoneId_isInvalidChangeBatchNotWithinTheTargetZone() {
        String zoneId = zone("wrongzone.rr.test");

        InvalidChangeBatchException error = refused(zoneId, change(ChangeAction.CREATE,
                alias("chat.wrongzone.rr.test", "Z2M4EHUR26P7ZW", "s3-website.ap-northeast-2.amazonaws.com")));

        assertEquals("[Tried to create an alias that targets s3-website.ap-northeast-2.amazonaws.com., type A in zone Z2M4EHUR26P7ZW, "
                + "but the alias target name does not lie within the target zone]", error.awsErrorDetails().errorMessage());
    }

    @Test
    void aliasToTheDashFormOfANewRegion_isInvalidChangeBatch() {
        String zoneId = zone("dash.rr.test");

        InvalidChangeBatchException error = refused(zoneId, change(ChangeAction.CREATE,
                alias("chat.dash.rr.test", SEOUL_WEBSITE_ZONE, "s3-website-ap-northeast-2.amazonaws.com")));

        assertTrue(error.awsErrorDetails().errorMessage().endsWith("but the alias target name does not lie within the target zone]"));
    }

    @Test
    void aliasToAMissingRecordOfTheSameZone_isInvalidChangeBatchTargetNotFound() {
        String zoneId = zone("inzone.rr.test");

        InvalidChangeBatchException error = refused(zoneId, change(ChangeAction.CREATE,
                alias("inzone.rr.test", zoneId, "www.inzone.rr.test")));

        assertEquals("[Tried to create an alias that targets www.inzone.rr.test., type A in zone " + zoneId + ", but that target was not found]",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void aliasToARecordOfTheSameZone_isAccepted() {
        String zoneId = zone("inzone-ok.rr.test");

        submit(zoneId,
                change(ChangeAction.CREATE, plain("www.inzone-ok.rr.test", RRType.A, 300, "192.0.2.1")),
                change(ChangeAction.CREATE, alias("inzone-ok.rr.test", zoneId, "www.inzone-ok.rr.test")));

        assertEquals(zoneId, recordSet(zoneId, "inzone-ok.rr.test.", RRType.A).aliasTarget().hostedZoneId());
    }

    @Test
    void aliasToARecordOfAnotherHostedZone_isAcceptedAndItsNameMustLieInThatZone() {
        String targetZoneId = zone("target.rr.test");
        submit(targetZoneId, change(ChangeAction.CREATE, plain("www.target.rr.test", RRType.A, 300, "192.0.2.5")));
        String zoneId = zone("source.rr.test");

        submit(zoneId, change(ChangeAction.CREATE, alias("www.source.rr.test", targetZoneId, "www.target.rr.test")));

        assertEquals("www.target.rr.test.", recordSet(zoneId, "www.source.rr.test.", RRType.A).aliasTarget().dnsName());
        assertTrue(refused(zoneId, change(ChangeAction.CREATE, alias("other.source.rr.test", targetZoneId, "www.elsewhere.test")))
                .awsErrorDetails().errorMessage().endsWith("but the alias target name does not lie within the target zone]"));
    }

    @Test
    void listResourceRecordSets_sortsByReversedNameThenTypeAndPages() {
        String zoneId = zone("list.rr.test");
        submit(zoneId,
                change(ChangeAction.CREATE, plain("b.list.rr.test", RRType.A, 300, "192.0.2.2")),
                change(ChangeAction.CREATE, plain("a.list.rr.test", RRType.TXT, 300, "\"a\"")),
                change(ChangeAction.CREATE, plain("a.list.rr.test", RRType.A, 300, "192.0.2.1")),
                change(ChangeAction.CREATE, plain("x.a.list.rr.test", RRType.A, 300, "192.0.2.3")));

        List<String> all = recordSets(zoneId).stream().map(set -> set.name() + " " + set.type()).toList();
        assertEquals(List.of("list.rr.test. NS", "list.rr.test. SOA", "a.list.rr.test. A", "a.list.rr.test. TXT",
                "x.a.list.rr.test. A", "b.list.rr.test. A"), all);

        ListResourceRecordSetsResponse first = route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId).maxItems("3"));
        assertTrue(first.isTruncated());
        assertEquals("a.list.rr.test.", first.nextRecordName());
        assertEquals(RRType.TXT, first.nextRecordType());
        ListResourceRecordSetsResponse second = route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)
                .startRecordName(first.nextRecordName()).startRecordType(first.nextRecordType()).maxItems("3"));
        assertFalse(second.isTruncated());
        assertEquals(List.of("a.list.rr.test. TXT", "x.a.list.rr.test. A", "b.list.rr.test. A"),
                second.resourceRecordSets().stream().map(set -> set.name() + " " + set.type()).toList());
        assertEquals(6, route53.listResourceRecordSetsPaginator(r -> r.hostedZoneId(zoneId).maxItems("2")).resourceRecordSets().stream().count());
    }

    @Test
    void listResourceRecordSets_writesAWildcardNameWithAnOctalEscape() {
        String zoneId = zone("wild.rr.test");

        submit(zoneId, change(ChangeAction.CREATE, plain("*.wild.rr.test", RRType.A, 300, "192.0.2.1")));

        assertTrue(recordSets(zoneId).stream().anyMatch(set -> set.name().equals("\\052.wild.rr.test.")));
    }

    @Test
    void getChange_ofASubmittedChange_isInsyncAndTheSdkWaiterReturnsAtOnce() {
        String zoneId = zone("waiter.rr.test");
        ChangeInfo change = submit(zoneId, change(ChangeAction.CREATE, plain("www.waiter.rr.test", RRType.A, 300, "192.0.2.1")));

        Instant before = Instant.now();
        WaiterResponse<GetChangeResponse> waited = route53.waiter().waitUntilResourceRecordSetsChanged(r -> r.id(change.id()));

        assertEquals(ChangeStatus.INSYNC, waited.matched().response().orElseThrow().changeInfo().status());
        assertTrue(Duration.between(before, Instant.now()).toSeconds() < 5);
        GetChangeResponse got = route53.getChange(r -> r.id("/change/" + change.id()));
        assertEquals(change.id(), got.changeInfo().id());
        assertEquals(change.submittedAt(), got.changeInfo().submittedAt());
    }

    @Test
    void getChange_unknownId_isNoSuchChange() {
        NoSuchChangeException error = assertThrows(NoSuchChangeException.class, () -> route53.getChange(r -> r.id("C0000000000000000000D")));
        assertEquals(404, error.statusCode());
        assertEquals("Could not find resource with ID: C0000000000000000000D", error.awsErrorDetails().errorMessage());
    }
}
