package dev.chatlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts, finds and stops the background localcloud of this kit. It runs in its own JVM,
 * detached from the launcher (it outlives {@code ./lab up}); its PID and log are under
 * {@code .lab/}, and it is stopped through its {@code /_localcloud/shutdown} endpoint, which
 * works the same on every OS.
 */
final class CloudControl {

    /**
     * How long a localcloud that runs but does not answer yet is waited for (one that exits is
     * reported at once): a start takes seconds, but on a machine loaded by a build beside it
     * (measured here at a load of 45-47 on 2 cores) 31 s and more than 60 s.
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /** localcloud's own default: AWS's waits, scaled to about a second (see localcloud's README, "Timing"). */
    static final String DEFAULT_TIMING = "aws";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Kit kit;
    private final URI endpoint;
    private final int dnsPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    CloudControl(Kit kit, URI endpoint, int dnsPort) {
        this.kit = kit;
        this.endpoint = endpoint;
        this.dnsPort = dnsPort;
    }

    URI endpoint() {
        return endpoint;
    }

    /** The health document of the cloud at the endpoint, if one answers. */
    Optional<JsonNode> health() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint.resolve("/_localcloud/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? Optional.of(JSON.readTree(answer.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    boolean isRunning() {
        return health().isPresent();
    }

    /** The timing of the running cloud (aws or fast); empty when none runs. A cloud too old to say runs aws. */
    Optional<String> runningTiming() {
        return health().map(h -> h.path("timing").asText(DEFAULT_TIMING));
    }

    /** True when the running cloud checks SigV4 signatures (a cloud too old to say does not). */
    boolean verifiesSignatures() {
        return health().map(h -> h.path("verifySignatures").asBoolean(false)).orElse(false);
    }

    /**
     * False when the running cloud started before its jar was last built: after a change to
     * localcloud, the old process would go on answering with the old code.
     */
    boolean runsTheCurrentBuild() {
        Optional<JsonNode> health = health();
        if (health.isEmpty() || !Files.exists(kit.localCloudJar())) {
            return true;
        }
        try {
            Instant started = Instant.parse(health.get().path("startedAt").asText());
            return !Files.getLastModifiedTime(kit.localCloudJar()).toInstant().isAfter(started);
        } catch (IOException | DateTimeParseException e) {
            return true;
        }
    }

    /**
     * Starts the cloud in the background with {@code timing} (aws or fast), checking signatures or
     * not, and waits until it answers; answers the milliseconds that took.
     */
    long start(String timing, boolean verifySignatures) {
        if (!Files.exists(kit.localCloudJar())) {
            throw new IllegalStateException("localcloud is not built (" + kit.localCloudJar() + " is missing): run ./mvnw install, or any ./lab command, which builds it.");
        }
        int port = endpoint.getPort();
        if (!portIsFree(port)) {
            throw new IllegalStateException("port " + port + " is in use by another program, not localcloud. Stop it, or use --endpoint http://localhost:<other port>.");
        }
        List<String> command = new ArrayList<>(List.of(Kit.javaExecutable(),
                // a small initial heap (the default is 1/64 of the machine's memory, which the serial collector never
                // shrinks below) and a heap that shrinks in the one full collection localcloud's HeapTrim asks for
                // (the serial collector shrinks by 0, 10, 40, then 100 % over consecutive ones without the last flag)
                "-XX:+UseSerialGC", "-Xss512k", "-Xms24m", "-XX:MaxHeapFreeRatio=40", "-XX:-ShrinkHeapInSteps",
                "-cp", kit.localCloudJar() + File.pathSeparator + kit.localCloudLibraries() + File.separator + "*",
                "dev.chatlab.localcloud.Main",
                "--port", String.valueOf(port), "--dns-port", String.valueOf(dnsPort),
                "--data-dir", kit.localCloudData().toString(), "--token-file", kit.localCloudToken().toString(), "--detached",
                "--timing", timing));
        if (!verifySignatures) {
            command.add("--no-verify-signatures");
        }
        long begin = System.nanoTime();
        try {
            Files.createDirectories(kit.stateDirectory());
            ProcessBuilder builder = new ProcessBuilder(command);
            // glibc gives each thread that allocates natively an arena of its own, up to 8 per core, each
            // keeping what was freed in it (the direct buffers of Jetty's threads): two serve localcloud
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            Process process = builder
                    .directory(kit.root().toFile())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(kit.localCloudLog().toFile()))
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File(Kit.isWindows() ? "NUL" : "/dev/null")))
                    .start();
            Files.writeString(kit.localCloudPid(), String.valueOf(process.pid()));
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("localcloud exited with code " + process.exitValue() + ". Its log:\n" + logTail(20));
                }
                if (isRunning()) {
                    return (System.nanoTime() - begin) / 1_000_000;
                }
                Thread.sleep(25);
            }
            process.destroy();
            throw new IllegalStateException("localcloud did not answer within " + START_TIMEOUT.toSeconds() + " s. Its log:\n" + logTail(20));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start localcloud: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting localcloud", e);
        }
    }

    /** The token the running cloud wrote at start; empty when there is none (the cloud then refuses, and is killed below). */
    private String controlToken() {
        try {
            return Files.exists(kit.localCloudToken()) ? Files.readString(kit.localCloudToken()).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Asks the cloud to stop and waits for its process to end; false when none was running. */
    boolean stop() {
        Optional<JsonNode> health = health();
        if (health.isEmpty()) {
            return false;
        }
        long pid = health.get().path("pid").asLong(-1);
        boolean accepted = true;
        try {
            accepted = http.send(HttpRequest.newBuilder(endpoint.resolve("/_localcloud/shutdown")).timeout(Duration.ofSeconds(5))
                    .header("X-Localcloud-Token", controlToken())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 202;
        } catch (IOException e) {
            // it may close the connection while stopping: the wait below tells
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!accepted) {
            // A cloud started without our token file (by hand, or the file was deleted): TERM
            // still stops it cleanly through its shutdown hook.
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        ProcessHandle.of(pid).ifPresent(process -> {
            try {
                process.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
        try {
            Files.deleteIfExists(kit.localCloudPid());
        } catch (IOException ignored) {
            // a stale pid file is harmless: health, not the file, says whether it runs
        }
        return true;
    }

    /** Deletes every resource of the local cloud: its state directory. */
    void wipeState() {
        Path data = kit.localCloudData();
        if (!Files.exists(data)) {
            return;
        }
        try {
            deleteTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + data + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a tree, giving each directory its owner's permissions back first: while localcloud
     * runs, its directory of function code may not be listed, and a killed localcloud leaves it so.
     */
    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            File directory = path.toFile();
            directory.setReadable(true, true);
            directory.setWritable(true, true);
            directory.setExecutable(true, true);
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.delete(path);
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(kit.localCloudLog());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + kit.localCloudLog() + ")";
        }
    }

    static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
