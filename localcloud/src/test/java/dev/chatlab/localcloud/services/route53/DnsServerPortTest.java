package dev.chatlab.localcloud.services.route53;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.services.route53.dns.DnsResponder;
import dev.chatlab.localcloud.services.route53.dns.DnsServer;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the DNS server takes its port: a free one for 0, a clear refusal for a taken one. */
class DnsServerPortTest {

    private static final DnsResponder NO_ZONES = new DnsResponder(name -> Optional.empty(), InetAddress.getLoopbackAddress());

    @Test
    void portTakenByAnotherServer_failsWithAHintAtDnsPort() {
        try (DnsServer first = DnsServer.start("127.0.0.1", 0, NO_ZONES)) {
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> DnsServer.start("127.0.0.1", first.port(), NO_ZONES));
            assertTrue(error.getMessage().contains("--dns-port"), error.getMessage());
        }
    }

    @Test
    void portZero_givesEachServerItsOwnPort() {
        try (DnsServer first = DnsServer.start("127.0.0.1", 0, NO_ZONES); DnsServer second = DnsServer.start("127.0.0.1", 0, NO_ZONES)) {
            assertNotEquals(first.port(), second.port());
        }
    }

    @Test
    void websiteAddress_ofAWildcardBind_isLoopback() {
        assertTrue(DnsServer.websiteAddress("0.0.0.0").isLoopbackAddress());
        assertTrue(DnsServer.websiteAddress("127.0.0.1").isLoopbackAddress());
    }
}
