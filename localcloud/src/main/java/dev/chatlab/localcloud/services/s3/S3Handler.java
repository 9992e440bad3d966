package dev.chatlab.localcloud.services.s3;

import java.nio.file.Path;
import java.util.Optional;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.policy.Evaluation;
import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyEngine;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.protocol.CredentialScope;
import dev.chatlab.localcloud.protocol.ErrorRenderer;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.protocol.sigv4.AuthDialect;
import dev.chatlab.localcloud.services.iam.IamAuthorizer;
import dev.chatlab.localcloud.services.s3.access.AccessControl;
import dev.chatlab.localcloud.services.s3.model.Bucket;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * S3's REST-XML API, path style ({@code http://127.0.0.1:4566/<bucket>/<key>}), as the SDK
 * with {@code forcePathStyle(true)} and the AWS CLI (for an IP endpoint) call it. It picks the
 * operation from method, path and subresource, authorises anonymous requests through the bucket
 * policy and signed ones through IAM with the bucket policy, and hands the work to {@link BucketOperations} and {@link ObjectOperations}.
 * It is also the router's fallback: an unsigned request nothing else claims is S3's.
 */
public final class S3Handler implements ServiceHandler {

    /** Bucket subresources that S3 has but localcloud does not implement (NotImplemented, 501). */
    private static final List<String> UNSUPPORTED_BUCKET_SUBRESOURCES = List.of("cors", "lifecycle", "versioning", "encryption",
            "logging", "notification", "replication", "accelerate", "requestPayment", "object-lock", "analytics", "metrics",
            "inventory", "intelligent-tiering", "metadataTable", "metadataConfiguration");
    private static final List<String> UNSUPPORTED_OBJECT_SUBRESOURCES = List.of("retention", "legal-hold", "attributes",
            "restore", "select", "torrent", "renameObject");

    private final S3Service service;
    /** Who signed a request and what their policies allow, with the bucket policy (IAM's evaluation). */
    private final IamAuthorizer signers;
    private final BucketOperations buckets;
    private final ObjectOperations objects;
    private final AccountOperations account;

    public S3Handler(S3Service service, IamAuthorizer signers) {
        this.service = service;
        this.signers = signers;
        this.buckets = new BucketOperations(service);
        this.objects = new ObjectOperations(service);
        this.account = new AccountOperations(service);
    }

    /**
     * The largest body localcloud reads into memory: 256 MB. A PutObject's or an UploadPart's body
     * is not read into memory but streamed to a file ({@link #spoolDirectory}), up to S3's 5 GiB;
     * any body of a cloud in memory is held in memory, so a larger one is refused there.
     */
    static final long MAX_BODY_IN_MEMORY = 256L * 1024 * 1024;

    /** What an aws-chunked body's framing may add to S3's 5 GB of data (a chunk line per 8 KB at worst). */
    private static final long CHUNK_FRAMING_ALLOWANCE = S3Service.MAX_SINGLE_PUT_BYTES / 64;

    @Override
    public long maxRequestBytes() {
        return MAX_BODY_IN_MEMORY;
    }

    @Override
    public long maxSpooledBytes() {
        return S3Service.MAX_SINGLE_PUT_BYTES + CHUNK_FRAMING_ALLOWANCE;
    }

    /**
     * A PutObject's or an UploadPart's body goes to a file as it arrives (a cloud with a state
     * directory): an object or a part of up to 5 GiB never passes through memory. Its size beyond
     * 5 GiB (without aws-chunked framing) is refused once it is known.
     */
    @Override
    public Optional<Path> spoolDirectory(AwsRequest head) {
        Optional<Path> incoming = service.incomingBodies();
        if (incoming.isEmpty() || !head.method().equals("PUT") || head.header("x-amz-copy-source").isPresent()
                || AccountOperations.owns(head)) { // S3 Control's path reads like a bucket and a key, and its XML is read in memory
            return Optional.empty();
        }
        try {
            S3Call call = S3Call.of(head);
            if (call.key().isEmpty() || !SPOOLED_PUTS.contains(operationParameters(call))) {
                return Optional.empty();
            }
        } catch (AwsException unreadable) {
            return Optional.empty(); // refused with the body in memory, as any other request
        }
        String declared = head.header("x-amz-decoded-content-length").orElse("");
        if (declared.matches("\\d{1,18}") && Long.parseLong(declared) > S3Service.MAX_SINGLE_PUT_BYTES) {
            return Optional.empty(); // refused before a byte is read: a body in memory is capped far lower
        }
        return incoming;
    }

