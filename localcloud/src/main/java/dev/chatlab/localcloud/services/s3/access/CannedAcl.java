package dev.chatlab.localcloud.services.s3.access;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.s3.model.Bucket;
import dev.chatlab.localcloud.services.s3.model.PublicAccessBlock;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import java.util.Set;

/**
 * The canned ACLs of x-amz-acl, and S3's rules for them: with Object Ownership
 * BucketOwnerEnforced (the default for new buckets) ACLs are disabled and only
 * bucket-owner-full-control is accepted; a public ACL is refused while BlockPublicAcls is on.
 */
public final class CannedAcl {

    static final Set<String> KNOWN = Set.of("private", "public-read", "public-read-write", "authenticated-read",
            "aws-exec-read", "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write");
    static final Set<String> PUBLIC = Set.of("public-read", "public-read-write", "authenticated-read");

    private CannedAcl() {
    }

    public static boolean isPublic(String acl) {
        return acl != null && PUBLIC.contains(acl);
    }

    /**
     * Validates the ACL of a PutObject/CopyObject/PutObjectAcl into {@code bucket}; null means none
     * was sent. {@code inForce}: the bucket's Block Public Access with the account's folded in.
     */
    public static void checkForObject(Bucket bucket, PublicAccessBlock inForce, String acl, boolean explicitGrants) {
        if (acl == null && !explicitGrants) {
            return;
        }
        if (acl != null && !KNOWN.contains(acl)) {
            throw S3Errors.invalidArgument("The canned ACL you provided is not valid.", "x-amz-acl", acl);
        }
        if (!bucket.aclsEnabled() && !"bucket-owner-full-control".equals(acl)) {
            throw new AwsException("AccessControlListNotSupported", 400, "The bucket does not allow ACLs");
        }
        if (isPublic(acl) && inForce.blockPublicAcls()) {
            throw S3Errors.accessDenied();
        }
    }

    /** Validates the canned ACL sent with CreateBucket, given the ownership it asks for. */
    public static void checkForNewBucket(String acl, String objectOwnership, boolean explicitGrants) {
        if (acl == null && !explicitGrants) {
            return;
        }
        if (acl != null && !KNOWN.contains(acl)) {
            throw S3Errors.invalidArgument("The canned ACL you provided is not valid.", "x-amz-acl", acl);
        }
        boolean aclsDisabled = objectOwnership == null || Bucket.BUCKET_OWNER_ENFORCED.equals(objectOwnership);
        if (aclsDisabled && !"private".equals(acl) && !"bucket-owner-full-control".equals(acl)) {
            throw new AwsException("InvalidBucketAclWithObjectOwnership", 400,
                    "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
        }
        if (isPublic(acl)) {
            // A new bucket starts with Block Public Access on, so its BlockPublicAcls refuses a public ACL.
            throw S3Errors.accessDenied();
        }
    }
}
