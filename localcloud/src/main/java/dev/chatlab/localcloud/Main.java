package dev.chatlab.localcloud;

import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.config.Timing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar localcloud.jar}: runs a local cloud in the foreground until it is told to stop. */
@Command(name = "localcloud", mixinStandardHelpOptions = true,
        description = "A local AWS for the Serverless Chat Lab: S3, Route53, IAM, STS, DynamoDB, Lambda, API Gateway on one port.")
public final class Main implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port of every service (default: ${DEFAULT-VALUE})")
    int port = LocalCloudConfig.DEFAULT_PORT;

    @Option(names = "--dns-port", description = "UDP/TCP port of the hosted zones' DNS server (default: ${DEFAULT-VALUE})")
    int dnsPort = LocalCloudConfig.DEFAULT_DNS_PORT;

    @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE}); 0.0.0.0 opens it to the network")
    String bindAddress = "127.0.0.1";

    @Option(names = "--data-dir", description = "Where state is kept between restarts (default: ${DEFAULT-VALUE})")
    Path dataDirectory = Path.of(".lab", "localcloud");

    @Option(names = "--in-memory", description = "Keep no state on disk")
    boolean inMemory;

    @Option(names = "--public-host", description = "Host name used in the URLs localcloud hands out (default: ${DEFAULT-VALUE})")
    String publicHost = "localhost";

    @Option(names = "--timing", paramLabel = "aws|fast", converter = TimingConverter.class,
            description = "aws (default): tables CREATING, functions Pending, new roles and Route53 changes propagating for about a second, as on AWS; fast: every change done at once")
    Timing timing = Timing.AWS;

    @Option(names = "--no-verify-signatures", description = "Take every request as it comes, signed or not, with any secret (for tools that sign"
            + " oddly); by default SigV4 signatures are checked as AWS checks them: an unknown access key id is the account's root, secret 'test'")
    boolean noVerifySignatures;

    @Option(names = "--token-file", description = "Where to write the control token that POST /_localcloud/shutdown needs (default: ${DEFAULT-VALUE})")
    Path tokenFile = Path.of(".lab", "localcloud.token");

    @Option(names = "--detached", description = "Run in the background of a terminal: ignore its hang-up and Ctrl-C (stop with POST /_localcloud/shutdown)")
    boolean detached;

    /** The largest temporary direct buffer a thread keeps for its next file or socket write of a heap buffer. */
    static final String MAX_CACHED_BUFFER = "jdk.nio.maxCachedBufferSize";

    public static void main(String[] args) {
        // The JDK copies a heap buffer written to a channel into a direct one of the same size and
        // keeps it for the thread's next write, with no bound by default: after step 6 the threads
        // that journaled or stored the chat's 30 MB package held about 90 MB of them for good
        // (NMT's "Other" after ./lab up: 89.7 MB, 0.5 MB with this bound). Read once, before any
        // channel is used; a value given on the command line wins.
        if (System.getProperty(MAX_CACHED_BUFFER) == null) {
            System.setProperty(MAX_CACHED_BUFFER, String.valueOf(256 * 1024));
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long begin = System.nanoTime();
        LocalCloudConfig config = new LocalCloudConfig(bindAddress, port, dnsPort, inMemory ? null : dataDirectory, publicHost, timing,
                !noVerifySignatures);
        LocalCloud cloud;
        try {
            cloud = LocalCloud.start(config);
        } catch (IllegalStateException e) {
            System.err.println("localcloud: " + e.getMessage());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "localcloud-signal"));
        try {
            writeOwnerOnly(tokenFile, cloud.controlToken());
        } catch (IOException e) {
            System.err.println("localcloud: cannot write the control token to " + tokenFile + " (" + e.getMessage()
                    + "); ./lab cloud stop will not be able to stop this cloud");
        }
        if (detached) {
            ignoreTerminalSignals();
        }
        HeapTrim.start();
        long millis = (System.nanoTime() - begin) / 1_000_000;
        System.out.printf("localcloud ready on %s (DNS on %s:%d, timing %s, signatures %s) in %d ms%n", cloud.endpoint(), bindAddress,
                cloud.dnsPort(), timing.name(), noVerifySignatures ? "not verified" : "verified", millis);
        cloud.awaitStop();
        System.out.println("localcloud stopped");
        return 0;
    }

    /** Reads --timing: a bad name is picocli's usage error, which names both timings. */
    static final class TimingConverter implements CommandLine.ITypeConverter<Timing> {
        @Override
        public Timing convert(String value) {
            try {
                return Timing.named(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Writes the file so that only this OS user can read it (where the file system knows POSIX permissions). */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Files.deleteIfExists(absolute);
        if (absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(absolute, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    /**
     * The launcher starts localcloud from a terminal and returns; the terminal's Ctrl-C (meant
     * for a step) and its hang-up on close reach the whole process group, so a detached cloud
     * ignores both. TERM still stops it cleanly through the shutdown hook.
     */
    private static void ignoreTerminalSignals() {
        for (String name : new String[] {"HUP", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_IGN);
            } catch (IllegalArgumentException notOnThisOs) {
                // Windows has no HUP; a detached process there gets no console signals anyway
            }
        }
    }
}
