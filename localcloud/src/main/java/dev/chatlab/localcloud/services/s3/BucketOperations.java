package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.services.s3.model.Bucket;
import dev.chatlab.localcloud.services.s3.model.ObjectListing;
import dev.chatlab.localcloud.services.s3.model.ObjectMetadata;
import dev.chatlab.localcloud.services.s3.model.PublicAccessBlock;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The bucket-level operations: parse the request, call {@link S3Service}, render S3's XML. */
final class BucketOperations {

    private final S3Service service;

    BucketOperations(S3Service service) {
        this.service = service;
    }

    static AwsResponse xml(XmlWriter xml) {
        return AwsResponse.xml(200, xml.toString());
    }

    AwsResponse listBuckets(S3Call call) {
        String prefix = call.param("prefix");
        String region = call.param("bucket-region");
        XmlWriter xml = S3Xml.owner(S3Xml.document("ListAllMyBucketsResult")).start("Buckets");
        for (Bucket bucket : service.listBuckets()) {
            if ((prefix == null || bucket.name().startsWith(prefix)) && (region == null || bucket.region().equals(region))) {
                xml.start("Bucket")
                        .element("Name", bucket.name())
                        .element("CreationDate", S3Xml.iso(bucket.createdMillis()))
                        .element("BucketRegion", bucket.region())
                        .end();
            }
        }
        xml.end().element("Prefix", prefix);
        return xml(xml);
    }

    AwsResponse createBucket(S3Call call) {
        String constraint = null;
        if (call.request().body().length > 0) {
            S3XmlReader configuration = S3XmlReader.parse(call.request().body(), "CreateBucketConfiguration");
            constraint = configuration.text("LocationConstraint");
            if (constraint != null && constraint.isBlank()) {
                constraint = null;
            }
        }
        Bucket bucket = service.createBucket(call.bucket(), call.region(), constraint, call.header("x-amz-acl"),
                ObjectRequests.hasGrants(call.request()), call.header("x-amz-object-ownership"));
        return AwsResponse.ok().header("Location", "/" + bucket.name())
                .header("x-amz-bucket-arn", "arn:aws:s3:::" + bucket.name());
    }

    AwsResponse headBucket(S3Call call) {
        Bucket bucket = service.bucket(call.bucket());
        return AwsResponse.ok().header("x-amz-bucket-region", bucket.region()).header("x-amz-access-point-alias", "false");
    }

    AwsResponse deleteBucket(S3Call call) {
        service.deleteBucket(call.bucket());
        return AwsResponse.noContent();
    }

    AwsResponse getLocation(S3Call call) {
        Bucket bucket = service.bucket(call.bucket());
        String region = bucket.region().equals("us-east-1") ? "" : bucket.region();
        return AwsResponse.xml(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"" + S3Xml.NS + "\">"
                + region + "</LocationConstraint>");
    }

    // tagging

    AwsResponse putTagging(S3Call call) {
        service.bucket(call.bucket());
        Map<String, String> tags = Tags.read(S3XmlReader.parse(call.request().body(), "Tagging"));
        service.putBucketTagging(call.bucket(), tags, call.request().fromCloudFormation());
        return AwsResponse.noContent();
    }

    AwsResponse getTagging(S3Call call) {
        return xml(S3Xml.tagSet(S3Xml.document("Tagging"), service.bucketTagging(call.bucket())));
    }

    AwsResponse deleteTagging(S3Call call) {
        service.deleteBucketTagging(call.bucket());
        return AwsResponse.noContent();
    }

    // Block Public Access

    AwsResponse putPublicAccessBlock(S3Call call) {
        service.bucket(call.bucket());
        S3XmlReader xml = S3XmlReader.parse(call.request().body(), "PublicAccessBlockConfiguration");
        if (!List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets").containsAll(xml.childNames())) {
            throw S3Errors.malformedXml();
        }
        service.putPublicAccessBlock(call.bucket(), new PublicAccessBlock(xml.bool("BlockPublicAcls"), xml.bool("IgnorePublicAcls"),
                xml.bool("BlockPublicPolicy"), xml.bool("RestrictPublicBuckets")));
        return AwsResponse.ok();
    }

    AwsResponse getPublicAccessBlock(S3Call call) {
        PublicAccessBlock block = service.publicAccessBlock(call.bucket());
        return xml(S3Xml.document("PublicAccessBlockConfiguration")
                .element("BlockPublicAcls", block.blockPublicAcls())
                .element("IgnorePublicAcls", block.ignorePublicAcls())
                .element("BlockPublicPolicy", block.blockPublicPolicy())
                .element("RestrictPublicBuckets", block.restrictPublicBuckets()));
    }

    AwsResponse deletePublicAccessBlock(S3Call call) {
        service.deletePublicAccessBlock(call.bucket());
        return AwsResponse.noContent();
    }

    // policy

    AwsResponse putPolicy(S3Call call) {
        if (call.header("content-md5") != null) {
            Checksums.verifyContentMd5(call.header("content-md5"), call.request().body());
        }
        service.putBucketPolicy(call.bucket(), call.request().bodyAsString());
        return AwsResponse.noContent();
    }

