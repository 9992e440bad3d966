package dev.chatlab.localcloud.services.iam.model;

import java.util.List;
import java.util.Map;

/**
 * What IAM attaches policies to: a role, a user or a group. Each holds the ARNs of its attached
 * managed policies and its inline policies, and is stored again whole when they change.
 */
public interface PolicyHolder<T extends PolicyHolder<T>> {

    String name();

    List<String> attachedPolicies();

    /** Inline policy name to its JSON document, in creation order. */
    Map<String, String> inlinePolicies();

    T withAttachedPolicies(List<String> arns);

    T withInlinePolicies(Map<String, String> policies);
}
