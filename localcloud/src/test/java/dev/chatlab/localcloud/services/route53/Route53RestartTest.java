package dev.chatlab.localcloud.services.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.testing.TestCloud;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZoneAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/** Zones, records, tags and used caller references live in the state directory and survive a restart. */
class Route53RestartTest {

    @TempDir
    Path state;

    @Test
    void zonesRecordsAndTags_surviveARestart() throws Exception {
        LocalCloudConfig config = LocalCloudConfig.forTests().withDataDirectory(state);
        String zoneId;
        try (TestCloud first = TestCloud.start(config); Route53Client route53 = first.client(Route53Client.builder()).build()) {
            zoneId = route53.createHostedZone(r -> r.name("restart.test").callerReference("ref-restart")).hostedZone().id();
            String id = zoneId;
            route53.changeResourceRecordSets(r -> r.hostedZoneId(id).changeBatch(b -> b.changes(c -> c.action(ChangeAction.CREATE)
                    .resourceRecordSet(s -> s.name("www.restart.test").type(RRType.A).ttl(60L).resourceRecords(v -> v.value("192.0.2.77"))))));
            route53.changeTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(id).addTags(t -> t.key("chatlab").value("yes")));
        }

        try (TestCloud second = TestCloud.start(config); Route53Client route53 = second.client(Route53Client.builder()).build()) {
            String id = zoneId;
            assertEquals("restart.test.", route53.getHostedZone(r -> r.id(id)).hostedZone().name());
            assertEquals(3, route53.listResourceRecordSets(r -> r.hostedZoneId(id)).resourceRecordSets().size());
            assertEquals("yes", route53.listTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(id))
                    .resourceTagSet().tags().get(0).value());
            assertThrows(HostedZoneAlreadyExistsException.class,
                    () -> route53.createHostedZone(r -> r.name("restart.test").callerReference("ref-restart")));

            SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
            resolver.setPort(second.cloud().dnsPort());
            Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("www.restart.test."), Type.A, DClass.IN)));
            assertEquals("192.0.2.77", ((ARecord) answer.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress());
        }
    }
}
