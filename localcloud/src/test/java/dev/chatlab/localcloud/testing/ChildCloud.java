package dev.chatlab.localcloud.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;

/**
 * localcloud in a process of its own ({@code java dev.chatlab.localcloud.Main}, fast timing, as {@code ./lab
 * cloud start} runs it) on a data directory, so that a test can kill it as a crash would
 * ({@link #kill()}: SIGKILL, no shutdown hook runs) and start another on the same directory.
 */
public final class ChildCloud implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("localcloud ready on (http://\\S+) ");

    private final Process process;
    private final URI endpoint;

    private ChildCloud(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts localcloud on free ports with its state in {@code dataDirectory}; returns once it answers. */
    public static ChildCloud start(Path dataDirectory) {
        return start(dataDirectory, List.of());
    }

    /** {@link #start(Path)} with options for the child's JVM (a heap limit: {@code -Xmx128m}). */
    public static ChildCloud start(Path dataDirectory, List<String> jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.chatlab.localcloud.Main", "--port", "0", "--dns-port", "0", "--timing", "fast",
                "--data-dir", dataDirectory.toString(), "--token-file", dataDirectory.resolveSibling("localcloud.token").toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            URI endpoint = CompletableFuture.supplyAsync(() -> readyEndpoint(process)).get(60, TimeUnit.SECONDS);
            return new ChildCloud(process, endpoint);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("localcloud did not start: " + e.getMessage(), e);
        }
    }

    /** Reads the child's output until its "ready" line, then keeps draining it so that it never blocks on a full pipe. */
    private static URI readyEndpoint(Process process) {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "child-cloud-output");
                    drain.setDaemon(true);
                    drain.start();
                    return URI.create(ready.group(1).replace("localhost", "127.0.0.1"));
                }
                seen.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("localcloud exited before it was ready:\n" + seen);
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Configures an SDK client builder for this cloud, without retries: a call either is
     * acknowledged by this process or fails, never answered by a retry after a restart.
     */
    public <B extends AwsClientBuilder<B, C>, C> B client(B builder) {
        RetryStrategy noRetries = AwsRetryStrategy.doNotRetry();
        builder.endpointOverride(endpoint).region(TestCloud.REGION).credentialsProvider(TestCloud.ADMIN)
                .overrideConfiguration(c -> c.retryStrategy(noRetries));
        if (builder instanceof AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder;
    }

    /** Kills the process as a crash would: SIGKILL (TerminateProcess on Windows), no shutdown hook, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
