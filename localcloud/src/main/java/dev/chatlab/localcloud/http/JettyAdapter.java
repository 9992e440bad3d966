package dev.chatlab.localcloud.http;

import dev.chatlab.localcloud.routing.ServiceRouter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Turns Jetty's request into an {@link AwsRequest}, routes it, and writes the {@link AwsResponse} back. */
public final class JettyAdapter extends Handler.Abstract {

    private final ServiceRouter router;

    public JettyAdapter(ServiceRouter router) {
        this.router = router;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        AwsRequest awsRequest = toAwsRequest(request);
        write(router.route(awsRequest), response, callback, "HEAD".equals(awsRequest.method()));
        return true;
    }

    /** Writes an answer as the response; to a HEAD, the headers only. */
    static void write(AwsResponse answer, Response response, Callback callback, boolean head) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, values) -> values.forEach(value -> response.getHeaders().add(name, value)));
        if (head && answer.firstHeader("Content-Length") == null) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        }
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(answer.body()), callback);
    }

    static AwsRequest toAwsRequest(Request request) throws java.io.IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        byte[] body = Content.Source.asInputStream(request).readAllBytes();
        String rawPath = request.getHttpURI().getPath();
        return new AwsRequest(request.getMethod(), rawPath == null ? "/" : rawPath, request.getHttpURI().getQuery(),
                headers, body, Request.getRemoteAddr(request), newRequestId());
    }

    /**
     * A request id in the shape AWS uses for most services (a version-4 UUID; S3's are shorter,
     * but any string is accepted). Drawn from {@link ThreadLocalRandom}, not {@code
     * UUID.randomUUID()}: its SecureRandom takes a process-wide lock on every call, which
     * concurrent requests queue on, and an id that names a request need not be unguessable.
     */
    public static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;                           // version 4
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(high, low).toString();
    }
}
