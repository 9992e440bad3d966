package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.services.s3.model.ObjectMetadata;
import dev.chatlab.localcloud.services.s3.model.StoredObject;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** How an object is sent back: by GetObject/HeadObject on the REST endpoint and by the website endpoint. */
public final class ObjectResponses {

    /** GetObject's response-* parameters that override a stored header (for presigned downloads). */
    private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
            "response-content-type", "Content-Type", "response-content-language", "Content-Language",
            "response-expires", "Expires", "response-cache-control", "Cache-Control",
            "response-content-disposition", "Content-Disposition", "response-content-encoding", "Content-Encoding");

    private ObjectResponses() {
    }

    /**
     * The answer to GetObject/HeadObject (and, through the website endpoint, to a browser):
     * stored headers, user metadata, conditional requests, a single byte range.
     *
     * @param withChecksum whether to return the stored checksum when asked with x-amz-checksum-mode
     */
    public static AwsResponse render(AwsRequest request, StoredObject object, boolean withChecksum) {
        ObjectMetadata metadata = object.metadata();
        AwsResponse response = AwsResponse.ok();
        response.header("ETag", metadata.quotedEtag())
                .header("Last-Modified", S3Xml.httpDate(metadata.lastModifiedMillis()))
                .header("Accept-Ranges", "bytes");
        if (Preconditions.notModified(request, metadata)) {
            return response.withStatus(304);
        }
        response.contentType(metadata.contentType());
        metadata.headers().forEach((name, value) -> {
            if (!name.equals("Content-Type")) {
                response.header(name, value);
            }
        });
        request.queryParams().forEach((name, value) -> {
            String header = RESPONSE_OVERRIDES.get(name);
            if (header != null) {
                response.header(header, value);
            }
        });
        metadata.userMetadata().forEach((name, value) -> response.header("x-amz-meta-" + name, value));
        response.header("x-amz-server-side-encryption", "AES256");
        if (!metadata.storageClass().equals("STANDARD")) {
            response.header("x-amz-storage-class", metadata.storageClass());
        }
        if (metadata.websiteRedirectLocation() != null) {
            response.header("x-amz-website-redirect-location", metadata.websiteRedirectLocation());
        }
        if (!metadata.tags().isEmpty()) {
            response.header("x-amz-tagging-count", String.valueOf(metadata.tags().size()));
        }
        if (metadata.partsCount() != null && request.queryParam("partNumber").isPresent()) {
            response.header("x-amz-mp-parts-count", String.valueOf(metadata.partsCount()));
        }
        if (object.file() != null) {
            return renderFile(request, object, response, withChecksum);
        }
        byte[] body = object.body();
        Optional<ByteRange> range = ByteRange.parse(request.header("range").orElse(null), body.length);
        if (range.isPresent()) {
            ByteRange r = range.get();
            body = Arrays.copyOfRange(body, (int) r.first(), (int) r.last() + 1);
            response.withStatus(206).header("Content-Range", r.contentRange(metadata.size()));
        } else if (withChecksum && "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode").orElse(""))) {
            withChecksum(response, metadata);
        }
        if (request.method().equals("HEAD")) {
            return response.header("Content-Length", String.valueOf(body.length));
        }
        return response.body(body);
    }

    /** The body of an object kept in a file, streamed from it, whole or one range. */
    private static AwsResponse renderFile(AwsRequest request, StoredObject object, AwsResponse response, boolean withChecksum) {
        long size = object.metadata().size();
        long offset = 0;
        long length = size;
        Optional<ByteRange> range = ByteRange.parse(request.header("range").orElse(null), size);
        if (range.isPresent()) {
            ByteRange r = range.get();
            offset = r.first();
            length = r.last() - r.first() + 1;
            response.withStatus(206).header("Content-Range", r.contentRange(size));
        } else if (withChecksum && "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode").orElse(""))) {
            withChecksum(response, object.metadata());
        }
        if (request.method().equals("HEAD")) {
            return response.header("Content-Length", String.valueOf(length));
        }
        return response.body(object.file(), offset, length);
    }

    static AwsResponse withChecksum(AwsResponse response, ObjectMetadata metadata) {
        if (metadata.checksumAlgorithm() != null) {
            response.header(Checksums.headerName(metadata.checksumAlgorithm()), metadata.checksumValue())
                    .header("x-amz-checksum-type", "FULL_OBJECT");
        }
        return response;
    }

}
