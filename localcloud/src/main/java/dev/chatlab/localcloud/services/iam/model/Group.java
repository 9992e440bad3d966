package dev.chatlab.localcloud.services.iam.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An IAM group as stored: its identity and its policies, which every member gets. */
public record Group(String groupName, String groupId, String arn, String path, String createDate,
                    List<String> attachedPolicies, Map<String, String> inlinePolicies) implements PolicyHolder<Group> {

    public Group {
        attachedPolicies = List.copyOf(attachedPolicies == null ? List.of() : attachedPolicies);
        inlinePolicies = Collections.unmodifiableMap(new LinkedHashMap<>(inlinePolicies == null ? Map.of() : inlinePolicies));
    }

    @Override
    public String name() {
        return groupName;
    }

    @Override
    public Group withAttachedPolicies(List<String> arns) {
        return new Group(groupName, groupId, arn, path, createDate, arns, inlinePolicies);
    }

    @Override
    public Group withInlinePolicies(Map<String, String> policies) {
        return new Group(groupName, groupId, arn, path, createDate, attachedPolicies, policies);
    }
}
