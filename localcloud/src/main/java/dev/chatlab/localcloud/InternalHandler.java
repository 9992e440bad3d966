package dev.chatlab.localcloud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * localcloud's own endpoints under {@code /_localcloud/}: {@code GET health} (what the
 * launcher polls to know the cloud is up) and {@code POST shutdown} (how it stops the cloud
 * on every OS, Windows included, without signals). Shutdown takes the control token in
 * {@code X-Localcloud-Token}: any local program could otherwise stop the cloud, and health
 * tells nothing a caller could use against it.
 */
final class InternalHandler implements ServiceHandler {

    static final String TOKEN_HEADER = "x-localcloud-token";

    private final LocalCloud cloud;

    InternalHandler(LocalCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public Set<String> signingNames() {
        return Set.of();
    }

    /** Health needs nothing; shutdown needs the control token, not a signature. */
    @Override
    public boolean acceptsUnsigned(AwsRequest request) {
        return true;
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String path = request.rawPath();
        if (path.equals("/_localcloud/health") && request.method().equals("GET")) {
            return health();
        }
        if (path.equals("/_localcloud/shutdown") && request.method().equals("POST")) {
            requireControlToken(request);
            Thread stopper = new Thread(cloud::close, "localcloud-shutdown");
            stopper.start();
            return AwsResponse.json(202, "{\"status\":\"stopping\"}", "application/json");
        }
        throw new AwsException("NotFound", 404, "localcloud has no endpoint " + request.method() + " " + path
                + " (try GET /_localcloud/health).");
    }

    private void requireControlToken(AwsRequest request) {
        byte[] given = request.header(TOKEN_HEADER).orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, cloud.controlToken().getBytes(StandardCharsets.UTF_8))) {
            throw new AwsException("AccessDenied", 403, "localcloud's control endpoints need the header X-Localcloud-Token"
                    + " with the token localcloud wrote at start (.lab/localcloud.token); ./lab cloud stop sends it.");
        }
    }

    private AwsResponse health() {
        ObjectNode body = Json.object()
                .put("status", "running")
                .put("pid", ProcessHandle.current().pid())
                .put("port", cloud.port())
                .put("dnsPort", cloud.dnsPort())
                .put("startedAt", cloud.startedAt().toString())
                .put("timing", cloud.config().timing().name())
                .put("verifySignatures", cloud.config().verifySignatures())
                .put("dataDirectory", cloud.config().dataDirectory() == null ? null : cloud.config().dataDirectory().toAbsolutePath().toString());
        List<String> names = cloud.serviceNames();
        names.forEach(body.putArray("services")::add);
        return AwsResponse.json(200, body);
    }
}
