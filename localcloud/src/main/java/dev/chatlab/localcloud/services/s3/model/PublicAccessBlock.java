package dev.chatlab.localcloud.services.s3.model;

/** A bucket's four S3 Block Public Access settings. */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls,
                                boolean blockPublicPolicy, boolean restrictPublicBuckets) {

    /** What a new bucket gets on AWS since April 2023: everything blocked. */
    public static final PublicAccessBlock ALL = new PublicAccessBlock(true, true, true, true);
    public static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);
}