    /** The query parameters of the PUTs whose body goes to a file: PutObject (of version "null" or none) and UploadPart. */
    private static final Set<Set<String>> SPOOLED_PUTS = Set.of(Set.of(), Set.of("versionId"), Set.of("partNumber", "uploadId"));

    /**
     * A request's query parameters that say what it does: without a presigned URL's signature
     * ({@code X-Amz-Credential}, ...) and without {@code x-id}, where some SDKs repeat the
     * operation's name ({@code x-id=PutObject}).
     */
    private static Set<String> operationParameters(S3Call call) {
        return call.query().keySet().stream()
                .filter(name -> !name.equals("x-id") && !name.regionMatches(true, 0, "x-amz-", 0, "x-amz-".length()))
                .collect(Collectors.toSet());
    }

    @Override
    public AwsException requestTooLarge() {
        return S3Service.entityTooLarge();
    }

    @Override
    public Set<String> signingNames() {
        return Set.of("s3");
    }

    /**
     * An anonymous read (no signature at all) is what an {@code <img>} on any page may send to
     * S3: the bucket policy decides it, as on AWS. A signed or writing request from another
     * site is refused: locally every key's secret is known ("test"), so a signature proves nothing.
     */
    @Override
    public boolean servesAnySite(AwsRequest request) {
        boolean read = request.method().equals("GET") || request.method().equals("HEAD");
        return read && request.header("authorization").isEmpty() && request.queryParam("X-Amz-Credential").isEmpty()
                && request.queryParam("X-Amz-Signature").isEmpty();
    }

    /** Anonymous calls: the bucket policy (or an object's public-read ACL) decides them, as on AWS. */
    @Override
    public boolean acceptsUnsigned(AwsRequest request) {
        return true;
    }

    @Override
    public AuthDialect authDialect() {
        return AuthDialect.S3;
    }

    @Override
    public AwsResponse renderError(AwsException error, AwsRequest request) {
        return ErrorRenderer.s3(error, request.requestId());
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        S3Call call = S3Call.of(request);
        AwsResponse response;
        try {
            response = AccountOperations.owns(request) ? account.handle(call) : dispatch(call);
        } catch (PermanentRedirect redirect) {
            response = ErrorRenderer.s3(redirect, request.requestId()).header("x-amz-bucket-region", redirect.bucketRegion());
        }
        return response.header("x-amz-request-id", request.requestId()).header("x-amz-id-2", request.requestId());
    }

    /**
     * A signed request for an existing bucket must be signed for the bucket's region (except
     * GetBucketLocation, which answers from any region, as on AWS).
     */
    private void checkRegion(S3Call call) {
        if (call.scope().isEmpty() || call.has("location")) {
            return;
        }
        service.findBucket(call.bucket()).ifPresent(bucket -> {
            if (!bucket.region().equals(call.region())) {
                throw new PermanentRedirect(bucket.name(), bucket.region(), call.request().header("host").orElse("localhost"));
            }
        });
    }

