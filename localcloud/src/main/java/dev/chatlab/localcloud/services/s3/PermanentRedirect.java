package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;

/**
 * A request signed for another region than the bucket's: S3 answers 301 PermanentRedirect and
 * names the bucket's region in {@code x-amz-bucket-region}, which SDKs with cross-region access
 * (and the CLI) follow. localcloud has one endpoint for all regions, so the signing region is
 * the only "endpoint" a request can have been sent to.
 */
final class PermanentRedirect extends AwsException {

    private final String bucketRegion;

    PermanentRedirect(String bucket, String bucketRegion, String endpoint) {
        super("PermanentRedirect", 301, "The bucket you are attempting to access must be addressed using the specified endpoint. "
                + "Please send all future requests to this endpoint.");
        this.bucketRegion = bucketRegion;
        withDetail("Endpoint", endpoint).withDetail("Bucket", bucket);
    }

    String bucketRegion() {
        return bucketRegion;
    }
}
