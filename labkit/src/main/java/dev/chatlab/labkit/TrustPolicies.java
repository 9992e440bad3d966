package dev.chatlab.labkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a role's trust policy the way IAM reads it, for the checks: a text search for
 * "lambda.amazonaws.com" would also pass a Deny statement, or a principal that is only named
 * in a Sid.
 */
public final class TrustPolicies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ASSUME_ROLE = Set.of("sts:assumerole", "sts:*", "*");

    private TrustPolicies() {
    }

    /**
     * Whether the policy has an Allow statement that gives the service principal (e.g.
     * lambda.amazonaws.com) the action sts:AssumeRole. Statement, Action and Service may each be
     * one value or a list, and action names ignore case, as in IAM. A Deny for the same service
     * anywhere in the policy wins, as it does in IAM.
     */
    public static boolean allowsServiceToAssume(String trustPolicy, String service) {
        JsonNode policy;
        try {
            policy = JSON.readTree(trustPolicy);
        } catch (IOException e) {
            return false;
        }
        boolean allowed = false;
        for (JsonNode statement : oneOrMany(policy.path("Statement"))) {
            boolean assumeRole = oneOrMany(statement.path("Action")).stream()
                    .anyMatch(action -> ASSUME_ROLE.contains(action.asText().toLowerCase(Locale.ROOT)));
            boolean forService = oneOrMany(statement.path("Principal").path("Service")).stream()
                    .anyMatch(principal -> principal.asText().equals(service));
            if (assumeRole && forService) {
                String effect = statement.path("Effect").asText();
                if (effect.equals("Deny")) {
                    return false;
                }
                allowed |= effect.equals("Allow");
            }
        }
        return allowed;
    }

    /**
     * Everyone an Allow statement lets assume the role (sts:AssumeRole, or a wildcard that covers
     * it): service principals by name ("lambda.amazonaws.com"), other principals as
     * "AWS: arn...", "Federated: ...", or "*" for everyone. Empty for a policy that is not JSON.
     * A Deny statement is not subtracted: the list is what the policy hands out, to be named in a hint.
     */
    public static List<String> trustedPrincipals(String trustPolicy) {
        JsonNode policy;
        try {
            policy = JSON.readTree(trustPolicy);
        } catch (IOException e) {
            return List.of();
        }
        List<String> principals = new ArrayList<>();
        for (JsonNode statement : oneOrMany(policy.path("Statement"))) {
            boolean assumeRole = oneOrMany(statement.path("Action")).stream()
                    .anyMatch(action -> ASSUME_ROLE.contains(action.asText().toLowerCase(Locale.ROOT)));
            if (!assumeRole || !statement.path("Effect").asText().equals("Allow")) {
                continue;
            }
            JsonNode principal = statement.path("Principal");
            if (principal.isTextual()) {
                principals.add(principal.asText());
            }
            principal.fields().forEachRemaining(entry -> oneOrMany(entry.getValue()).forEach(value -> principals.add(
                    entry.getKey().equals("Service") ? value.asText() : entry.getKey() + ": " + value.asText())));
        }
        return principals.stream().distinct().toList();
    }

    /** A policy element that may be one value or a list, as a list. */
    static List<JsonNode> oneOrMany(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(values::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            values.add(node);
        }
        return values;
    }
}
