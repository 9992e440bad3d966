package dev.chatlab.localcloud.http;

import dev.chatlab.localcloud.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP answer as a service builds it; the server adapter writes it out. */
public final class AwsResponse {

    private int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private AwsResponse(int status) {
        this.status = status;
    }

    public static AwsResponse status(int status) {
        return new AwsResponse(status);
    }

    public static AwsResponse ok() {
        return new AwsResponse(200);
    }

    public static AwsResponse noContent() {
        return new AwsResponse(204);
    }

    public static AwsResponse xml(int status, String xml) {
        return new AwsResponse(status).contentType("application/xml").body(xml);
    }

    /** {@code body} written as JSON, {@code application/json}: the rest-json answers (Lambda, API Gateway). */
    public static AwsResponse json(int status, Object body) {
        return json(status, Json.write(body), "application/json");
    }

    public static AwsResponse json(int status, String json, String contentType) {
        return new AwsResponse(status).contentType(contentType).body(json);
    }

    public AwsResponse withStatus(int newStatus) {
        this.status = newStatus;
        return this;
    }

    /** Sets a header, replacing earlier values of the same name. */
    public AwsResponse header(String name, String value) {
        headers.remove(name);
        headers.entrySet().removeIf(e -> e.getKey().equalsIgnoreCase(name));
        headers.put(name, new ArrayList<>(List.of(value)));
        return this;
    }

    /** Adds a value to a header that may repeat (Set-Cookie style). */
    public AwsResponse addHeader(String name, String value) {
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    public AwsResponse contentType(String value) {
        return header("Content-Type", value);
    }

    public AwsResponse body(byte[] bytes) {
        this.body = bytes == null ? new byte[0] : bytes;
        return this;
    }

    public AwsResponse body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public String firstHeader(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    public byte[] body() {
        return body;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
