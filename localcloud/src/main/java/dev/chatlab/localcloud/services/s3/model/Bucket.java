package dev.chatlab.localcloud.services.s3.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One bucket and its bucket-level configuration, stored as JSON in the "s3.buckets" map.
 *
 * @param region            the bucket's region (what GetBucketLocation and HeadBucket report)
 * @param createdMillis     creation time, epoch millis
 * @param tags              bucket tags (empty: no tag set, GetBucketTagging answers NoSuchTagSet)
 * @param publicAccessBlock the Block Public Access settings; null when deleted (then nothing is blocked)
 * @param policy            the bucket policy as the owner sent it; null when there is none
 * @param website           website hosting; null when off
 * @param objectOwnership   BucketOwnerEnforced (ACLs disabled, AWS's default since 2023), BucketOwnerPreferred,
 *                          ObjectWriter; null when the ownership controls were deleted
 * @param cannedAcl         the bucket's canned ACL ("private" unless set while ACLs were enabled)
 */
public record Bucket(String name, String region, long createdMillis, Map<String, String> tags,
                     PublicAccessBlock publicAccessBlock, String policy, WebsiteConfiguration website,
                     String objectOwnership, String cannedAcl) {

    public static final String BUCKET_OWNER_ENFORCED = "BucketOwnerEnforced";

    public Bucket {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        cannedAcl = cannedAcl == null ? "private" : cannedAcl;
    }

    public boolean aclsEnabled() {
        return !BUCKET_OWNER_ENFORCED.equals(objectOwnership);
    }

    /** The settings in force: a deleted configuration blocks nothing. */
    public PublicAccessBlock effectivePublicAccessBlock() {
        return publicAccessBlock == null ? PublicAccessBlock.NONE : publicAccessBlock;
    }

    public Bucket withTags(Map<String, String> newTags) {
        return new Bucket(name, region, createdMillis, newTags, publicAccessBlock, policy, website, objectOwnership, cannedAcl);
    }

    public Bucket withPublicAccessBlock(PublicAccessBlock block) {
        return new Bucket(name, region, createdMillis, tags, block, policy, website, objectOwnership, cannedAcl);
    }

    public Bucket withPolicy(String newPolicy) {
        return new Bucket(name, region, createdMillis, tags, publicAccessBlock, newPolicy, website, objectOwnership, cannedAcl);
    }

    public Bucket withWebsite(WebsiteConfiguration newWebsite) {
        return new Bucket(name, region, createdMillis, tags, publicAccessBlock, policy, newWebsite, objectOwnership, cannedAcl);
    }

    public Bucket withObjectOwnership(String ownership) {
        return new Bucket(name, region, createdMillis, tags, publicAccessBlock, policy, website, ownership, cannedAcl);
    }

    public Bucket withCannedAcl(String acl) {
        return new Bucket(name, region, createdMillis, tags, publicAccessBlock, policy, website, objectOwnership, acl);
    }
}
