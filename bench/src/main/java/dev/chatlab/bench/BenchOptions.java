package dev.chatlab.bench;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every benchmark takes (a picocli mixin): where the cloud is, how many callers, how long. */
public final class BenchOptions {

    @Option(names = "--endpoint", description = "a running localcloud (or the service's endpoint URL); default: start an in-process localcloud on a free port")
    URI endpoint;

    @Option(names = "--region", defaultValue = "ap-northeast-2", description = "region (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--duration", defaultValue = "10", description = "measured seconds per operation (default: ${DEFAULT-VALUE})")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "5", description = "warm-up seconds per operation, not measured (default: ${DEFAULT-VALUE})")
    int warmUpSeconds;

    @Option(names = "--http-client", defaultValue = "apache", description = "apache or urlconnection (default: ${DEFAULT-VALUE})")
    String httpClient;

    @Option(names = "--in-memory", description = "in-process localcloud without a data directory (default: a temporary one, as the lab uses disk)")
    boolean inMemory;

    @Option(names = "--json", description = "also write the results as JSON to this file")
    File json;

    Duration warmUp() {
        return Duration.ofSeconds(warmUpSeconds);
    }

    Duration duration() {
        return Duration.ofSeconds(durationSeconds);
    }
}