    private AwsResponse dispatch(S3Call call) {
        String expectedOwner = call.header("x-amz-expected-bucket-owner");
        if (expectedOwner != null && !expectedOwner.equals(AccountAndRegion.ACCOUNT_ID)) {
            throw S3Errors.accessDenied(); // the bucket belongs to localcloud's one account
        }
        if (call.bucket().isEmpty()) {
            if (!call.method().equals("GET")) {
                throw S3Errors.methodNotAllowed(call.method(), "SERVICE");
            }
            if (!call.signed()) {
                throw S3Errors.accessDenied();
            }
            return buckets.listBuckets(call);
        }
        boolean createBucket = call.key().isEmpty() && call.method().equals("PUT") && call.query().isEmpty();
        if (!createBucket) {
            checkRegion(call);
        }
        return call.key().isEmpty() ? bucketOperation(call) : objectOperation(call);
    }

    private AwsResponse bucketOperation(S3Call call) {
        for (String subresource : UNSUPPORTED_BUCKET_SUBRESOURCES) {
            if (call.has(subresource)) {
                return buckets.unsupportedSubresource(call, subresource);
            }
        }
        switch (call.method()) {
            case "PUT" -> {
                if (call.has("tagging")) {
                    authorize(call, "s3:PutBucketTagging");
                    return buckets.putTagging(call);
                } else if (call.has("publicAccessBlock")) {
                    authorize(call, "s3:PutBucketPublicAccessBlock");
                    return buckets.putPublicAccessBlock(call);
                } else if (call.has("policy")) {
                    authorize(call, "s3:PutBucketPolicy");
                    return buckets.putPolicy(call);
                } else if (call.has("website")) {
                    authorize(call, "s3:PutBucketWebsite");
                    return buckets.putWebsite(call);
                } else if (call.has("ownershipControls")) {
                    authorize(call, "s3:PutBucketOwnershipControls");
                    return buckets.putOwnershipControls(call);
                } else if (call.has("acl")) {
                    authorize(call, "s3:PutBucketAcl");
                    return buckets.putAcl(call);
                }
                if (!call.signed()) {
                    throw S3Errors.accessDenied();
                }
                return buckets.createBucket(call);
            }
            case "GET" -> {
                return bucketRead(call);
            }
            case "HEAD" -> {
                authorize(call, "s3:ListBucket");
                return buckets.headBucket(call);
            }
            case "DELETE" -> {
                if (call.has("tagging")) {
                    authorize(call, "s3:PutBucketTagging");
                    return buckets.deleteTagging(call);
                } else if (call.has("publicAccessBlock")) {
                    authorize(call, "s3:PutBucketPublicAccessBlock");
                    return buckets.deletePublicAccessBlock(call);
                } else if (call.has("policy")) {
                    authorize(call, "s3:DeleteBucketPolicy");
                    return buckets.deletePolicy(call);
                } else if (call.has("website")) {
                    authorize(call, "s3:DeleteBucketWebsite");
                    return buckets.deleteWebsite(call);
                } else if (call.has("ownershipControls")) {
                    authorize(call, "s3:PutBucketOwnershipControls");
                    return buckets.deleteOwnershipControls(call);
                }
                authorize(call, "s3:DeleteBucket");
                return buckets.deleteBucket(call);
            }
            case "POST" -> {
                if (call.has("delete")) {
                    return objects.deleteObjects(call, (c, key) -> authorizeObject(c, key, "s3:DeleteObject"));
                }
                throw S3Errors.notImplemented("POST Object (browser form uploads)");
            }
            default -> throw S3Errors.methodNotAllowed(call.method(), "BUCKET");
        }
    }

