package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.http.SpooledBody;
import dev.chatlab.localcloud.protocol.sigv4.AwsChunks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what an object write carries in its headers and body: the payload (aws-chunked or
 * plain), the checksum (header or trailer), the representation headers S3 stores, and user
 * metadata.
 */
final class ObjectRequests {

    /** The headers S3 stores with an object and returns on GET/HEAD, by their canonical names. */
    static final List<String> STORED_HEADERS = List.of("Content-Type", "Cache-Control", "Content-Disposition",
            "Content-Encoding", "Content-Language", "Expires");

    private ObjectRequests() {
    }

    /** The body with its checksum, once aws-chunked framing is taken off. */
    record Payload(byte[] data, String checksumAlgorithm, String checksumValue) {
    }

    static Payload payload(AwsRequest request) {
        String sha = request.header("x-amz-content-sha256").orElse("");
        boolean chunked = sha.startsWith("STREAMING-") || contentEncodings(request).contains("aws-chunked");
        byte[] data = request.body();
        Map<String, String> trailers = Map.of();
        if (sha.matches("[0-9a-f]{64}") && !sha.equals(HexFormat.of().formatHex(Checksums.digest("SHA-256", data)))) {
            throw new AwsException("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        if (chunked) {
            AwsChunkedBody decoded = AwsChunkedBody.decode(request.body());
            data = decoded.data();
            trailers = decoded.trailers();
            String declared = request.header("x-amz-decoded-content-length").orElse(null);
            if (declared != null && !declared.trim().equals(String.valueOf(data.length))) {
                throw new AwsException("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header");
            }
        }
        for (String algorithm : Checksums.ALGORITHMS) {
            String name = Checksums.headerName(algorithm);
            String value = request.header(name).orElse(trailers.get(name));
            if (value != null) {
                return new Payload(data, algorithm, value.trim());
            }
        }
        return new Payload(data, null, null);
    }

    /** A body streamed to a file, with aws-chunked framing taken off: the object's bytes are in {@code file}. */
    record SpooledPayload(Path file, long size, String checksumAlgorithm, String checksumValue) {
        Payload checksum() {
            return new Payload(new byte[0], checksumAlgorithm, checksumValue);
        }
    }

    /**
     * {@link #payload} for a body the HTTP layer wrote to a file as it arrived: read as a stream, an
     * aws-chunked body decoded into a new file of {@code service}'s (the caller deletes it), so that
     * no part of it is ever whole in memory.
     */
    static SpooledPayload spooledPayload(AwsRequest request, S3Service service) {
        SpooledBody spooled = request.spooled();
        String sha = request.header("x-amz-content-sha256").orElse("");
        boolean chunked = sha.startsWith("STREAMING-") || contentEncodings(request).contains("aws-chunked");
        if (sha.matches("[0-9a-f]{64}") && !sha.equals(spooled.sha256Hex())) {
            throw new AwsException("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        Path data = spooled.file();
        long size = spooled.length();
        Map<String, String> trailers = Map.of();
        if (chunked) {
            data = service.newIncomingFile();
            String trailer;
            try (OutputStream out = Files.newOutputStream(data)) {
                trailer = AwsChunks.walk(spooled.file(), (header, chunkSize, chunk) -> chunk.transferTo(out));
                size = Files.size(data);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot decode the request body " + spooled.file(), e);
            }
            if (trailer == null) {
                throw AwsChunkedBody.incomplete();
            }
            trailers = AwsChunkedBody.trailers(trailer);
            String declared = request.header("x-amz-decoded-content-length").orElse(null);
            if (declared != null && !declared.trim().equals(String.valueOf(size))) {
                throw new AwsException("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header");
            }
        }
        for (String algorithm : Checksums.ALGORITHMS) {
            String name = Checksums.headerName(algorithm);
            String value = request.header(name).orElse(trailers.get(name));
            if (value != null) {
                return new SpooledPayload(data, size, algorithm, value.trim());
            }
        }
        return new SpooledPayload(data, size, null, null);
    }

    static ObjectWrite write(AwsRequest request, Payload payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : STORED_HEADERS) {
            request.header(name).ifPresent(value -> headers.put(name, value));
        }
        List<String> encodings = contentEncodings(request);
        encodings.remove("aws-chunked");
        if (encodings.isEmpty()) {
            headers.remove("Content-Encoding");
        } else {
            headers.put("Content-Encoding", String.join(",", encodings));
        }
        Map<String, String> tags = request.header("x-amz-tagging").map(Tags::fromHeader).orElse(Map.of());
        String storageClass = request.header("x-amz-storage-class").orElse(null);
        if (storageClass != null && !List.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
                "GLACIER", "DEEP_ARCHIVE", "GLACIER_IR", "OUTPOSTS", "SNOW", "EXPRESS_ONEZONE").contains(storageClass)) {
            throw new AwsException("InvalidStorageClass", 400, "The storage class you specified is not valid");
        }
        return new ObjectWrite(headers, userMetadata(request),
                payload.checksumAlgorithm(), payload.checksumValue(),
                request.header("x-amz-website-redirect-location").orElse(null), storageClass, tags,
                request.header("x-amz-acl").orElse(null), hasGrants(request), request.header("content-md5").orElse(null));
    }

    static Map<String, String> userMetadata(AwsRequest request) {
        Map<String, String> metadata = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (name.startsWith("x-amz-meta-") && !values.isEmpty()) {
                metadata.put(name.substring("x-amz-meta-".length()), String.join(",", values));
            }
        });
        return metadata;
    }

    static boolean hasGrants(AwsRequest request) {
        return request.headers().keySet().stream().anyMatch(name -> name.startsWith("x-amz-grant-"));
    }

    private static List<String> contentEncodings(AwsRequest request) {
        List<String> encodings = new ArrayList<>();
        request.header("content-encoding").ifPresent(value -> {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    encodings.add(part.trim().toLowerCase(Locale.ROOT).equals("aws-chunked") ? "aws-chunked" : part.trim());
                }
            }
        });
        return encodings;
    }
}
