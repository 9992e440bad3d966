package dev.chatlab.cli.classroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The lab command's side of the class server's API: join, report, read the class. */
final class ClassClient {

    /** What the server answered: its status, and for a refusal its error code and message. */
    record Answer(int status, String body) {

        boolean ok() {
            return status == 200;
        }

        String error() {
            return field("error");
        }

        String message() {
            return field("message");
        }

        private String field(String name) {
            try {
                JsonNode node = ClassJson.MAPPER.readTree(body);
                return node.path(name).asText("");
            } catch (JsonProcessingException e) {
                return "";
            }
        }
    }

    private final URI server;
    private final String code;
    private final HttpClient http;
    private final Duration timeout;

    ClassClient(URI server, String code, Duration timeout) {
        this.server = server;
        this.code = code;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    CompletableFuture<Answer> join(String name, String student) {
        return post("api/join", new ClassServer.JoinRequest(name, student));
    }

    CompletableFuture<Answer> report(ClassReport report) {
        return post("api/reports", report);
    }

    CompletableFuture<Answer> readClass() {
        return send(HttpRequest.newBuilder(server.resolve("api/class")).GET());
    }

    private CompletableFuture<Answer> post(String path, Object body) {
        return send(HttpRequest.newBuilder(server.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ClassJson.write(body))));
    }

    private CompletableFuture<Answer> send(HttpRequest.Builder request) {
        request.header(RequestGuard.CODE_HEADER, code).timeout(timeout);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), response.body()));
    }
}
