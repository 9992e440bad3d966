package dev.chatlab.cli.classroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.chatlab.cli.classroom.ClassView.StepColumn;
import dev.chatlab.cli.classroom.ClassView.StudentRow;
import dev.chatlab.labkit.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code lab class serve}'s server: the live page of the class, the students' joins and
 * reports, and the class as JSON for the export. Jetty (localcloud's server too) without a
 * servlet container: a few routes, and server-sent events for the page's updates.
 *
 * <pre>
 *   GET  /                 the page (app.js, app.css beside it)
 *   GET  /api/class        the class as JSON ({@link ClassView})
 *   GET  /api/events       the class, then every change, as server-sent events
 *   POST /api/join         {"name", "student"}: a student joins
 *   POST /api/reports      a {@link ClassReport}
 * </pre>
 */
public final class ClassServer implements AutoCloseable {

    /**
     * @param codeForEverything true when the server is open to the network: every request then needs the code
     * @param steps             the columns shown before any report (the kit's steps)
     */
    public record Settings(String bind, int port, boolean codeForEverything, List<StepColumn> steps, String lang) {
    }

    /** How much of an oversized report is read before its 413: a report is sent whole, a flood is not read. */
    private static final int DRAINED_AT_MOST = 1024 * 1024;
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, String> ASSETS = Map.of("/app.js", "text/javascript; charset=utf-8",
            "/app.css", "text/css; charset=utf-8");

    private final Settings settings;
    private final ClassStore store;
    private final ClassCode code;
    private final RequestGuard guard;
    private final EventStreams events = new EventStreams();
    private final Clock clock;
    private final Server server;
    private final ServerConnector connector;

    private ClassServer(Settings settings, ClassStore store, ClassCode code, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.code = code;
        this.clock = clock;
        this.guard = new RequestGuard(code, settings.codeForEverything());
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("class-server");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(settings.bind());
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.setHandler(new Routes());
        server.setStopTimeout(0); // every change is committed when made: nothing to wait for
    }

    /** Starts serving {@code store}'s class; the caller closes the store after the server. */
    public static ClassServer start(Settings settings, ClassStore store, ClassCode code) {
        ClassServer classServer = new ClassServer(settings, store, code, Clock.systemUTC());
        try {
            classServer.server.start();
        } catch (Exception e) {
            classServer.close();
            throw new IllegalStateException("cannot serve the class on " + settings.bind() + ":" + settings.port() + ": "
                    + Errors.describe(e), e);
        }
        return classServer;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public ClassCode code() {
        return code;
    }

    /** The class as it is now: the kit's steps and any other step a student reported, every student. */
    ClassView view() {
        List<StudentRow> students = store.students();
        Map<Integer, StepColumn> columns = new TreeMap<>();
        settings.steps().forEach(step -> columns.put(step.number(), step));
        students.forEach(student -> student.steps().forEach((number, entry) ->
                columns.putIfAbsent(number, new StepColumn(number, entry.report().title()))));
        return new ClassView(List.copyOf(columns.values()), students);
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        events.close();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the class server did not stop: " + Errors.describe(e), e);
        }
    }

    private final class Routes extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            securityHeaders(response);
            try {
                route(request, response, callback);
            } catch (ClassServerError refused) {
                dropUnreadBody(request);
                reply(response, callback, refused.status(), Map.of("error", refused.code(), "message", refused.getMessage()));
            } catch (RuntimeException | IOException unexpected) {
                System.err.println("lab class serve: " + Errors.describe(unexpected));
                reply(response, callback, 500, Map.of("error", "Internal", "message", "the class server failed on this request"));
            }
            return true;
        }

        private void route(Request request, Response response, Callback callback) throws IOException {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            boolean get = method.equals("GET") || method.equals("HEAD");
            if (get && (path.equals("/") || path.equals("/index.html"))) {
                guard.admitPage(request);
                if (settings.codeForEverything() && guard.codeInAddress(request)) {
                    response.getHeaders().add(HttpHeader.SET_COOKIE, guard.cookie());
                }
                String page = asset("index.html").replace("lang=\"en\"", "lang=\"" + settings.lang() + "\"");
                send(response, callback, 200, "text/html; charset=utf-8", page);
            } else if (get && ASSETS.containsKey(path)) {
                guard.admitPage(request);
                send(response, callback, 200, ASSETS.get(path), asset(path.substring(1)));
            } else if (get && path.equals("/api/class")) {
                guard.admitData(request);
                reply(response, callback, 200, view());
            } else if (get && path.equals("/api/events")) {
                guard.admitData(request);
                events.open(response, callback, "class", ClassJson.write(view()));
            } else if (method.equals("POST") && path.equals("/api/join")) {
                guard.admitChange(request);
                JoinRequest join = read(request, JoinRequest.class);
                ReportRules.student(join.student());
                StudentRow row = store.join(join.name(), join.student(), clock.instant());
                events.broadcast("student", ClassJson.write(row));
                reply(response, callback, 200, Map.of("name", row.name(), "steps", view().steps()));
            } else if (method.equals("POST") && path.equals("/api/reports")) {
                guard.admitChange(request);
                ClassReport report = read(request, ClassReport.class);
                ReportRules.validate(report);
                StudentRow row = store.record(report, clock.instant());
                events.broadcast("student", ClassJson.write(row));
                reply(response, callback, 200, Map.of("name", row.name(), "steps", report.reports().size()));
            } else if (path.equals("/") || ASSETS.containsKey(path) || path.startsWith("/api/")) {
                throw new ClassServerError(405, "MethodNotAllowed", method + " " + path + " is not something this server does");
            } else {
                throw new ClassServerError(404, "NotFound", "no " + path + " here");
            }
        }
    }

    record JoinRequest(String name, String student) {
    }

    /**
     * Reads at most {@link ReportRules#MAX_BODY_BYTES}; more is a 413, not a report cut short. The
     * rest of an oversized body is read and dropped (up to {@link #DRAINED_AT_MOST}) before the
     * answer: a client still sending when the server closes gets a reset instead of the 413.
     */
    private static <T> T read(Request request, Class<T> type) throws IOException {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (request.getLength() > ReportRules.MAX_BODY_BYTES) {
                throw tooLarge(in);
            }
            body = in.readNBytes(ReportRules.MAX_BODY_BYTES + 1);
            if (body.length > ReportRules.MAX_BODY_BYTES) {
                throw tooLarge(in);
            }
        }
        try {
            return ClassJson.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw ClassServerError.badReport("not a " + type.getSimpleName() + " in JSON: " + e.getOriginalMessage());
        }
    }

    private static ClassServerError tooLarge(InputStream unread) throws IOException {
        drop(unread);
        return new ClassServerError(413, "TooLarge", "a report may have at most " + ReportRules.MAX_BODY_BYTES + " bytes");
    }

    /**
     * A refusal is answered after the body it did not need is read: a client still sending when
     * the server answers and closes reads a reset, not the refusal (seen for a 403 before any read).
     */
    private static void dropUnreadBody(Request request) {
        try (InputStream unread = Content.Source.asInputStream(request)) {
            drop(unread);
        } catch (IOException e) {
            // the client stopped sending: the refusal is answered all the same
        }
    }

    private static void drop(InputStream unread) throws IOException {
        byte[] dropped = new byte[8192];
        long left = DRAINED_AT_MOST;
        for (int read; left > 0 && (read = unread.read(dropped, 0, (int) Math.min(dropped.length, left))) > 0; ) {
            left -= read;
        }
    }

    /** The page is one of ours; nothing else loads or runs in it (see app.js), and no other site may frame it. */
    private static void securityHeaders(Response response) {
        var headers = response.getHeaders();
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put("Cache-Control", "no-store");
    }

    private static void reply(Response response, Callback callback, int status, Object body) {
        send(response, callback, status, "application/json; charset=utf-8", ClassJson.write(body));
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String asset(String name) {
        try (InputStream in = ClassServer.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the class page's " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's address, for the terminal. */
    URI pageAddress(String host) {
        return URI.create("http://" + host + ":" + port() + "/");
    }
}
