package dev.chatlab.labkit;

import dev.chatlab.labkit.chat.ChatEndpoints;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Everything a step needs, for the target it runs against: settings, names, console and
 * SDK clients. This is the only place that knows the difference between localcloud and
 * AWS, so a step's own code is the same for both.
 */
public final class Lab implements AutoCloseable {

    /** The keys of localcloud's admin; localcloud accepts them, AWS never would. */
    public static final String LOCAL_ACCESS_KEY = "test";
    public static final String LOCAL_SECRET_KEY = "test";

    /** The regions whose S3 website endpoints still use a dash: s3-website-us-east-1. */
    private static final Set<String> DASH_WEBSITE_REGIONS = Set.of("us-east-1", "us-west-1", "us-west-2", "eu-west-1",
            "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1", "us-gov-west-1");

    private final LabSettings settings;
    private final Console console;
    private final Names names;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final Path stepDirectory;
    private final AwsCredentialsProvider credentials;
    private S3Client s3;

    public Lab(LabSettings settings, Console console) {
        this(settings, console, (Path) null);
    }

    /** A lab whose running script is in {@code stepDirectory} (null: as {@code $LAB_STEP_DIR} says). */
    public Lab(LabSettings settings, Console console, Path stepDirectory) {
        this(settings, console, stepDirectory, null);
    }

    /**
     * A lab that reaches AWS with {@code credentials} instead of the settings' profile: an
     * instructor checking a student's cloud through a role assumed in the student's account.
     */
    public Lab(LabSettings settings, Console console, AwsCredentialsProvider credentials) {
        this(settings, console, null, credentials);
    }

    private Lab(LabSettings settings, Console console, Path stepDirectory, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.console = console;
        this.names = new Names(settings);
        this.stepDirectory = stepDirectory;
        this.credentials = credentials;
    }

    public LabSettings settings() {
        return settings;
    }

    public Console console() {
        return console;
    }

    public Names names() {
        return names;
    }

    public Lang lang() {
        return settings.lang();
    }

    public Region region() {
        return Region.of(settings.region());
    }

