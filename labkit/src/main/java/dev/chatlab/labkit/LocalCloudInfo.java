package dev.chatlab.labkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What localcloud says about itself at {@code /_localcloud/health}: its process, ports and services. */
public record LocalCloudInfo(long pid, int port, int dnsPort) {

    public static LocalCloudInfo of(URI endpoint) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint.resolve("/_localcloud/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("localcloud at " + endpoint + " answered HTTP " + answer.statusCode() + " for its health");
            }
            JsonNode health = new ObjectMapper().readTree(answer.body());
            return new LocalCloudInfo(health.path("pid").asLong(), health.path("port").asInt(), health.path("dnsPort").asInt());
        } catch (IOException e) {
            throw new IllegalStateException("localcloud does not answer at " + endpoint + " — start it: ./lab cloud start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