    AwsResponse getPolicy(S3Call call) {
        return AwsResponse.ok().contentType("application/json").body(service.bucketPolicy(call.bucket()));
    }

    AwsResponse deletePolicy(S3Call call) {
        service.deleteBucketPolicy(call.bucket());
        return AwsResponse.noContent();
    }

    AwsResponse getPolicyStatus(S3Call call) {
        return xml(S3Xml.document("PolicyStatus").element("IsPublic", service.bucketPolicyIsPublic(call.bucket())));
    }

    // website

    AwsResponse putWebsite(S3Call call) {
        service.bucket(call.bucket());
        service.putBucketWebsite(call.bucket(), WebsiteConfigurations.read(call.request().body()));
        return AwsResponse.ok();
    }

    AwsResponse getWebsite(S3Call call) {
        return AwsResponse.xml(200, S3Xml.website(service.bucketWebsite(call.bucket())));
    }

    AwsResponse deleteWebsite(S3Call call) {
        service.deleteBucketWebsite(call.bucket());
        return AwsResponse.noContent();
    }

    // ownership and ACLs

    AwsResponse putOwnershipControls(S3Call call) {
        service.bucket(call.bucket());
        S3XmlReader xml = S3XmlReader.parse(call.request().body(), "OwnershipControls");
        List<S3XmlReader> rules = xml.children("Rule");
        if (rules.size() != 1) {
            throw S3Errors.malformedXml();
        }
        service.putOwnershipControls(call.bucket(), rules.get(0).text("ObjectOwnership"));
        return AwsResponse.ok();
    }

    AwsResponse getOwnershipControls(S3Call call) {
        return xml(S3Xml.document("OwnershipControls").start("Rule")
                .element("ObjectOwnership", service.ownershipControls(call.bucket())).end());
    }

    AwsResponse deleteOwnershipControls(S3Call call) {
        service.deleteOwnershipControls(call.bucket());
        return AwsResponse.noContent();
    }

    AwsResponse putAcl(S3Call call) {
        service.putBucketAcl(call.bucket(), call.header("x-amz-acl"), ObjectRequests.hasGrants(call.request()) || call.request().body().length > 0);
        return AwsResponse.ok();
    }

    AwsResponse getAcl(S3Call call) {
        Bucket bucket = service.bucket(call.bucket());
        return xml(Acls.accessControlPolicy(bucket.cannedAcl()));
    }

    /**
     * A subresource localcloud does not implement: reads answer as S3 does for a bucket that
     * never had that configuration (so SDK and CLI callers that merely look work), writes are
     * NotImplemented.
     */
    AwsResponse unsupportedSubresource(S3Call call, String subresource) {
        service.bucket(call.bucket());
        if (call.method().equals("GET")) {
            switch (subresource) {
                case "versioning" -> {
                    return xml(S3Xml.document("VersioningConfiguration"));
                }
                case "encryption" -> {
                    return xml(S3Xml.document("ServerSideEncryptionConfiguration").start("Rule")
                            .start("ApplyServerSideEncryptionByDefault").element("SSEAlgorithm", "AES256").end()
                            .element("BucketKeyEnabled", false).end());
                }
                case "logging" -> {
                    return xml(S3Xml.document("BucketLoggingStatus"));
                }
                case "notification" -> {
                    return xml(S3Xml.document("NotificationConfiguration"));
                }
                case "accelerate" -> {
                    return xml(S3Xml.document("AccelerateConfiguration"));
                }
                case "requestPayment" -> {
                    return xml(S3Xml.document("RequestPaymentConfiguration").element("Payer", "BucketOwner"));
                }
                case "cors" -> throw new AwsException("NoSuchCORSConfiguration", 404, "The CORS configuration does not exist")
                        .withDetail("BucketName", call.bucket());
                case "lifecycle" -> throw new AwsException("NoSuchLifecycleConfiguration", 404, "The lifecycle configuration does not exist")
                        .withDetail("BucketName", call.bucket());
                case "replication" -> throw new AwsException("ReplicationConfigurationNotFoundError", 404,
                        "The replication configuration was not found").withDetail("BucketName", call.bucket());
                case "object-lock" -> throw new AwsException("ObjectLockConfigurationNotFoundError", 404,
                        "Object Lock configuration does not exist for this bucket").withDetail("BucketName", call.bucket());
                default -> {
                    // fall through to NotImplemented
                }
            }
        }
        if (call.method().equals("DELETE") && List.of("cors", "lifecycle", "encryption", "replication").contains(subresource)) {
            return AwsResponse.noContent(); // nothing configured, nothing to delete
        }
        throw S3Errors.notImplemented(call.method() + " ?" + subresource);
    }

    // listings

