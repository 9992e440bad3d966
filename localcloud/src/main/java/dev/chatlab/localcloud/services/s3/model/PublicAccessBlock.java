package dev.chatlab.localcloud.services.s3.model;

/** The four S3 Block Public Access settings, of a bucket or of the whole account. */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls,
                                boolean blockPublicPolicy, boolean restrictPublicBuckets) {

    /** What a new bucket gets on AWS since April 2023: everything blocked. */
    public static final PublicAccessBlock ALL = new PublicAccessBlock(true, true, true, true);
    public static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);

    /** The settings in force when both apply (a bucket's and its account's): a flag on in either is on. */
    public PublicAccessBlock or(PublicAccessBlock other) {
        return new PublicAccessBlock(blockPublicAcls || other.blockPublicAcls, ignorePublicAcls || other.ignorePublicAcls,
                blockPublicPolicy || other.blockPublicPolicy, restrictPublicBuckets || other.restrictPublicBuckets);
    }
}
