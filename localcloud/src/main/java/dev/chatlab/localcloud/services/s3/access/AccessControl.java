package dev.chatlab.localcloud.services.s3.access;

import dev.chatlab.localcloud.services.iam.policy.AuthorizationRequest;
import dev.chatlab.localcloud.services.iam.policy.PolicyDocument;
import dev.chatlab.localcloud.services.iam.policy.PolicyEngine;
import dev.chatlab.localcloud.services.iam.policy.Principal;
import dev.chatlab.localcloud.services.s3.model.Bucket;
import java.util.List;

/**
 * Decides what an anonymous caller (a browser, curl, an unsigned SDK) may do in a bucket: only
 * what the bucket policy grants, minus what Block Public Access takes away. This is the
 * lesson of the lab's first steps: turning Block Public Access off grants nothing; a policy does.
 * Signed requests are the bucket owner's (localcloud has one account) and are not asked here.
 */
public final class AccessControl {

    private static final PolicyEngine ENGINE = new PolicyEngine();

    private AccessControl() {
    }

    /**
     * True when the bucket policy allows {@code action} ("s3:GetObject") on {@code resourceArn} to
     * anyone, and RestrictPublicBuckets does not cut that grant off.
     */
    public static boolean anonymousAllowed(Bucket bucket, String action, String resourceArn, String sourceIp) {
        if (bucket.policy() == null) {
            return false;
        }
        PolicyDocument policy = BucketPolicyValidator.validate(bucket.name(), bucket.policy());
        if (bucket.effectivePublicAccessBlock().restrictPublicBuckets() && PublicPolicyAnalyzer.isPublic(policy)) {
            return false;
        }
        AuthorizationRequest request = new AuthorizationRequest(Principal.anonymous(), action, resourceArn,
                PolicyEngine.context(sourceIp == null ? "127.0.0.1" : sourceIp, false));
        return ENGINE.evaluate(request, List.of(), policy).isAllowed();
    }

    /** A public-read object ACL counts unless IgnorePublicAcls is on. */
    public static boolean publicAclHonoured(Bucket bucket, boolean publicAcl) {
        return publicAcl && !bucket.effectivePublicAccessBlock().ignorePublicAcls();
    }

    public static String bucketArn(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    public static String objectArn(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }
}