    /** Builds an SDK client for the target: {@code IamClient iam = lab.client(IamClient.builder());}. */
    public <B extends AwsClientBuilder<B, C>, C extends AutoCloseable> C client(B builder) {
        builder.region(region()).credentialsProvider(credentials());
        if (settings.isLocal()) {
            builder.endpointOverride(settings.localEndpoint());
        }
        if (builder instanceof S3ClientBuilder s3Builder) {
            // localcloud serves buckets by path (localhost/bucket/key), not by bucket.host names.
            s3Builder.forcePathStyle(settings.isLocal());
        }
        if (builder instanceof AwsSyncClientBuilder<?, ?> sync) {
            // Apache's client, not the lighter URLConnection one: API Gateway v2's updates are PATCH requests.
            sync.httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(60)));
        }
        C client = builder.build();
        clients.add(client);
        return client;
    }

    public S3Client s3() {
        if (s3 == null) {
            s3 = client(S3Client.builder());
        }
        return s3;
    }

    public AwsCredentialsProvider credentials() {
        if (credentials != null) {
            return credentials;
        }
        if (settings.isLocal()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY));
        }
        return settings.profile() != null ? ProfileCredentialsProvider.create(settings.profile()) : DefaultCredentialsProvider.builder().build();
    }

    /**
     * The S3 website endpoint of a bucket as a browser opens it. Locally the host ends in
     * ".localhost", which browsers resolve to this machine; {@link WebClient} reaches it from Java.
     */
    public URI websiteUrl(String bucket) {
        String region = settings.region();
        String endpoint = websiteEndpointPrefix(region);
        if (settings.isLocal()) {
            URI local = settings.localEndpoint();
            return URI.create("http://" + bucket + "." + endpoint + ".localhost:" + local.getPort() + "/");
        }
        return URI.create("http://" + bucket + "." + endpoint + ".amazonaws.com/");
    }

    /**
     * A REST API stage's invoke URL. Locally it is localcloud's path form, which every client
     * resolves; on AWS the execute-api host of the region.
     */
    public URI restApiUrl(String apiId, String stage) {
        return settings.isLocal()
                ? settings.localEndpoint().resolve("/_aws/execute-api/" + apiId + "/" + stage)
                : URI.create("https://" + apiId + ".execute-api." + settings.region() + ".amazonaws.com/" + stage);
    }

    /**
     * A URL as AWS forms it (a CloudFormation output: an S3 website endpoint, an execute-api
     * stage URL), turned into the address that reaches the same thing on this target: on AWS
     * the URL itself; locally localcloud's address of that bucket's website or that API's stage.
     * Any other URL is answered as it is.
     */
    public URI reachableUrl(String awsUrl) {
        URI url = URI.create(awsUrl);
        if (!settings.isLocal() || url.getHost() == null || !url.getHost().endsWith(".amazonaws.com")) {
            return url;
        }
        String host = url.getHost();
        int website = host.indexOf(".s3-website");
        if (website > 0) {
            return websiteUrl(host.substring(0, website));
        }
        Optional<String> apiId = ChatEndpoints.apiIdOf(awsUrl);
        Optional<String> stage = ChatEndpoints.stageOf(awsUrl);
        return apiId.isPresent() && stage.isPresent() ? restApiUrl(apiId.get(), stage.get()) : url;
    }

    /** An object's address on S3's REST endpoint, as an anonymous caller (curl, a browser) uses it. */
    public URI objectUrl(String bucket, String key) {
        return settings.isLocal()
                ? settings.localEndpoint().resolve("/" + bucket + "/" + key)
                : URI.create("https://s3." + settings.region() + ".amazonaws.com/" + bucket + "/" + key);
    }

    /**
     * Where to ask a hosted zone's name servers directly (authoritatively, as step 3's check
     * does): on AWS the first of the zone's name servers, locally localcloud's DNS server.
     */
    public InetSocketAddress authoritativeDnsServer(List<String> zoneNameServers) {
        if (settings.isLocal()) {
            return new InetSocketAddress(settings.localEndpoint().getHost(), LocalCloudInfo.of(settings.localEndpoint()).dnsPort());
        }
        return new InetSocketAddress(zoneNameServers.get(0), 53);
    }

    /**
     * The folder of the step script that runs (the student's step folder or its solution under
     * solutions/), as the lab command tells it; {@code fallback} (relative to the kit) otherwise.
     */
    public Path stepFolder(String fallback) {
        if (stepDirectory != null) {
            return stepDirectory;
        }
        String dir = System.getenv("LAB_STEP_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir) : settings.projectRoot().resolve(fallback);
    }

    /** The port an S3 website answers on: 80 on AWS, localcloud's one port locally. */
    public int websitePort() {
        return settings.isLocal() ? settings.localEndpoint().getPort() : 80;
    }

    /** The account the lab's resources belong to, as ARNs need it. */
    public String accountId() {
        try (StsClient sts = client(StsClient.builder())) {
            return sts.getCallerIdentity().account();
        }
    }

    /** "s3-website.ap-northeast-2", or "s3-website-us-east-1" in the regions that kept the older dash form. */
    public static String websiteEndpointPrefix(String region) {
        return DASH_WEBSITE_REGIONS.contains(region) ? "s3-website-" + region : "s3-website." + region;
    }

    /** An HTTP client that reaches the URLs the lab prints, .localhost ones included. */
    public WebClient web() {
        return new WebClient(settings.localEndpoint());
    }

    /**
     * Runs a wait (an SDK waiter, given {@link #polling()}) with a progress line, so a long wait
     * never looks like a hang. A transient error (the network, a timeout, throttling, a 5xx: a
     * slow machine or a busy service) means "not yet": the wait goes on. Any other error stops
     * the step with the error itself, not the waiter's wrapper around it.
     */
    public <T> T waitFor(Text what, Supplier<T> waiter) {
        long start = System.nanoTime();
        console.info(Text.of("⏳ waiting: %s", "⏳ 기다리는 중: %s"), what.in(lang()));
        while (true) {
            try {
                T result = waiter.get();
                console.detail(String.format("%.1f s", (System.nanoTime() - start) / 1e9));
                return result;
            } catch (SdkException e) {
                Throwable cause = Waits.underlying(e);
                if (!Waits.isTransient(cause) || System.nanoTime() - start > Waits.PATIENCE.toNanos()) {
                    throw cause instanceof RuntimeException runtime ? runtime : e;
                }
                console.detail(Text.of("not yet (%s): looking again", "아직입니다 (%s): 다시 확인합니다").format(lang(), Errors.describe(cause)));
                Waits.pause(Duration.ofSeconds(1));
            }
        }
    }

    /**
     * What to give an SDK waiter so that it looks as often as the change takes: {@code
     * dynamo.waiter().waitUntilTableExists(b -> b.tableName(t), lab.polling())}. The SDK's own
     * intervals (20 s for DynamoDB, 30 s for Route53) would make every wait that long.
     */
    public Consumer<WaiterOverrideConfiguration.Builder> polling() {
        return Waits.polling(settings.isLocal());
    }

    public void say(Text text, Object... args) {
        console.info(text, args);
    }

    public void done(Text text, Object... args) {
        console.success(text, args);
    }

    @Override
    public void close() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception ignored) {
                // closing on the way out
            }
        }
    }
}
