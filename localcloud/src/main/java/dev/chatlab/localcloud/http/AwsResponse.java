package dev.chatlab.localcloud.http;

import dev.chatlab.localcloud.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP answer as a service builds it; the server adapter writes it out. */
public final class AwsResponse {

    private int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    /** A body sent from a file (an S3 object), streamed as it is read; null for a body in memory. */
    private Path bodyFile;
    private long bodyFileOffset;
    private long bodyFileLength;

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
        this.bodyFile = null;
        return this;
    }

    /** The bytes {@code offset} to {@code offset + length} of {@code file} as the body, streamed from the file when sent. */
    public AwsResponse body(Path file, long offset, long length) {
        this.body = new byte[0];
        this.bodyFile = file;
        this.bodyFileOffset = offset;
        this.bodyFileLength = length;
        return this;
    }

    /** The file the body is streamed from, or null for a body in memory. */
    public Path bodyFile() {
        return bodyFile;
    }

    public long bodyFileOffset() {
        return bodyFileOffset;
    }

    public long bodyFileLength() {
        return bodyFileLength;
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

    /** The body; one sent from a file is read into memory here (for callers in the same process, and tests). */
    public byte[] body() {
        if (bodyFile == null) {
            return body;
        }
        try (FileChannel channel = FileChannel.open(bodyFile)) {
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(bodyFileLength));
            while (bytes.hasRemaining() && channel.read(bytes, bodyFileOffset + bytes.position()) >= 0) {
                // reads until the range is in
            }
            return bytes.array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the body from " + bodyFile, e);
        }
    }

    public String bodyAsString() {
        return new String(body(), StandardCharsets.UTF_8);
    }
}
