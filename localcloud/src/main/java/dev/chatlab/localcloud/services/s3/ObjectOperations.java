package dev.chatlab.localcloud.services.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.services.s3.access.CannedAcl;
import dev.chatlab.localcloud.services.s3.model.Bucket;
import dev.chatlab.localcloud.services.s3.model.MultipartUpload;
import dev.chatlab.localcloud.services.s3.model.ObjectMetadata;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import dev.chatlab.localcloud.services.s3.model.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The object-level operations: parse the request, call {@link S3Service}, render S3's answer. */
final class ObjectOperations {

    static final int MAX_DELETE_KEYS = 1000;

    private final S3Service service;

    ObjectOperations(S3Service service) {
        this.service = service;
    }

    /** Lets the handler authorise the source of a copy for an anonymous caller. */
    interface SourceCheck {
        void check(S3Call call, String sourceBucket, String sourceKey);
    }

    AwsResponse putObject(S3Call call) {
        requireContentLength(call);
        String ifNoneMatch = call.header("if-none-match");
        if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
            throw S3Errors.notImplemented("If-None-Match other than * on PutObject");
        }
        ObjectMetadata stored;
        if (call.request().spooled() != null) {
            stored = putSpooledObject(call, ifNoneMatch != null);
        } else {
            ObjectRequests.Payload payload = ObjectRequests.payload(call.request());
            stored = service.putObject(call.bucket(), call.key(), payload.data(), ObjectRequests.write(call.request(), payload),
                    ifNoneMatch != null);
        }
        AwsResponse response = AwsResponse.ok().header("ETag", stored.quotedEtag()).header("x-amz-server-side-encryption", "AES256");
        return ObjectResponses.withChecksum(response, stored);
    }

    /** PutObject of a body the HTTP layer wrote to a file as it arrived. */
    private ObjectMetadata putSpooledObject(S3Call call, boolean onlyIfAbsent) {
        return withSpooledPayload(call, payload -> service.putObject(call.bucket(), call.key(), payload.file(), payload.size(),
                ObjectRequests.write(call.request(), payload.checksum()), onlyIfAbsent));
    }

    /**
     * Runs {@code write} on the body the HTTP layer wrote to a file, aws-chunked framing taken off;
     * a decoded copy that {@code write} did not keep is deleted (the spool itself is the HTTP layer's to delete).
     */
    private <T> T withSpooledPayload(S3Call call, Function<ObjectRequests.SpooledPayload, T> write) {
        Path spool = call.request().spooled().file();
        ObjectRequests.SpooledPayload payload = null;
        try {
            payload = ObjectRequests.spooledPayload(call.request(), service);
            return write.apply(payload);
        } finally {
            if (payload != null && !payload.file().equals(spool)) {
                try {
                    Files.deleteIfExists(payload.file()); // a decoded body that was not kept
                } catch (IOException ignored) {
                    // swept at the next start
                }
            }
        }
    }

    /** S3 needs the length of an upload up front; a body of unknown length is 411 MissingContentLength. */
    private static void requireContentLength(S3Call call) {
        if (call.header("content-length") == null && call.header("transfer-encoding") == null) {
            throw new AwsException("MissingContentLength", 411, "You must provide the Content-Length HTTP header.");
        }
    }

    AwsResponse getObject(S3Call call) {
        StoredObject object = service.getObject(call.bucket(), call.key());
        return ObjectResponses.render(call.request(), object, true);
    }

    AwsResponse deleteObject(S3Call call) {
        service.deleteObject(call.bucket(), call.key());
        return AwsResponse.noContent();
    }

    /** The object an x-amz-copy-source names (a version id after it is ignored: every object is version "null"). */
    private record CopySource(String bucket, String key) {
    }

    /** The request's x-amz-copy-source, read and authorised for the caller. */
    private static CopySource copySource(S3Call call, SourceCheck sourceCheck) {
        String source = call.header("x-amz-copy-source");
        int query = source.indexOf('?');
        String path = S3Call.decode(query < 0 ? source : source.substring(0, query));
        path = path.startsWith("/") ? path.substring(1) : path;
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw S3Errors.invalidArgument("Invalid copy source object key", "x-amz-copy-source", source);
        }
        CopySource copySource = new CopySource(path.substring(0, slash), path.substring(slash + 1));
        sourceCheck.check(call, copySource.bucket(), copySource.key());
        return copySource;
    }

    AwsResponse copyObject(S3Call call, SourceCheck sourceCheck) {
        CopySource source = copySource(call, sourceCheck);
        String directive = Optional.ofNullable(call.header("x-amz-metadata-directive")).orElse("COPY");
        if (!directive.equals("COPY") && !directive.equals("REPLACE")) {
            throw S3Errors.invalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive);
        }
        ObjectWrite replacement = null;
        if (directive.equals("REPLACE")) {
            replacement = ObjectRequests.write(call.request(), new ObjectRequests.Payload(new byte[0], null, null));
        }
        ObjectMetadata copied = service.copyObject(source.bucket(), source.key(), call.bucket(), call.key(), replacement, call.header("x-amz-acl"));
        XmlWriter xml = S3Xml.document("CopyObjectResult")
                .element("ETag", copied.quotedEtag())
                .element("LastModified", S3Xml.iso(copied.lastModifiedMillis()));
        if (copied.checksumAlgorithm() != null) {
            xml.element("ChecksumType", "FULL_OBJECT").element("Checksum" + copied.checksumAlgorithm(), copied.checksumValue());
        }
        return AwsResponse.xml(200, xml.toString()).header("x-amz-server-side-encryption", "AES256");
    }

    /** Lets the handler authorise each key of a DeleteObjects for an anonymous caller. */
    interface KeyCheck {
        void check(S3Call call, String key);
    }

    AwsResponse deleteObjects(S3Call call, KeyCheck keyCheck) {
        service.bucket(call.bucket());
        byte[] body = call.request().body();
        boolean integrity = call.header("content-md5") != null || call.request().headers().keySet().stream()
                .anyMatch(name -> name.startsWith("x-amz-checksum-") && !name.equals("x-amz-checksum-mode"));
        if (!integrity) {
            throw S3Errors.invalidRequest("Missing required header for this request: Content-MD5");
        }
        ObjectRequests.Payload payload = ObjectRequests.payload(call.request());
        if (call.header("content-md5") != null) {
            Checksums.verifyContentMd5(call.header("content-md5"), body);
        }
        if (payload.checksumAlgorithm() != null) {
            Checksums.verify(payload.checksumAlgorithm(), payload.checksumValue(), payload.data());
        }
        S3XmlReader delete = S3XmlReader.parse(payload.data(), "Delete");
        boolean quiet = delete.bool("Quiet");
        List<S3XmlReader> entries = delete.children("Object");
        if (entries.isEmpty() || entries.size() > MAX_DELETE_KEYS) {
            throw S3Errors.malformedXml();
        }
        List<String> deleted = new ArrayList<>();
        XmlWriter xml = S3Xml.document("DeleteResult");
        List<String[]> errors = new ArrayList<>();
        for (S3XmlReader entry : entries) {
            String key = entry.text("Key");
            if (key == null) {
                throw S3Errors.malformedXml();
            }
            try {
                S3Service.checkKey(key);
                keyCheck.check(call, key);
                service.deleteObject(call.bucket(), key);
                deleted.add(key);
            } catch (AwsException e) {
                errors.add(new String[] {key, e.code(), e.getMessage()});
            }
        }
        if (!quiet) {
            deleted.forEach(key -> xml.start("Deleted").element("Key", key).end());
        }
        errors.forEach(error -> xml.start("Error").element("Key", error[0]).element("Code", error[1]).element("Message", error[2]).end());
        return AwsResponse.xml(200, xml.toString());
    }

    // tagging and ACLs

    AwsResponse putTagging(S3Call call) {
        ObjectMetadata current = service.headObject(call.bucket(), call.key());
        Map<String, String> tags = Tags.read(S3XmlReader.parse(call.request().body(), "Tagging"));
        if (tags.size() > 10) {
            throw new AwsException("BadRequest", 400, "Object tags cannot be greater than 10");
        }
        service.replaceMetadata(call.bucket(), current.withTags(tags));
        return AwsResponse.ok();
    }

    AwsResponse getTagging(S3Call call) {
        return AwsResponse.xml(200, S3Xml.tagSet(S3Xml.document("Tagging"), service.headObject(call.bucket(), call.key()).tags()).toString());
    }

    AwsResponse deleteTagging(S3Call call) {
        ObjectMetadata current = service.headObject(call.bucket(), call.key());
        service.replaceMetadata(call.bucket(), current.withTags(Map.of()));
        return AwsResponse.noContent();
    }

    AwsResponse putAcl(S3Call call) {
        ObjectMetadata current = service.headObject(call.bucket(), call.key());
        String acl = call.header("x-amz-acl");
        Bucket bucket = service.bucket(call.bucket());
        CannedAcl.checkForObject(bucket, service.blockInForce(bucket),
                acl, ObjectRequests.hasGrants(call.request()) || call.request().body().length > 0);
        service.replaceMetadata(call.bucket(), current.withPublicRead(CannedAcl.isPublic(acl)));
        return AwsResponse.ok();
    }

    AwsResponse getAcl(S3Call call) {
        ObjectMetadata current = service.headObject(call.bucket(), call.key());
        return AwsResponse.xml(200, Acls.accessControlPolicy(current.publicRead() ? "public-read" : "private").toString());
    }

    // multipart uploads

    AwsResponse createMultipartUpload(S3Call call) {
        ObjectWrite write = ObjectRequests.write(call.request(), new ObjectRequests.Payload(new byte[0], null, null));
        MultipartUpload upload = service.multipart().create(call.bucket(), call.key(), write);
        return AwsResponse.xml(200, S3Xml.document("InitiateMultipartUploadResult")
                .element("Bucket", call.bucket()).element("Key", call.key()).element("UploadId", upload.uploadId()).toString());
    }

    private static int partNumber(S3Call call) {
        try {
            return Integer.parseInt(call.param("partNumber"));
        } catch (NumberFormatException | NullPointerException e) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", call.param("partNumber"));
        }
    }

    AwsResponse uploadPart(S3Call call) {
        int partNumber = partNumber(call);
        requireContentLength(call);
        String uploadId = call.param("uploadId");
        if (call.request().spooled() != null) {
            return withSpooledPayload(call, payload -> partAnswer(service.multipart().uploadPart(call.bucket(), call.key(), uploadId,
                    partNumber, payload.file(), payload.size(), partChecks(call, payload.checksum())), payload.checksum()));
        }
        ObjectRequests.Payload payload = ObjectRequests.payload(call.request());
        return partAnswer(service.multipart().uploadPart(call.bucket(), call.key(), uploadId, partNumber, payload.data(),
                partChecks(call, payload)), payload);
    }

    private static final Pattern COPY_SOURCE_RANGE = Pattern.compile("bytes=(\\d{1,18})-(\\d{1,18})");

    AwsResponse uploadPartCopy(S3Call call, SourceCheck sourceCheck) {
        int partNumber = partNumber(call);
        CopySource source = copySource(call, sourceCheck);
        String rangeHeader = call.header("x-amz-copy-source-range");
        ByteRange range = null;
        if (rangeHeader != null) {
            Matcher matcher = COPY_SOURCE_RANGE.matcher(rangeHeader.trim());
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) > Long.parseLong(matcher.group(2))) {
                throw S3Errors.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last where first and last "
                        + "are the zero-based offsets of the first and last bytes to copy", "x-amz-copy-source-range", rangeHeader);
            }
            range = new ByteRange(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
        MultipartUploads.CopiedPart part = service.multipart().uploadPartCopy(call.bucket(), call.key(), call.param("uploadId"), partNumber,
                source.bucket(), source.key(), range);
        return AwsResponse.xml(200, S3Xml.document("CopyPartResult").element("ETag", "\"" + part.etag() + "\"")
                .element("LastModified", S3Xml.iso(part.lastModifiedMillis())).toString()).header("x-amz-server-side-encryption", "AES256");
    }

    /** What an UploadPart's body is checked against: its Content-MD5 and its checksum. */
    private static ObjectWrite partChecks(S3Call call, ObjectRequests.Payload checksum) {
        return new ObjectWrite(Map.of(), Map.of(), checksum.checksumAlgorithm(), checksum.checksumValue(), null, null, Map.of(),
                null, false, call.header("content-md5"));
    }

    private static AwsResponse partAnswer(String etag, ObjectRequests.Payload checksum) {
        AwsResponse response = AwsResponse.ok().header("ETag", "\"" + etag + "\"");
        if (checksum.checksumAlgorithm() != null) {
            response.header(Checksums.headerName(checksum.checksumAlgorithm()), checksum.checksumValue());
        }
        return response;
    }

    AwsResponse completeMultipartUpload(S3Call call) {
        S3XmlReader xml = S3XmlReader.parse(call.request().body(), "CompleteMultipartUpload");
        List<MultipartUploads.CompletedPart> parts = new ArrayList<>();
        for (S3XmlReader part : xml.children("Part")) {
            try {
                parts.add(new MultipartUploads.CompletedPart(Integer.parseInt(part.text("PartNumber").trim()), part.text("ETag")));
            } catch (NumberFormatException | NullPointerException e) {
                throw S3Errors.malformedXml();
            }
        }
        ObjectMetadata object = service.multipart().complete(call.bucket(), call.key(), call.param("uploadId"), parts);
        return AwsResponse.xml(200, S3Xml.document("CompleteMultipartUploadResult")
                .element("Location", "/" + call.bucket() + "/" + call.key())
                .element("Bucket", call.bucket()).element("Key", call.key())
                .element("ETag", object.quotedEtag()).toString());
    }

    AwsResponse abortMultipartUpload(S3Call call) {
        service.multipart().abort(call.bucket(), call.key(), call.param("uploadId"));
        return AwsResponse.noContent();
    }

    AwsResponse listParts(S3Call call) {
        XmlWriter xml = S3Xml.document("ListPartsResult")
                .element("Bucket", call.bucket()).element("Key", call.key()).element("UploadId", call.param("uploadId"));
        service.multipart().parts(call.bucket(), call.key(), call.param("uploadId")).forEach((number, part) -> xml.start("Part")
                .element("PartNumber", number).element("ETag", "\"" + part.etag() + "\"").element("Size", part.size()).end());
        xml.element("IsTruncated", false);
        return AwsResponse.xml(200, xml.toString());
    }

    AwsResponse listMultipartUploads(S3Call call) {
        XmlWriter xml = S3Xml.document("ListMultipartUploadsResult").element("Bucket", call.bucket()).element("IsTruncated", false);
        for (MultipartUpload upload : service.multipart().list(call.bucket())) {
            xml.start("Upload").element("Key", upload.key()).element("UploadId", upload.uploadId())
                    .element("Initiated", S3Xml.iso(upload.initiatedMillis())).element("StorageClass", "STANDARD").end();
        }
        return AwsResponse.xml(200, xml.toString());
    }
}
