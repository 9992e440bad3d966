package dev.chatlab.labkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches pages the way a browser sees them. A browser resolves {@code *.localhost} to this
 * machine, Java does not: for such a URL this client connects to localcloud and sends the
 * name in the Host header, which is exactly what the browser's request carries.
 */
public final class WebClient {

    /**
     * The JDK refuses to let code set Host unless this property is set before its HTTP client
     * first loads, so entry points (StepRunner, the lab command) call this before anything else.
     */
    public static void allowHostHeader() {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private final URI localEndpoint;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public WebClient(URI localEndpoint) {
        this.localEndpoint = localEndpoint;
    }

    /** GET without following redirects (a 302 is something the lab checks). */
    public HttpResponse<String> get(URI url) {
        return send(url, null);
    }

    /** GET through a given address, e.g. what a DNS server answered for the URL's host name. */
    public HttpResponse<String> get(URI url, String connectHost, int connectPort) {
        URI direct = URI.create(url.getScheme() + "://" + connectHost + ":" + connectPort + pathAndQuery(url));
        return send(direct, hostHeader(url));
    }

    private HttpResponse<String> send(URI url, String hostHeader) {
        URI target = url;
        String host = hostHeader;
        if (host == null && url.getHost() != null && url.getHost().endsWith(".localhost")) {
            target = URI.create("http://127.0.0.1:" + localEndpoint.getPort() + pathAndQuery(url));
            host = hostHeader(url);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).GET();
        if (host != null) {
            request.header("Host", host);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + url, e);
        }
    }

    private static String hostHeader(URI url) {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    private static String pathAndQuery(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }
}
