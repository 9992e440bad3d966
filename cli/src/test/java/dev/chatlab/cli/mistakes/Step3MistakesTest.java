package dev.chatlab.cli.mistakes;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.labkit.ErrorHints;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/**
 * Step 3's mistakes, made as a console user makes them: the alias aimed at another region's
 * website endpoint, a record named differently from the bucket, no record at all.
 */
class Step3MistakesTest {

    private final MistakeLab mistakes = MistakeLab.shared();
    private final Route53Client route53 = mistakes.lab().client(Route53Client.builder());
    private final String host = mistakes.lab().names().siteHost();
    private final String domain = mistakes.lab().names().domain();

    @Test
    void aliasToAnotherRegionsWebsiteEndpoint_failsTheAliasCheck_namingTheRegion() {
        ResourceRecordSet original = record(host);
        try {
            upsert(alias(host, "s3-website-us-east-1.amazonaws.com", "Z3AQBSTGFYJSTF"));
            mistakes.assertFailsFirstOn(3, "alias to the S3 website endpoint", "(region us-east-1), but the bucket lives in ap-northeast-2");
        } finally {
            upsert(original);
        }
        mistakes.assertPasses(3);
    }

    @Test
    void aliasWithAnotherRegionsZoneId_isRefusedByRoute53_andTheHintNamesTheZoneId() {
        Route53Exception refused = assertThrows(Route53Exception.class,
                () -> upsert(alias(host, "s3-website.ap-northeast-2.amazonaws.com", "Z3AQBSTGFYJSTF")));
        String hint = ErrorHints.hintFor(refused).orElseThrow().en();
        assertTrue(hint.contains("hosted zone id") && hint.contains("websiteZoneId"), hint);
        mistakes.assertPasses(3);
    }

    @Test
    void recordNamedOtherThanTheBucket_failsTheRecordCheck_sayingHostHeader() {
        ResourceRecordSet original = record(host);
        String other = "site." + domain;
        try {
            change(ChangeAction.DELETE, original);
            upsert(alias(other, original.aliasTarget().dnsName(), original.aliasTarget().hostedZoneId()));
            mistakes.assertFailsFirstOn(3, "named exactly like the bucket", "picks the bucket by the Host header");
        } finally {
            change(ChangeAction.DELETE, record(other));
            upsert(original);
        }
        mistakes.assertPasses(3);
    }

    @Test
    void recordMissing_failsTheRecordCheck() {
        ResourceRecordSet original = record(host);
        try {
            change(ChangeAction.DELETE, original);
            mistakes.assertFailsFirstOn(3, "named exactly like the bucket", "has no A record " + host + ": run ./lab step 3");
        } finally {
            upsert(original);
        }
        mistakes.assertPasses(3);
    }

    @Test
    void wronglyCompletedExercise_runPrintsTheRecordItMade_readBackFromTheCloud() {
        ResourceRecordSet original = record(host);
        try {
            String printed = mistakes.run(3, source -> source
                    .replace(".aliasTarget(a -> a.dnsName(Lab.websiteEndpointPrefix(region) + \".amazonaws.com\")",
                            ".aliasTarget(a -> a.dnsName(\"s3-website-us-east-1.amazonaws.com\")")
                    .replace(".hostedZoneId(websiteZoneId(region))", ".hostedZoneId(\"Z3AQBSTGFYJSTF\")"));
            assertTrue(printed.contains("Record read back: " + host + " A, alias to s3-website-us-east-1.amazonaws.com. in hosted zone Z3AQBSTGFYJSTF"),
                    printed);
        } finally {
            upsert(original);
        }
        mistakes.assertPasses(3);
    }

    private String zoneId() {
        HostedZone zone = route53.listHostedZonesByName(b -> b.dnsName(domain + ".")).hostedZones().get(0);
        return zone.id().replace("/hostedzone/", "");
    }

    private ResourceRecordSet record(String name) {
        return route53.listResourceRecordSets(b -> b.hostedZoneId(zoneId())).resourceRecordSets().stream()
                .filter(r -> r.name().equals(name + ".") && r.type() == RRType.A).findFirst().orElseThrow();
    }

    private static ResourceRecordSet alias(String name, String dnsName, String zoneId) {
        return ResourceRecordSet.builder().name(name).type(RRType.A)
                .aliasTarget(a -> a.dnsName(dnsName).hostedZoneId(zoneId).evaluateTargetHealth(false)).build();
    }

    private void upsert(ResourceRecordSet record) {
        change(ChangeAction.UPSERT, record);
    }

    private void change(ChangeAction action, ResourceRecordSet record) {
        String id = route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId())
                .changeBatch(c -> c.changes(ch -> ch.action(action).resourceRecordSet(record)))).changeInfo().id();
        route53.waiter().waitUntilResourceRecordSetsChanged(b -> b.id(id));
    }
}
