package dev.chatlab.localcloud.config;

import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.storage.Storage;
import java.time.Clock;

/**
 * What every service of one running localcloud shares: its configuration, the ports it
 * actually listens on (known once bound, which matters when tests ask for port 0), the
 * storage, and the clock (a test can hand in a fixed one).
 */
public record CloudContext(LocalCloudConfig config, int httpPort, Storage storage, Clock clock) {

    /** The base URL of the one HTTP port, e.g. http://localhost:4566. */
    public String baseUrl() {
        return "http://" + config.publicHost() + ":" + httpPort;
    }

    /** How long AWS's asynchronous changes take in this cloud. */
    public Timing timing() {
        return config.timing();
    }

    public String accountId() {
        return AccountAndRegion.ACCOUNT_ID;
    }
}
