package dev.chatlab.cli.classroom;

import dev.chatlab.cli.classroom.ClassView.StepColumn;
import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.StepReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A class server of the tests: on a free loopback port, its class in {@code directory}, and the calls a test makes to it. */
final class RunningClass implements AutoCloseable {

    static final List<StepColumn> STEPS = List.of(new StepColumn(1, "s3-bucket"), new StepColumn(2, "static-hosting"));

    final Path directory;
    final ClassStore store;
    final ClassServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningClass(Path directory, boolean codeForEverything, Optional<ClassCode> code) {
        this.directory = directory;
        this.store = ClassStore.open(directory);
        this.server = ClassServer.start(new ClassServer.Settings("127.0.0.1", 0, codeForEverything, STEPS, "en"), store, store.code(code));
    }

    static RunningClass start(Path directory) {
        return new RunningClass(directory, false, Optional.of(new ClassCode("TEST-CODE")));
    }

    static RunningClass openToTheNetwork(Path directory) {
        return new RunningClass(directory, true, Optional.of(new ClassCode("TEST-CODE")));
    }

    /** Starts again on the same class, as after a restart, without giving a code. */
    RunningClass restart() {
        close();
        return new RunningClass(directory, false, Optional.empty());
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    String code() {
        return server.code().shown();
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri().resolve(path)).GET(), headers);
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(json));
        if (!List.of(headers).contains("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        return send(request, headers);
    }

    /** A report as a student's lab sends it, with the right code. */
    HttpResponse<String> report(String name, String student, StepReport... steps) {
        return post("api/reports", ClassJson.write(new ClassReport(name, student, "0.1.0", List.of(steps))),
                RequestGuard.CODE_HEADER, code());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static StepReport passed(int step) {
        return new StepReport(step, "Step " + step, "local", "chat-abc123", "passed", "",
                List.of(new CheckResult("the bucket exists", CheckResult.Status.PASS, "")));
    }

    static StepReport failed(int step, String check, String hint) {
        return new StepReport(step, "Step " + step, "local", "chat-abc123", "failed", "",
                List.of(new CheckResult("the bucket exists", CheckResult.Status.PASS, ""), new CheckResult(check, CheckResult.Status.FAIL, hint)));
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
