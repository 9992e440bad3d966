package dev.chatlab.localcloud.services.lambda;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.s3.S3Service;

/** Deployment packages given as S3Bucket/S3Key, read from localcloud's S3 as Lambda reads them from S3. */
public final class S3CodeObjects implements CodeObjects {

    private final S3Service s3;

    public S3CodeObjects(S3Service s3) {
        this.s3 = s3;
    }

    @Override
    public byte[] read(String bucket, String key) {
        try {
            return s3.getObject(bucket, key).body();
        } catch (AwsException e) {
            throw CodeObjects.getObjectFailed(e.code(), e.getMessage());
        }
    }
}
