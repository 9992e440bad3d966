package dev.chatlab.localcloud.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * IAM's policy evaluation logic for requests inside one account: an explicit Deny in any
 * policy wins; otherwise an Allow in an identity policy or in the resource policy allows;
 * otherwise the request is implicitly denied. Every authorisation decision in localcloud
 * (S3's anonymous reads, Lambda's role credentials, the policy simulator) comes from here.
 *
 * <p>Policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team}}) are substituted in
 * Resource and Condition values of 2012-10-17 policies from the request context.
 *
 * <p>Differences from AWS: no permissions boundaries, session policies, SCPs or
 * cross-account rules (the lab has one account).
 */
public final class PolicyEngine {

    public Evaluation evaluate(AuthorizationRequest request, List<PolicyDocument> identityPolicies, PolicyDocument resourcePolicy) {
        List<Evaluation.MatchedStatement> allows = new ArrayList<>();
        List<Evaluation.MatchedStatement> denies = new ArrayList<>();
        for (PolicyDocument policy : identityPolicies) {
            collect(request, policy, false, allows, denies);
        }
        if (resourcePolicy != null) {
            collect(request, resourcePolicy, true, allows, denies);
        }
        if (!denies.isEmpty()) {
            return new Evaluation(Decision.EXPLICIT_DENY, List.copyOf(denies));
        }
        if (!allows.isEmpty()) {
            return new Evaluation(Decision.ALLOWED, List.copyOf(allows));
        }
        return new Evaluation(Decision.IMPLICIT_DENY, List.of());
    }

    private static void collect(AuthorizationRequest request, PolicyDocument policy, boolean resourcePolicy,
                                List<Evaluation.MatchedStatement> allows, List<Evaluation.MatchedStatement> denies) {
        for (Statement statement : policy.statements()) {
            if (applies(statement, request, resourcePolicy, policy.isCurrentVersion())) {
                (statement.allow() ? allows : denies).add(new Evaluation.MatchedStatement(policy, statement));
            }
        }
    }

    static boolean applies(Statement statement, AuthorizationRequest request, boolean resourcePolicy, boolean variables) {
        return coversRequest(statement, request, resourcePolicy, variables)
                && ConditionEvaluator.holds(statement.conditions(), request.context(), variables);
    }

    /**
     * The condition keys that statements covering this request (by principal, action and resource)
     * test but the request context lacks: the simulator's MissingContextValues.
     */
    public static List<String> missingContextKeys(AuthorizationRequest request, List<PolicyDocument> identityPolicies, PolicyDocument resourcePolicy) {
        Set<String> missing = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<PolicyDocument> all = new ArrayList<>(identityPolicies);
        if (resourcePolicy != null) {
            all.add(resourcePolicy);
        }
        for (PolicyDocument policy : all) {
            for (Statement statement : policy.statements()) {
                if (coversRequest(statement, request, policy == resourcePolicy, policy.isCurrentVersion())) {
                    statement.conditions().values().forEach(keys -> keys.keySet().stream()
                            .filter(key -> ConditionEvaluator.lookup(request.context(), key) == null)
                            .forEach(missing::add));
                }
            }
        }
        return List.copyOf(missing);
    }

    private static boolean coversRequest(Statement statement, AuthorizationRequest request, boolean resourcePolicy, boolean variables) {
        if (resourcePolicy && !principalMatches(statement, request.principal())) {
            return false;
        }
        boolean actionListed = statement.actions().stream().anyMatch(pattern -> Wildcard.matches(pattern, request.action(), true));
        if (actionListed == statement.notAction()) {
            return false;
        }
        if (statement.hasResource()) {
            boolean resourceListed = statement.resources().stream()
                    .map(pattern -> variables ? PolicyVariables.substitute(pattern, request.context()) : Optional.of(pattern))
                    .flatMap(Optional::stream)
                    .anyMatch(pattern -> Wildcard.matches(pattern, request.resource(), false));
            if (resourceListed == statement.notResource()) {
                return false;
            }
        }
        return true;
    }

    static boolean principalMatches(Statement statement, Principal principal) {
        boolean listed = statement.principals().entrySet().stream()
                .anyMatch(entry -> entry.getValue().stream().anyMatch(value -> principalValueMatches(entry.getKey(), value, principal)));
        return listed != statement.notPrincipal();
    }

    private static boolean principalValueMatches(String type, String value, Principal principal) {
        if (type.equals("*") || (type.equals("AWS") && value.equals("*"))) {
            return true; // "everyone", anonymous callers included
        }
        if (!type.equals(principal.type())) {
            return false;
        }
        if (type.equals("Service")) {
            return value.equals(principal.id());
        }
        // AWS: an account id or its root ARN names every principal of the account; a role ARN
        // also names that role's assumed-role sessions.
        if (value.equals(principal.accountId()) || value.equals("arn:aws:iam::" + principal.accountId() + ":root")) {
            return true;
        }
        return value.equals(principal.id()) || value.equals(roleOfSession(principal.id()));
    }

    /** arn:aws:sts::123:assumed-role/name/session names the role arn:aws:iam::123:role/name. */
    static String roleOfSession(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("sts") || !parts[5].startsWith("assumed-role/")) {
            return arn;
        }
        String[] path = parts[5].split("/");
        return "arn:aws:iam::" + parts[4] + ":role/" + path[1];
    }

    /** The request context keys every localcloud service can provide. */
    public static Map<String, List<String>> context(String sourceIp, boolean secureTransport) {
        return Map.of("aws:SourceIp", List.of(sourceIp), "aws:SecureTransport", List.of(String.valueOf(secureTransport)));
    }
}
