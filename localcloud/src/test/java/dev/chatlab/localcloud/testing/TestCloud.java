package dev.chatlab.localcloud.testing;

import dev.chatlab.localcloud.LocalCloud;
import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.config.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * An in-memory localcloud on a free port, and SDK clients pointed at it the way the lab's
 * own code points them: endpoint override, region ap-northeast-2, the lab's dummy keys.
 * Use one per test class ({@code @BeforeAll}/{@code @AfterAll}) to keep the suite fast.
 */
public final class TestCloud implements AutoCloseable {

    public static final Region REGION = Region.AP_NORTHEAST_2;
    public static final StaticCredentialsProvider ADMIN =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    /**
     * The default ("aws") timing with its windows stretched to 3 s, for the tests whose subject
     * is timing: a loaded test machine still makes its calls inside a window (the default's are
     * about a second).
     */
    public static final Timing STRETCHED_AWS_TIMING = new Timing("aws", Duration.ofSeconds(3), Duration.ofSeconds(3),
            Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3),
            Duration.ofSeconds(3), Duration.ofSeconds(3));

    private final LocalCloud cloud;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestCloud(LocalCloud cloud) {
        this.cloud = cloud;
    }

    public static TestCloud start() {
        return new TestCloud(LocalCloud.start(LocalCloudConfig.forTests()));
    }

    /** A cloud whose subject is timing: {@link #STRETCHED_AWS_TIMING}. */
    public static TestCloud startWithAwsTiming() {
        return start(LocalCloudConfig.forTests().withTiming(STRETCHED_AWS_TIMING));
    }

    /** Synchronized: a cloud never starts while {@link #startWithLambdaSettings} has another cloud's settings set. */
    public static synchronized TestCloud start(LocalCloudConfig config) {
        return new TestCloud(LocalCloud.start(config));
    }

    /**
     * A cloud whose Lambda reads {@code settings} (RuntimeSettings' system properties, as a student's
     * environment sets them), set only while this cloud starts: a class running beside the suite
     * ({@link RunsBesideTheSuite}) never starts its cloud with them.
     */
    public static synchronized TestCloud startWithLambdaSettings(Map<String, String> settings) {
        settings.forEach(System::setProperty);
        try {
            return start();
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + cloud.port());
    }

    /** Configures any SDK client builder for this cloud: {@code cloud.client(S3Client.builder()).build()}. */
    public <B extends AwsClientBuilder<B, C>, C> B client(B builder) {
        builder.endpointOverride(endpoint()).region(REGION).credentialsProvider(ADMIN);
        if (builder instanceof AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder;
    }

    /** A plain HTTP GET (a browser's or curl's view), with an optional Host header. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(endpoint().resolve(path)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * How long {@link #raw} waits for an answer: only a guard against a hung test, not a bound any
     * test asserts. Generous, because a large request (the 1,001 Route53 changes of the malformed
     * input corpus: 250 KB of XML, each member checked against the model) took 8 ms to 1.1 s on a
     * JVM at load 12-15, and more than the former 10 s once, on two cores loaded by three test suites.
     */
    private static final int RAW_READ_TIMEOUT_MILLIS = 60_000;

    /**
     * Sends {@code request} as it is (bytes no HTTP client library would send: a Host of our
     * choosing, a broken escape) on a new connection, and answers the whole response as text.
     */
    public String raw(byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", cloud.port())) {
            socket.setSoTimeout(RAW_READ_TIMEOUT_MILLIS);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String raw(String request) {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        cloud.close();
    }
}