    private AwsResponse bucketRead(S3Call call) {
        if (call.has("tagging")) {
            authorize(call, "s3:GetBucketTagging");
            return buckets.getTagging(call);
        } else if (call.has("publicAccessBlock")) {
            authorize(call, "s3:GetBucketPublicAccessBlock");
            return buckets.getPublicAccessBlock(call);
        } else if (call.has("policyStatus")) {
            authorize(call, "s3:GetBucketPolicyStatus");
            return buckets.getPolicyStatus(call);
        } else if (call.has("policy")) {
            authorize(call, "s3:GetBucketPolicy");
            return buckets.getPolicy(call);
        } else if (call.has("website")) {
            authorize(call, "s3:GetBucketWebsite");
            return buckets.getWebsite(call);
        } else if (call.has("location")) {
            authorize(call, "s3:GetBucketLocation");
            return buckets.getLocation(call);
        } else if (call.has("ownershipControls")) {
            authorize(call, "s3:GetBucketOwnershipControls");
            return buckets.getOwnershipControls(call);
        } else if (call.has("acl")) {
            authorize(call, "s3:GetBucketAcl");
            return buckets.getAcl(call);
        } else if (call.has("uploads")) {
            authorize(call, "s3:ListBucketMultipartUploads");
            return objects.listMultipartUploads(call);
        } else if (call.has("versions")) {
            authorize(call, "s3:ListBucketVersions");
            return buckets.listObjectVersions(call);
        }
        authorize(call, "s3:ListBucket");
        return "2".equals(call.param("list-type")) ? buckets.listObjectsV2(call) : buckets.listObjects(call);
    }

    private AwsResponse objectOperation(S3Call call) {
        for (String subresource : UNSUPPORTED_OBJECT_SUBRESOURCES) {
            if (call.has(subresource)) {
                throw S3Errors.notImplemented("the object subresource ?" + subresource);
            }
        }
        String versionId = call.param("versionId");
        if (versionId != null && !versionId.equals("null")) {
            // Buckets are never versioned here: every object's version id is "null", as in an unversioned bucket.
            throw S3Errors.invalidArgument("Invalid version id specified", "versionId", versionId);
        }
        switch (call.method()) {
            case "PUT" -> {
                if (call.has("tagging")) {
                    authorizeObject(call, "s3:PutObjectTagging");
                    return objects.putTagging(call);
                } else if (call.has("acl")) {
                    authorizeObject(call, "s3:PutObjectAcl");
                    return objects.putAcl(call);
                } else if (call.has("uploadId")) {
                    authorizeObject(call, "s3:PutObject");
                    return call.header("x-amz-copy-source") != null ? objects.uploadPartCopy(call, this::authorizeCopySource) : objects.uploadPart(call);
                } else if (call.header("x-amz-copy-source") != null) {
                    authorizeObject(call, "s3:PutObject");
                    return objects.copyObject(call, this::authorizeCopySource);
                }
                authorizeObject(call, "s3:PutObject");
                return objects.putObject(call);
            }
            case "GET", "HEAD" -> {
                if (call.has("tagging")) {
                    authorizeObject(call, "s3:GetObjectTagging");
                    return objects.getTagging(call);
                } else if (call.has("acl")) {
                    authorizeObject(call, "s3:GetObjectAcl");
                    return objects.getAcl(call);
                } else if (call.has("uploadId")) {
                    authorizeObject(call, "s3:ListMultipartUploadParts");
                    return objects.listParts(call);
                }
                authorizeRead(call);
                return objects.getObject(call);
            }
            case "DELETE" -> {
                if (call.has("uploadId")) {
                    authorizeObject(call, "s3:AbortMultipartUpload");
                    return objects.abortMultipartUpload(call);
                } else if (call.has("tagging")) {
                    authorizeObject(call, "s3:DeleteObjectTagging");
                    return objects.deleteTagging(call);
                }
                authorizeObject(call, "s3:DeleteObject");
                return objects.deleteObject(call);
            }
            case "POST" -> {
                authorizeObject(call, "s3:PutObject");
                if (call.has("uploads")) {
                    return objects.createMultipartUpload(call);
                } else if (call.has("uploadId")) {
                    return objects.completeMultipartUpload(call);
                }
                throw S3Errors.methodNotAllowed("POST", "OBJECT");
            }
            default -> throw S3Errors.methodNotAllowed(call.method(), "OBJECT");
        }
    }

    // ---------------------------------------------------------------- anonymous callers

