package dev.chatlab.localcloud.services.s3.access;

import dev.chatlab.localcloud.policy.AuthorizationRequest;
import dev.chatlab.localcloud.policy.MalformedPolicyException;
import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyEngine;
import dev.chatlab.localcloud.policy.PolicyKind;
import dev.chatlab.localcloud.policy.Principal;
import dev.chatlab.localcloud.services.s3.model.Bucket;
import dev.chatlab.localcloud.services.s3.model.PublicAccessBlock;
import dev.chatlab.localcloud.storage.ParsedOnce;
import java.util.List;
import java.util.Optional;

/**
 * Decides what an anonymous caller (a browser, curl, an unsigned SDK) may do in a bucket: only
 * what the bucket policy grants, minus what Block Public Access takes away. This is the
 * lesson of the lab's first steps: turning Block Public Access off grants nothing; a policy does.
 * Signed requests are IAM's to evaluate, with the bucket policy this class parses ({@link #policyOf}).
 */
public final class AccessControl {

    private static final PolicyEngine ENGINE = new PolicyEngine();
    /** Bucket policies (text inside the bucket's document), parsed once each: every anonymous read is checked against one. */
    private static final ParsedOnce<Optional<PolicyDocument>> PARSED = new ParsedOnce<>(AccessControl::parse);

    private AccessControl() {
    }

    /**
     * True when the bucket policy allows {@code action} ("s3:GetObject") on {@code resourceArn} to
     * anyone, and RestrictPublicBuckets ({@code inForce}: the bucket's and the account's settings)
     * does not cut that grant off.
     */
    public static boolean anonymousAllowed(Bucket bucket, PublicAccessBlock inForce, String action, String resourceArn, String sourceIp) {
        if (bucket.policy() == null) {
            return false;
        }
        PolicyDocument policy = parsed(bucket.policy());
        if (policy == null) {
            return false;
        }
        if (inForce.restrictPublicBuckets() && PublicPolicyAnalyzer.isPublic(policy)) {
            return false;
        }
        AuthorizationRequest request = new AuthorizationRequest(Principal.anonymous(), action, resourceArn,
                PolicyEngine.context(sourceIp == null ? "127.0.0.1" : sourceIp, false));
        return ENGINE.evaluate(request, List.of(), policy).isAllowed();
    }

    /** The bucket's policy, parsed; null when it has none (or one a stricter engine now refuses). */
    public static PolicyDocument policyOf(Bucket bucket) {
        return bucket.policy() == null ? null : parsed(bucket.policy());
    }

    /**
     * The stored policy, parsed once per distinct document. It was validated when it was put; should
     * a stricter engine refuse it later, it grants nothing rather than failing every read.
     */
    private static PolicyDocument parsed(String json) {
        return PARSED.get(json).orElse(null);
    }

    private static Optional<PolicyDocument> parse(String text) {
        try {
            return Optional.of(PolicyDocument.parse(text.strip(), PolicyKind.RESOURCE));
        } catch (MalformedPolicyException e) {
            return Optional.empty();
        }
    }

    /** A public-read object ACL counts unless IgnorePublicAcls is on. */
    public static boolean publicAclHonoured(PublicAccessBlock inForce, boolean publicAcl) {
        return publicAcl && !inForce.ignorePublicAcls();
    }

    public static String bucketArn(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    public static String objectArn(String bucket, String key) {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }
}
