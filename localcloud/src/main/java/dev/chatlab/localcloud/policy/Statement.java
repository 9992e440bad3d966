package dev.chatlab.localcloud.policy;

import java.util.List;
import java.util.Map;

/**
 * One statement of a policy, as parsed. Action/NotAction, Resource/NotResource and
 * Principal/NotPrincipal are each one list plus a flag that says which of the pair it was.
 *
 * @param principals principal type ("AWS", "Service", "Federated", "CanonicalUser") to values;
 *                   the plain {@code "Principal": "*"} is stored as {@code {"*": ["*"]}}; empty when absent
 * @param conditions operator ("StringEquals", "ForAnyValue:StringLike", "BoolIfExists", ...) to
 *                   condition key to values; empty when absent
 * @param index      position of the statement in its policy (0-based), for MatchedStatements
 */
public record Statement(String sid, boolean allow,
                        Map<String, List<String>> principals, boolean notPrincipal,
                        List<String> actions, boolean notAction,
                        List<String> resources, boolean notResource,
                        Map<String, Map<String, List<String>>> conditions,
                        int index) {

    public boolean hasPrincipal() {
        return !principals.isEmpty();
    }

    public boolean hasResource() {
        return !resources.isEmpty();
    }
}
