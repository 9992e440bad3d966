package dev.chatlab.localcloud.services.iam.model;

import java.util.List;
import java.util.Optional;

/**
 * A managed policy: a customer managed one (arn:aws:iam::000000000000:policy/...) or one of the
 * AWS managed policies localcloud ships (arn:aws:iam::aws:policy/...).
 *
 * @param nextVersion the number the next CreatePolicyVersion gets (IAM never reuses one)
 */
public record ManagedPolicy(String policyName, String policyId, String arn, String path, String description,
                            String createDate, String updateDate, String defaultVersionId,
                            List<PolicyVersion> versions, List<Tag> tags, int nextVersion) {

    public ManagedPolicy {
        versions = List.copyOf(versions);
        tags = List.copyOf(tags == null ? List.of() : tags);
    }

    public boolean awsManaged() {
        return arn.startsWith("arn:aws:iam::aws:");
    }

    public Optional<PolicyVersion> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    public PolicyVersion defaultVersion() {
        return version(defaultVersionId).orElseThrow();
    }

    public ManagedPolicy withVersions(List<PolicyVersion> newVersions, String newDefault, int newNext, String updated) {
        return new ManagedPolicy(policyName, policyId, arn, path, description, createDate, updated, newDefault, newVersions, tags, newNext);
    }

    public ManagedPolicy withTags(List<Tag> newTags) {
        return new ManagedPolicy(policyName, policyId, arn, path, description, createDate, updateDate, defaultVersionId, versions, newTags, nextVersion);
    }
}
