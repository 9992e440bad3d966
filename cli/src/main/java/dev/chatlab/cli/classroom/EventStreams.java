package dev.chatlab.cli.classroom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The pages watching the class, as server-sent events: each gets the whole class when it
 * connects, then every changed student. A page that falls behind (a queue of
 * {@value #MAX_QUEUED} events) is cut off: its browser reconnects and starts again from the
 * whole class. A comment every {@value #HEARTBEAT_SECONDS} s keeps idle connections open.
 */
final class EventStreams implements AutoCloseable {

    static final int MAX_STREAMS = 200;
    static final int MAX_QUEUED = 64;
    static final long HEARTBEAT_SECONDS = 15;

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "class-events-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    EventStreams() {
        heartbeat.scheduleAtFixedRate(() -> streams.forEach(stream -> stream.send(": keep-alive\n\n")),
                HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /** Keeps the response open as an event stream, starting with {@code event}; {@code done} completes when it ends. */
    void open(Response response, Callback done, String event, String data) {
        if (streams.size() >= MAX_STREAMS) {
            throw new ClassServerError(503, "TooManyPages", "this class is shown on " + MAX_STREAMS + " pages already");
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        Stream stream = new Stream(response, done);
        streams.add(stream);
        stream.send(format(event, data));
    }

    void broadcast(String event, String data) {
        String formatted = format(event, data);
        streams.forEach(stream -> stream.send(formatted));
    }

    int size() {
        return streams.size();
    }

    private static String format(String event, String data) {
        // JSON written by Jackson has no raw line breaks, so the data is one "data:" line
        return "event: " + event + "\ndata: " + data + "\n\n";
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        streams.forEach(Stream::end);
    }

    /** One page's stream: one write at a time (Jetty's rule), the rest queued. */
    private final class Stream {

        private final Response response;
        private final Callback done;
        private final Deque<ByteBuffer> queued = new ArrayDeque<>();
        private boolean writing;
        private boolean closed;

        Stream(Response response, Callback done) {
            this.response = response;
            this.done = done;
        }

        synchronized void send(String text) {
            if (closed) {
                return;
            }
            if (queued.size() >= MAX_QUEUED) {
                fail(new IllegalStateException("the page fell behind"));
                return;
            }
            queued.add(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            if (!writing) {
                writeNext();
            }
        }

        private synchronized void writeNext() {
            ByteBuffer next = queued.poll();
            writing = next != null && !closed;
            if (writing) {
                response.write(false, next, Callback.from(this::writeNext, this::fail));
            }
        }

        private synchronized void fail(Throwable cause) {
            if (!closed) {
                closed = true;
                queued.clear();
                streams.remove(this);
                done.failed(cause);
            }
        }

        synchronized void end() {
            if (!closed) {
                closed = true;
                queued.clear();
                streams.remove(this);
                if (writing) {
                    done.failed(new IllegalStateException("the class server stops")); // Jetty allows one write at a time
                } else {
                    response.write(true, ByteBuffer.allocate(0), done);
                }
            }
        }
    }
}
