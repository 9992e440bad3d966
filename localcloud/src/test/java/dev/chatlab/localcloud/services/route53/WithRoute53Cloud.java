package dev.chatlab.localcloud.services.route53;

import dev.chatlab.localcloud.testing.TestCloud;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** One cloud and one Route53 client per test class, and the builders the Route53 tests share. */
abstract class WithRoute53Cloud {

    static final String SEOUL_WEBSITE_ZONE = "Z3W03O7B5YMIYP";

    static TestCloud cloud;
    static Route53Client route53;

    @BeforeAll
    static void startCloud() {
        cloud = TestCloud.start();
        route53 = cloud.client(Route53Client.builder()).build();
    }

    @AfterAll
    static void stopCloud() {
        route53.close();
        cloud.close();
    }

    static CreateHostedZoneResponse createZone(String name) {
        return route53.createHostedZone(r -> r.name(name).callerReference(UUID.randomUUID().toString()));
    }

    static String zone(String name) {
        return createZone(name).hostedZone().id();
    }

    static ResourceRecordSet plain(String name, RRType type, long ttl, String... values) {
        return ResourceRecordSet.builder().name(name).type(type).ttl(ttl)
                .resourceRecords(Arrays.stream(values).map(value -> ResourceRecord.builder().value(value).build()).toList())
                .build();
    }

    static ResourceRecordSet alias(String name, String zoneId, String dnsName) {
        return ResourceRecordSet.builder().name(name).type(RRType.A)
                .aliasTarget(AliasTarget.builder().hostedZoneId(zoneId).dnsName(dnsName).evaluateTargetHealth(false).build())
                .build();
    }

    static Change change(ChangeAction action, ResourceRecordSet set) {
        return Change.builder().action(action).resourceRecordSet(set).build();
    }
}