    /** A bucket-level action: signed requests pass; anonymous ones need the bucket policy's grant. */
    private void authorize(S3Call call, String action) {
        if (call.signed()) {
            authorizeSigned(call, call.bucket(), action, AccessControl.bucketArn(call.bucket()));
            return;
        }
        Bucket bucket = service.bucket(call.bucket());
        if (!AccessControl.anonymousAllowed(bucket, service.blockInForce(bucket), action, AccessControl.bucketArn(bucket.name()), call.request().remoteAddr())) {
            throw S3Errors.accessDenied();
        }
    }

    private void authorizeObject(S3Call call, String action) {
        authorizeObject(call, call.key(), action);
    }

    private void authorizeObject(S3Call call, String key, String action) {
        if (call.signed()) {
            authorizeSigned(call, call.bucket(), action, AccessControl.objectArn(call.bucket(), key));
            return;
        }
        Bucket bucket = service.bucket(call.bucket());
        if (!AccessControl.anonymousAllowed(bucket, service.blockInForce(bucket), action, AccessControl.objectArn(bucket.name(), key), call.request().remoteAddr())) {
            throw S3Errors.accessDenied();
        }
    }

    /**
     * A signed request, as AWS evaluates it: the signer's identity policies and the bucket policy
     * together, an explicit Deny in either winning. The account's root (the lab's own keys) has
     * every permission, so only a bucket policy's Deny stops it; a user or a role session needs an Allow.
     */
    private void authorizeSigned(S3Call call, String bucketName, String action, String resourceArn) {
        Optional<String> accessKey = call.scope().map(CredentialScope::accessKeyId);
        if (accessKey.isEmpty()) {
            return; // an Authorization header that names no key: the operation answers as S3 does for it
        }
        PolicyDocument bucketPolicy = service.findBucket(bucketName).map(AccessControl::policyOf).orElse(null);
        Evaluation evaluation = signers.authorize(accessKey.get(), action, resourceArn,
                PolicyEngine.context(call.request().remoteAddr(), false), bucketPolicy);
        if (!evaluation.isAllowed()) {
            throw S3Errors.accessDenied();
        }
    }

    /**
     * GetObject/HeadObject by an anonymous caller: the policy (or a public-read object ACL that
     * IgnorePublicAcls does not cancel) must grant s3:GetObject. A missing key is 404 only for a
     * caller who may list the bucket; anyone else gets 403, so keys cannot be probed.
     */
    private void authorizeRead(S3Call call) {
        if (call.signed()) {
            authorizeSigned(call, call.bucket(), "s3:GetObject", AccessControl.objectArn(call.bucket(), call.key()));
            return;
        }
        Bucket bucket = service.bucket(call.bucket());
        String ip = call.request().remoteAddr();
        var object = service.findObjectMetadata(bucket.name(), call.key());
        if (object.isEmpty()) {
            if (AccessControl.anonymousAllowed(bucket, service.blockInForce(bucket), "s3:ListBucket", AccessControl.bucketArn(bucket.name()), ip)) {
                return; // the operation answers NoSuchKey
            }
            throw S3Errors.accessDenied();
        }
        boolean allowed = AccessControl.anonymousAllowed(bucket, service.blockInForce(bucket), "s3:GetObject", AccessControl.objectArn(bucket.name(), call.key()), ip)
                || AccessControl.publicAclHonoured(service.blockInForce(bucket), object.get().publicRead());
        if (!allowed) {
            throw S3Errors.accessDenied();
        }
    }

    private void authorizeCopySource(S3Call call, String sourceBucket, String sourceKey) {
        if (call.signed()) {
            authorizeSigned(call, sourceBucket, "s3:GetObject", AccessControl.objectArn(sourceBucket, sourceKey));
            return;
        }
        Bucket bucket = service.bucket(sourceBucket);
        if (!AccessControl.anonymousAllowed(bucket, service.blockInForce(bucket), "s3:GetObject", AccessControl.objectArn(sourceBucket, sourceKey), call.request().remoteAddr())) {
            throw S3Errors.accessDenied();
        }
    }
}
