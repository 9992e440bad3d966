package dev.chatlab.bench;

import dev.chatlab.localcloud.LocalCloud;
import dev.chatlab.localcloud.config.LocalCloudConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What a benchmark runs against: the endpoint of {@code --endpoint}, or an in-process localcloud
 * on a free port with a temporary data directory (so that writes go through the on-disk store
 * as in the lab), stopped and deleted on {@link #close()}. It also builds the SDK clients
 * pointed at it, all alike.
 */
final class BenchTarget implements AutoCloseable {

    private final BenchOptions options;
    private final URI endpoint;
    private final LocalCloud cloud;
    private final Path dataDirectory;

    private BenchTarget(BenchOptions options, URI endpoint, LocalCloud cloud, Path dataDirectory) {
        this.options = options;
        this.endpoint = endpoint;
        this.cloud = cloud;
        this.dataDirectory = dataDirectory;
    }

    static BenchTarget open(BenchOptions options) throws IOException {
        if (options.endpoint != null) {
            return new BenchTarget(options, options.endpoint, null, null);
        }
        LocalCloudConfig config = LocalCloudConfig.forTests();
        Path dataDirectory = null;
        if (!options.inMemory) {
            dataDirectory = Files.createTempDirectory("bench-localcloud");
            config = config.withDataDirectory(dataDirectory);
        }
        LocalCloud cloud = LocalCloud.start(config);
        URI endpoint = URI.create(cloud.endpoint());
        System.out.println("in-process localcloud at " + endpoint + (options.inMemory ? " (in memory)" : " (data in " + dataDirectory + ")"));
        return new BenchTarget(options, endpoint, cloud, dataDirectory);
    }

    URI endpoint() {
        return endpoint;
    }

    /** The localcloud running in this JVM, when the benchmark started one. */
    Optional<LocalCloud> inProcessCloud() {
        return Optional.ofNullable(cloud);
    }

    /** An SDK client of any service, pointed at the target, with the configured HTTP client. */
    <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder) {
        builder.httpClientBuilder(httpClient()).region(Region.of(options.region)).endpointOverride(endpoint);
        if (onThisMachine()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        }
        return builder.build();
    }

    /** A builder, not a client: the SDK client then owns its HTTP client and closes it with itself. */
    private SdkHttpClient.Builder<?> httpClient() {
        return switch (options.httpClient) {
            case "apache" -> ApacheHttpClient.builder().maxConnections(4).tcpKeepAlive(true);
            case "urlconnection" -> UrlConnectionHttpClient.builder();
            default -> throw new IllegalArgumentException("--http-client must be apache or urlconnection");
        };
    }

    /** In this JVM or at a loopback address (then it is a localcloud: the lab's keys, its processes visible). */
    boolean onThisMachine() {
        return cloud != null || "localhost".equals(endpoint.getHost()) || "127.0.0.1".equals(endpoint.getHost());
    }

    /** The fields every benchmark's JSON starts with. */
    Map<String, Object> jsonHeader(String benchmark) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", benchmark);
        document.put("endpoint", cloud != null ? "in-process localcloud" : endpoint.toString());
        document.put("httpClient", options.httpClient);
        document.put("clients", options.clients);
        document.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        return document;
    }

    /** Writes {@code document} to the {@code --json} file, if one was given. */
    void writeJson(Map<String, Object> document) throws IOException {
        if (options.json != null) {
            BenchResult.writeJson(document, options.json);
        }
    }

    @Override
    public void close() throws IOException {
        if (cloud != null) {
            cloud.close();
        }
        if (dataDirectory != null) {
            try (Stream<Path> paths = Files.walk(dataDirectory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
