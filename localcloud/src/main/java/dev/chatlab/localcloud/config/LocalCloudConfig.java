package dev.chatlab.localcloud.config;

import dev.chatlab.localcloud.protocol.AccountAndRegion;
import java.nio.file.Path;

/**
 * How one localcloud runs.
 *
 * @param bindAddress   the address it listens on (127.0.0.1: nothing outside the laptop reaches it)
 * @param port          the one HTTP port of every service (0: a free port, for tests)
 * @param dnsPort       the UDP/TCP port of the Route53 zones' DNS server (0: a free port)
 * @param dataDirectory where state lives between restarts; null keeps it in memory
 * @param publicHost    the host name put into the URLs localcloud hands out (website endpoints, API URLs)
 * @param timing        how long AWS's asynchronous changes take ({@link Timing#AWS} unless told otherwise)
 * @param verifySignatures whether requests must carry valid SigV4 signatures, as on AWS (true unless told otherwise)
 */
public record LocalCloudConfig(String bindAddress, int port, int dnsPort, Path dataDirectory, String publicHost, Timing timing,
                               boolean verifySignatures) {

    public static final int DEFAULT_PORT = 4566;
    public static final int DEFAULT_DNS_PORT = 4553;
    /** The account every local resource belongs to, as in ARNs: arn:aws:iam::000000000000:role/x. */
    public static final String ACCOUNT_ID = AccountAndRegion.ACCOUNT_ID;

    /**
     * An in-memory cloud on free ports with the {@link Timing#FAST} timing: what tests start
     * (a test whose subject is timing asks for {@code forTests().withTiming(Timing.AWS)}).
     */
    public static LocalCloudConfig forTests() {
        return new LocalCloudConfig("127.0.0.1", 0, 0, null, "localhost", Timing.FAST, true);
    }

    public LocalCloudConfig withDataDirectory(Path directory) {
        return new LocalCloudConfig(bindAddress, port, dnsPort, directory, publicHost, timing, verifySignatures);
    }

    public LocalCloudConfig withPorts(int httpPort, int dnsPortNumber) {
        return new LocalCloudConfig(bindAddress, httpPort, dnsPortNumber, dataDirectory, publicHost, timing, verifySignatures);
    }

    public LocalCloudConfig withTiming(Timing newTiming) {
        return new LocalCloudConfig(bindAddress, port, dnsPort, dataDirectory, publicHost, newTiming, verifySignatures);
    }

    /** With {@code false}, every request is taken as it comes (localcloud --no-verify-signatures). */
    public LocalCloudConfig withSignatureVerification(boolean verify) {
        return new LocalCloudConfig(bindAddress, port, dnsPort, dataDirectory, publicHost, timing, verify);
    }
}
