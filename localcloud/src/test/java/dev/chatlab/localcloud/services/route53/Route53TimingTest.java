package dev.chatlab.localcloud.services.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.RunsBesideTheSuite;
import dev.chatlab.localcloud.testing.TestCloud;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.RRType;

/** Route53's changes under the default ("aws") timing: PENDING for about a second, then INSYNC, as the SDK's waiter sees them. */
@RunsBesideTheSuite
class Route53TimingTest {

    static TestCloud cloud;
    static Route53Client route53;

    @BeforeAll
    static void start() {
        cloud = TestCloud.startWithAwsTiming();
        route53 = cloud.client(Route53Client.builder()).build();
    }

    @AfterAll
    static void stop() {
        route53.close();
        cloud.close();
    }

    @Test
    void changeResourceRecordSets_isPendingThenInsync_andResourceRecordSetsChangedWaitsForIt() {
        String zone = route53.createHostedZone(b -> b.name("timing.test").callerReference("timing-" + System.nanoTime())).hostedZone().id();
        String change = route53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(ch -> ch.action(ChangeAction.UPSERT)
                .resourceRecordSet(r -> r.name("www.timing.test").type(RRType.A).ttl(60L).resourceRecords(v -> v.value("192.0.2.1")))))).changeInfo().id();
        assertEquals(ChangeStatus.PENDING, route53.getChange(b -> b.id(change)).changeInfo().status());

        // the SDK's default waiter polls every 30 s (Route53 takes that long); a step polls faster
        var waited = route53.waiter().waitUntilResourceRecordSetsChanged(b -> b.id(change),
                o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))).maxAttempts(300));
        assertTrue(waited.attemptsExecuted() > 1, "the waiter saw PENDING first");
        assertEquals(ChangeStatus.INSYNC, waited.matched().response().orElseThrow().changeInfo().status());
    }
}
