package dev.chatlab.bench;

import dev.chatlab.localcloud.LocalCloud;
import dev.chatlab.localcloud.LocalCloudConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * The cloud a benchmark measures: the endpoint it was given, or an in-process localcloud on a
 * free port (with a temporary data directory, so writes go through the on-disk store as in the
 * lab, unless in memory), which closing stops and deletes.
 */
final class BenchCloud implements AutoCloseable {

    private final URI endpoint;
    private final boolean given;
    private final LocalCloud inProcess;
    private final Path dataDirectory;
    private final Region region;

    private BenchCloud(URI endpoint, boolean given, LocalCloud inProcess, Path dataDirectory, Region region) {
        this.endpoint = endpoint;
        this.given = given;
        this.inProcess = inProcess;
        this.dataDirectory = dataDirectory;
        this.region = region;
    }

    /** {@code endpoint} when not null, else a new in-process localcloud. */
    static BenchCloud open(URI endpoint, boolean inMemory, String region) throws IOException {
        if (endpoint != null) {
            return new BenchCloud(endpoint, true, null, null, Region.of(region));
        }
        LocalCloudConfig config = LocalCloudConfig.forTests();
        Path dataDirectory = null;
        if (!inMemory) {
            dataDirectory = Files.createTempDirectory("bench-localcloud");
            config = config.withDataDirectory(dataDirectory);
        }
        LocalCloud cloud = LocalCloud.start(config);
        URI target = URI.create(cloud.endpoint());
        System.out.println("in-process localcloud at " + target + (inMemory ? " (in memory)" : " (data in " + dataDirectory + ")"));
        return new BenchCloud(target, false, cloud, dataDirectory, Region.of(region));
    }

    URI endpoint() {
        return endpoint;
    }

    /** What the JSON results call the target. */
    String description() {
        return given ? endpoint.toString() : "in-process localcloud";
    }

    /** True for a localcloud (in-process or on this machine), whose keys are test/test. */
    boolean isLocal() {
        return !given || "localhost".equals(endpoint.getHost()) || "127.0.0.1".equals(endpoint.getHost());
    }

    /** An SDK client builder pointed at the target (localcloud's keys when local, else the default chain). */
    <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        builder.region(region).endpointOverride(endpoint);
        if (isLocal()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        }
        return builder;
    }

    @Override
    public void close() {
        if (inProcess != null) {
            inProcess.close();
        }
        if (dataDirectory != null) {
            deleteRecursively(dataDirectory);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
