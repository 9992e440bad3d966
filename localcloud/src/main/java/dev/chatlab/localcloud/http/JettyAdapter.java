package dev.chatlab.localcloud.http;

import dev.chatlab.localcloud.core.AwsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Turns Jetty's request into an {@link AwsRequest}, routes it, and writes the {@link AwsResponse} back. */
public final class JettyAdapter extends Handler.Abstract {

    private final RequestDispatcher router;

    public JettyAdapter(RequestDispatcher router) {
        this.router = router;
    }

    /**
     * Reads the body without holding a thread while it trickles in (a client that sends half a
     * body and stalls holds nothing but its connection), up to what the service takes: a
     * declared length above that is refused before a byte of it is read, a body that turns out
     * longer is refused when it passes the limit, and one that stalls until Jetty's idle timeout
     * gets S3's 400 RequestTimeout, each in the service's own shape.
     */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        AwsRequest head = toAwsRequest(request, null);
        boolean headOnly = "HEAD".equals(head.method());
        HttpEndpoint service = router.serviceOf(head);
        long limit = service == null ? HttpEndpoint.DEFAULT_MAX_REQUEST_BYTES : service.maxRequestBytes();
        // made only when needed: an exception's stack trace costs microseconds on every request
        Supplier<AwsException> tooLarge = service == null ? () -> new AwsException("RequestEntityTooLarge", 413, "Request too large.")
                : service::requestTooLarge;
        Optional<Path> spoolDirectory = service == null ? Optional.empty() : service.spoolDirectory(head);
        if (spoolDirectory.isPresent()) {
            limit = service.maxSpooledBytes();
        }
        if (request.getLength() > limit) {
            write(router.refuse(head, tooLarge.get()), response, callback, headOnly);
            return true;
        }
        if (spoolDirectory.isPresent()) {
            BodySpool.spool(request, spoolDirectory.get(), limit, body -> router.route(head.withSpooledBody(body), answer -> {
                deleteQuietly(body.file()); // gone already when the service kept it; before the answer, which may be the last word
                write(answer, response, callback, headOnly);
            }), failure -> answerFailedBody(failure, head, tooLarge, response, callback, headOnly));
            return true;
        }
        BodyBytes.read(request, request.getLength(), Math.min(limit, Integer.MAX_VALUE - 16),
                body -> router.route(head.withBody(body), answer -> write(answer, response, callback, headOnly)),
                failure -> answerFailedBody(failure, head, tooLarge, response, callback, headOnly));
        return true;
    }

    private void answerFailedBody(Throwable failure, AwsRequest head, Supplier<AwsException> tooLarge, Response response, Callback callback,
                                  boolean headOnly) {
        if (isTooLarge(failure)) {
            write(router.refuse(head, tooLarge.get()), response, callback, headOnly);
        } else if (isTimeout(failure)) {
            write(router.refuse(head, REQUEST_TIMEOUT), response, callback, headOnly);
        } else {
            callback.failed(failure); // the connection broke: nobody is left to answer
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover is swept with the spool directory at the next start
        }
    }

    private static final AwsException REQUEST_TIMEOUT = new AwsException("RequestTimeout", 400,
            "Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.");

    private static boolean isTooLarge(Throwable failure) {
        return unwrap(failure) instanceof BodyReader.TooLarge;
    }

    private static boolean isTimeout(Throwable failure) {
        return unwrap(failure) instanceof TimeoutException;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Writes an answer as the response; to a HEAD, the headers only. */
    static void write(AwsResponse answer, Response response, Callback callback, boolean head) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, values) -> values.forEach(value -> response.getHeaders().add(name, value)));
        if (answer.bodyFile() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.bodyFileLength());
            if (head) {
                response.write(true, ByteBuffer.allocate(0), callback);
            } else {
                Content.copy(Content.Source.from(answer.bodyFile(), answer.bodyFileOffset(), answer.bodyFileLength()), response, callback);
            }
            return;
        }
        if (head && answer.firstHeader("Content-Length") == null) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        }
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(answer.body()), callback);
    }

    /** The request with {@code body} (null: none yet). */
    static AwsRequest toAwsRequest(Request request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
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
