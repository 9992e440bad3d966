package dev.chatlab.localcloud.services.iam.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM user as stored. Its group memberships live here (a group lists its users by asking
 * who names it), its access keys in their own map, so that a key finds its user at once.
 *
 * @param groups the lower-cased names of the groups it belongs to
 */
public record User(String userName, String userId, String arn, String path, String createDate, List<Tag> tags,
                   List<String> attachedPolicies, Map<String, String> inlinePolicies, List<String> groups) implements PolicyHolder<User> {

    public User {
        tags = List.copyOf(tags == null ? List.of() : tags);
        attachedPolicies = List.copyOf(attachedPolicies == null ? List.of() : attachedPolicies);
        inlinePolicies = Collections.unmodifiableMap(new LinkedHashMap<>(inlinePolicies == null ? Map.of() : inlinePolicies));
        groups = List.copyOf(groups == null ? List.of() : groups);
    }

    @Override
    public String name() {
        return userName;
    }

    @Override
    public User withAttachedPolicies(List<String> arns) {
        return new User(userName, userId, arn, path, createDate, tags, arns, inlinePolicies, groups);
    }

    @Override
    public User withInlinePolicies(Map<String, String> policies) {
        return new User(userName, userId, arn, path, createDate, tags, attachedPolicies, policies, groups);
    }

    public User withGroups(List<String> newGroups) {
        return new User(userName, userId, arn, path, createDate, tags, attachedPolicies, inlinePolicies, newGroups);
    }
}
