package dev.chatlab.localcloud.routing;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps web pages of other sites from driving localcloud. Every request the student's own
 * tools send (the SDK, the AWS CLI, the lab command, a function) carries neither an
 * {@code Origin} from another site nor {@code Sec-Fetch-Site: cross-site}, and names
 * localcloud by a local host; a browser adds those headers to whatever a page makes it send.
 * Such a request is refused before any service sees it, unless the endpoint is one that AWS
 * itself serves to every site ({@link ServiceHandler#servesAnySite}: a website, an invoke URL,
 * an anonymous S3 read).
 *
 * <p>The Host check stops DNS rebinding: a page of {@code attacker.example} whose name later
 * resolves to 127.0.0.1 is same-origin with itself, so it sends no foreign Origin, but its
 * requests still say {@code Host: attacker.example}.
 */
public final class CrossSiteGuard {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String publicHost;

    /** @param publicHost the host name localcloud puts into the URLs it hands out (a local name too) */
    public CrossSiteGuard(String publicHost) {
        this.publicHost = publicHost.toLowerCase(Locale.ROOT);
    }

    /** Throws AccessDenied when a browser sent this request for another site to an endpoint not meant for every site. */
    public void admit(AwsRequest request, ServiceHandler service) {
        Optional<String> reason = refusal(request);
        if (reason.isPresent() && !service.servesAnySite(request)) {
            throw new AwsException("AccessDenied", 403, "localcloud refuses this request: " + reason.get()
                    + ". Web pages of other sites may not drive your local cloud; the SDK, the AWS CLI and"
                    + " the lab's own tools are not affected (see localcloud's README, \"Trust model\").");
        }
    }

    /** Why a browser seems to have sent this request on behalf of another site, if it does. */
    Optional<String> refusal(AwsRequest request) {
        String host = request.hostName();
        if (!host.isEmpty() && !isLocal(host)) {
            return Optional.of("its Host (" + host + ") is not a name of this machine");
        }
        Optional<String> fetchSite = request.header("sec-fetch-site");
        if (fetchSite.isPresent() && fetchSite.get().equalsIgnoreCase("cross-site")) {
            return Optional.of("a browser sent it on behalf of another site (Sec-Fetch-Site: cross-site)");
        }
        Optional<String> origin = request.header("origin");
        if (origin.isPresent() && !isLocalOrigin(origin.get())) {
            return Optional.of("a browser sent it on behalf of the page " + origin.get());
        }
        return Optional.empty();
    }

    private boolean isLocalOrigin(String origin) {
        try {
            String host = URI.create(origin.trim()).getHost();
            return host != null && isLocal(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed frame, a file) and anything unparsable are another site
        }
    }

    /**
     * localhost and its subdomains (which browsers resolve to loopback themselves), IP
     * literals (no rebinding goes through one) and the configured public host.
     */
    boolean isLocal(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || IPV4.matcher(host).matches()
                || host.startsWith("[") || host.equals(publicHost) || host.endsWith("." + publicHost);
    }
}