    AwsResponse listObjectsV2(S3Call call) {
        ListParams params = ListParams.of(call);
        String token = call.param("continuation-token");
        String startAfter = call.param("start-after");
        String after = startAfter;
        if (token != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
            }
        }
        ObjectListing listing = service.listObjects(call.bucket(), params.prefix, params.delimiter, after, params.maxKeys);
        XmlWriter xml = S3Xml.document("ListBucketResult")
                .element("Name", call.bucket())
                .element("Prefix", params.encode(params.prefix))
                .element("Delimiter", params.encode(params.delimiter))
                .element("MaxKeys", params.maxKeys)
                .element("EncodingType", params.encodingType)
                .element("KeyCount", listing.keyCount())
                .element("IsTruncated", listing.truncated())
                .element("ContinuationToken", token)
                .element("NextContinuationToken", listing.truncated()
                        ? Base64.getUrlEncoder().encodeToString(listing.next().getBytes(StandardCharsets.UTF_8)) : null)
                .element("StartAfter", params.encode(startAfter));
        boolean owner = "true".equals(call.param("fetch-owner"));
        contents(xml, listing, params, owner);
        return xml(xml);
    }

    AwsResponse listObjects(S3Call call) {
        ListParams params = ListParams.of(call);
        String marker = call.param("marker");
        ObjectListing listing = service.listObjects(call.bucket(), params.prefix, params.delimiter, marker, params.maxKeys);
        XmlWriter xml = S3Xml.document("ListBucketResult")
                .element("Name", call.bucket())
                .element("Prefix", params.encode(params.prefix))
                .element("Marker", params.encode(marker == null ? "" : marker))
                .element("NextMarker", listing.truncated() && params.delimiter != null ? params.encode(listing.next()) : null)
                .element("MaxKeys", params.maxKeys)
                .element("Delimiter", params.encode(params.delimiter))
                .element("IsTruncated", listing.truncated())
                .element("EncodingType", params.encodingType);
        contents(xml, listing, params, true);
        return xml(xml);
    }

    /**
     * ListObjectVersions of a bucket that was never versioned: each object is its one version,
     * with version id "null", as S3 answers for an unversioned bucket.
     */
    AwsResponse listObjectVersions(S3Call call) {
        ListParams params = ListParams.of(call);
        String keyMarker = call.param("key-marker");
        ObjectListing listing = service.listObjects(call.bucket(), params.prefix, params.delimiter, keyMarker, params.maxKeys);
        XmlWriter xml = S3Xml.document("ListVersionsResult")
                .element("Name", call.bucket())
                .element("Prefix", params.encode(params.prefix))
                .element("KeyMarker", params.encode(keyMarker == null ? "" : keyMarker))
                .element("VersionIdMarker", "")
                .element("NextKeyMarker", listing.truncated() ? params.encode(listing.next()) : null)
                .element("NextVersionIdMarker", listing.truncated() ? "null" : null)
                .element("MaxKeys", params.maxKeys)
                .element("Delimiter", params.encode(params.delimiter))
                .element("EncodingType", params.encodingType)
                .element("IsTruncated", listing.truncated());
        for (ObjectMetadata object : listing.contents()) {
            xml.start("Version")
                    .element("Key", params.encode(object.key()))
                    .element("VersionId", "null")
                    .element("IsLatest", true)
                    .element("LastModified", S3Xml.iso(object.lastModifiedMillis()))
                    .element("ETag", object.quotedEtag())
                    .element("Size", object.size())
                    .element("StorageClass", object.storageClass());
            S3Xml.owner(xml).end();
        }
        for (String prefix : listing.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", params.encode(prefix)).end();
        }
        return xml(xml);
    }

    private static void contents(XmlWriter xml, ObjectListing listing, ListParams params, boolean owner) {
        for (ObjectMetadata object : listing.contents()) {
            S3Xml.objectEntry(xml, object, params.encode(object.key()), owner);
        }
        for (String prefix : listing.commonPrefixes()) {
            xml.start("CommonPrefixes").element("Prefix", params.encode(prefix)).end();
        }
    }

    /** prefix, delimiter, max-keys and encoding-type, which both listings share. */
    private record ListParams(String prefix, String delimiter, int maxKeys, String encodingType) {

        static ListParams of(S3Call call) {
            String encoding = call.param("encoding-type");
            if (encoding != null && !encoding.equals("url")) {
                throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encoding);
            }
            int maxKeys = 1000;
            String max = call.param("max-keys");
            if (max != null) {
                try {
                    maxKeys = Integer.parseInt(max);
                } catch (NumberFormatException e) {
                    maxKeys = -1;
                }
                if (maxKeys < 0) {
                    throw S3Errors.invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", max);
                }
                maxKeys = Math.min(maxKeys, 1000);
            }
            String delimiter = call.param("delimiter");
            return new ListParams(call.query().getOrDefault("prefix", ""), delimiter == null || delimiter.isEmpty() ? null : delimiter,
                    maxKeys, encoding);
        }

        /** With encoding-type=url, S3 form-encodes keys (space as '+') but leaves '/' readable. */
        String encode(String value) {
            if (value == null || encodingType == null) {
                return value;
            }
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/");
        }
    }
}
