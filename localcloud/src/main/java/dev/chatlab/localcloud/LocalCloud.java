package dev.chatlab.localcloud;

import dev.chatlab.localcloud.config.CloudContext;
import dev.chatlab.localcloud.config.LocalCloudConfig;
import dev.chatlab.localcloud.http.AwsErrorPages;
import dev.chatlab.localcloud.http.JettyAdapter;
import dev.chatlab.localcloud.http.WebSocketUpgrades;
import dev.chatlab.localcloud.protocol.ErrorRenderer;
import dev.chatlab.localcloud.protocol.sigv4.SignatureVerifier;
import dev.chatlab.localcloud.routing.CrossSiteGuard;
import dev.chatlab.localcloud.routing.ServiceRouter;
import dev.chatlab.localcloud.routing.SignatureGate;
import dev.chatlab.localcloud.services.ServiceCatalog;
import dev.chatlab.localcloud.storage.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One running local cloud: every service behind one HTTP port. Tests start it in-process
 * with {@link #start(LocalCloudConfig)}; the launcher runs {@link Main} in its own JVM.
 */
public final class LocalCloud implements AutoCloseable {

    private final LocalCloudConfig config;
    private final Server server;
    private final Storage storage;
    private final ServiceCatalog services;
    private final int port;
    private final Instant startedAt;
    private final String controlToken = newControlToken();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private LocalCloud(LocalCloudConfig config) throws Exception {
        this.config = config;
        this.startedAt = Instant.now();
        this.storage = config.dataDirectory() == null ? Storage.inMemory() : Storage.open(config.dataDirectory());

        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("localcloud-http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // S3 keys may hold %2F, "..", "//": AWS accepts them, so the URI must reach S3 as sent.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setRequestHeaderSize(64 * 1024);
        // Header values must reach the signature check as sent: Jetty's header cache would hand back
        // its own spelling of a known value ("charset=utf-8" for "charset=UTF-8").
        http.setHeaderCacheCaseSensitive(true);
        // No per-connection cache of header fields: it pays off for fields repeated on a connection, but
        // every SDK request carries a new Authorization, so each request filled the cache's trie, cleared
        // it and filled it again (its put and lookups were 8 % of the server threads' samples under PutItem).
        http.setHeaderCacheSize(0);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        // A stop waits (up to the stop timeout below) for every connection to close, and an SDK client keeps
        // its idle keep-alive connections open: with Jetty's default shutdown idle timeout (1 s) each stop took
        // 2 s though nothing was in flight. A request being handled is not idle-expired (Jetty fails only its
        // pending reads and writes), so it still gets the whole stop timeout to be answered.
        connector.setShutdownIdleTimeout(100);
        server.addConnector(connector);
        connector.open();
        this.port = connector.getLocalPort();

        CloudContext context = new CloudContext(config, port, storage, Clock.systemUTC());
        this.services = new ServiceCatalog(context);
        SignatureGate signatures = config.verifySignatures()
                ? SignatureGate.verifying(new SignatureVerifier(services.signingSecrets(), context.clock())) : SignatureGate.off();
        ServiceRouter router = new ServiceRouter(new InternalHandler(this), services.handlers(), services.fallback(),
                new CrossSiteGuard(config.publicHost()), signatures, storage);
        // A WebSocket upgrade goes to its endpoint (an API Gateway stage) if it takes upgrades; the rest to the HTTP adapter.
        server.setHandler(new WebSocketUpgrades(server, router, services.handlers(), new JettyAdapter(router)));
        server.setErrorHandler(new AwsErrorPages(ErrorRenderer::s3));
        server.setStopTimeout(2000);
        server.start();
    }

    /** Starts a cloud; when this returns, it answers requests. */
    public static LocalCloud start(LocalCloudConfig config) {
        try {
            return new LocalCloud(config);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("localcloud could not start: " + e.getMessage(), e);
        }
    }

    public LocalCloudConfig config() {
        return config;
    }

    public int port() {
        return port;
    }

    /**
     * The bytes of the buffers Jetty keeps pooled (direct and heap), outside the heap's accounts
     * for the direct ones: the memory tests watch it.
     */
    public long pooledBufferBytes() {
        return server.getByteBufferPool() instanceof ArrayByteBufferPool pool ? pool.getDirectMemory() + pool.getHeapMemory() : 0;
    }

    public int dnsPort() {
        return services.dnsPort();
    }

    /** The endpoint an SDK client is pointed at, e.g. http://localhost:4566. */
    public String endpoint() {
        return "http://" + config.publicHost() + ":" + port;
    }

    /**
     * The secret that localcloud's own control endpoints ({@code POST /_localcloud/shutdown})
     * require in {@code X-Localcloud-Token}: made anew at every start, written by {@link Main}
     * into a file only the user can read, so that only the user's own tools can stop the cloud.
     */
    public String controlToken() {
        return controlToken;
    }

    private static String newControlToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public Instant startedAt() {
        return startedAt;
    }

    public List<String> serviceNames() {
        return services.serviceNames();
    }

    /** The services of this cloud, for tests and for services that call each other. */
    public ServiceCatalog services() {
        return services;
    }

    /** Blocks until {@link #close()} has run (from a shutdown request or a signal). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping anyway: the state below is what must not be lost
        }
        services.close();
        storage.close();
        stopped.countDown();
    }
}
