package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** AWS::S3::BucketPolicy: PutBucketPolicy on {@code Bucket}; deleting it deletes the policy. Ref is the bucket's name. */
final class S3BucketPolicyProvider extends TypedProvider {

    S3BucketPolicyProvider() {
        super("AWS::S3::BucketPolicy", Set.of("Bucket"), Set.of());
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        String bucket = request.required("Bucket");
        request.calls().restRaw("s3", "S3", "PUT", "/" + bucket, "policy", "application/json", request.document("PolicyDocument"));
        return Provisioned.of(bucket);
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current, JsonNode previousProperties) {
        return create(request);
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        request.calls().restXml("s3", "S3", "DELETE", "/" + current.physicalId(), "policy", null);
    }
}
