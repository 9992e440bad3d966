package dev.chatlab.localcloud.services.iam.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM role as stored: identity, trust policy, and what is attached to it. Inline policies
 * live in the role's own record (as on AWS, they are part of the role and die with it).
 *
 * @param createDate        ISO 8601 instant
 * @param attachedPolicies  managed policy ARNs, in attachment order
 * @param inlinePolicies    inline policy name to its JSON document, in creation order
 */
public record Role(String roleName, String roleId, String arn, String path, String createDate,
                   String assumeRolePolicyDocument, String description, int maxSessionDuration,
                   List<Tag> tags, List<String> attachedPolicies, Map<String, String> inlinePolicies) implements PolicyHolder<Role> {

    public Role {
        tags = List.copyOf(tags == null ? List.of() : tags);
        attachedPolicies = List.copyOf(attachedPolicies == null ? List.of() : attachedPolicies);
        inlinePolicies = Collections.unmodifiableMap(new LinkedHashMap<>(inlinePolicies == null ? Map.of() : inlinePolicies));
    }

    @Override
    public String name() {
        return roleName;
    }

    public Role withTrustPolicy(String document) {
        return new Role(roleName, roleId, arn, path, createDate, document, description, maxSessionDuration, tags, attachedPolicies, inlinePolicies);
    }

    public Role withDescription(String newDescription, int newMaxSessionDuration) {
        return new Role(roleName, roleId, arn, path, createDate, assumeRolePolicyDocument, newDescription, newMaxSessionDuration, tags, attachedPolicies, inlinePolicies);
    }

    public Role withTags(List<Tag> newTags) {
        return new Role(roleName, roleId, arn, path, createDate, assumeRolePolicyDocument, description, maxSessionDuration, newTags, attachedPolicies, inlinePolicies);
    }

    @Override
    public Role withAttachedPolicies(List<String> arns) {
        return new Role(roleName, roleId, arn, path, createDate, assumeRolePolicyDocument, description, maxSessionDuration, tags, arns, inlinePolicies);
    }

    @Override
    public Role withInlinePolicies(Map<String, String> policies) {
        return new Role(roleName, roleId, arn, path, createDate, assumeRolePolicyDocument, description, maxSessionDuration, tags, attachedPolicies, policies);
    }
}
