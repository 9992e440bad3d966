package dev.chatlab.localcloud.services.s3.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The S3 actions a bucket policy may name, split by the resource they apply to (the bucket
 * ARN or an object ARN), as the Service Authorization Reference lists them. A bucket policy
 * naming an action that applies to none of its resources is refused by S3.
 */
final class S3Actions {

    static final Set<String> OBJECT_ACTIONS = lower(
            "AbortMultipartUpload", "BypassGovernanceRetention", "DeleteObject", "DeleteObjectTagging",
            "DeleteObjectVersion", "DeleteObjectVersionTagging", "GetObject", "GetObjectAcl", "GetObjectAttributes",
            "GetObjectLegalHold", "GetObjectRetention", "GetObjectTagging", "GetObjectTorrent", "GetObjectVersion",
            "GetObjectVersionAcl", "GetObjectVersionAttributes", "GetObjectVersionForReplication",
            "GetObjectVersionTagging", "GetObjectVersionTorrent", "InitiateReplication", "ListMultipartUploadParts",
            "ObjectOwnerOverrideToBucketOwner", "PutObject", "PutObjectAcl", "PutObjectLegalHold",
            "PutObjectRetention", "PutObjectTagging", "PutObjectVersionAcl", "PutObjectVersionTagging",
            "ReplicateDelete", "ReplicateObject", "ReplicateTags", "RestoreObject");

    static final Set<String> BUCKET_ACTIONS = lower(
            "CreateBucket", "DeleteBucket", "DeleteBucketOwnershipControls", "DeleteBucketPolicy",
            "DeleteBucketWebsite", "GetAccelerateConfiguration", "GetAnalyticsConfiguration", "GetBucketAcl",
            "GetBucketCORS", "GetBucketLocation", "GetBucketLogging", "GetBucketNotification",
            "GetBucketObjectLockConfiguration", "GetBucketOwnershipControls", "GetBucketPolicy",
            "GetBucketPolicyStatus", "GetBucketPublicAccessBlock", "GetBucketRequestPayment", "GetBucketTagging",
            "GetBucketVersioning", "GetBucketWebsite", "GetEncryptionConfiguration",
            "GetIntelligentTieringConfiguration", "GetInventoryConfiguration", "GetLifecycleConfiguration",
            "GetMetricsConfiguration", "GetReplicationConfiguration", "ListBucket", "ListBucketMultipartUploads",
            "ListBucketVersions", "PutAccelerateConfiguration", "PutAnalyticsConfiguration", "PutBucketAcl",
            "PutBucketCORS", "PutBucketLogging", "PutBucketNotification", "PutBucketObjectLockConfiguration",
            "PutBucketOwnershipControls", "PutBucketPolicy", "PutBucketPublicAccessBlock", "PutBucketRequestPayment",
            "PutBucketTagging", "PutBucketVersioning", "PutBucketWebsite", "PutEncryptionConfiguration",
            "PutIntelligentTieringConfiguration", "PutInventoryConfiguration", "PutLifecycleConfiguration",
            "PutMetricsConfiguration", "PutReplicationConfiguration", "DeleteBucketTagging");

    private S3Actions() {
    }

    enum Target { BUCKET, OBJECT, ANY, UNKNOWN }

    /** What an action of a policy applies to; a wildcard action may apply to both. */
    static Target target(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        if (lower.equals("*") || lower.equals("s3:*")) {
            return Target.ANY;
        }
        if (!lower.startsWith("s3:")) {
            return Target.UNKNOWN;
        }
        String name = lower.substring(3);
        if (name.contains("*") || name.contains("?")) {
            return Target.ANY;
        }
        if (OBJECT_ACTIONS.contains(name)) {
            return Target.OBJECT;
        }
        return BUCKET_ACTIONS.contains(name) ? Target.BUCKET : Target.UNKNOWN;
    }

    private static Set<String> lower(String... names) {
        return Arrays.stream(names).map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
