package dev.chatlab.localcloud.services.sts;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.policy.AuthorizationRequest;
import dev.chatlab.localcloud.policy.Decision;
import dev.chatlab.localcloud.policy.Evaluation;
import dev.chatlab.localcloud.policy.MalformedPolicyException;
import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyEngine;
import dev.chatlab.localcloud.policy.PolicyKind;
import dev.chatlab.localcloud.policy.Principal;
import dev.chatlab.localcloud.policy.Statement;
import dev.chatlab.localcloud.services.iam.IamAuthorizer;
import dev.chatlab.localcloud.services.iam.IamService;
import dev.chatlab.localcloud.services.iam.RoleSessions;
import dev.chatlab.localcloud.services.iam.model.CallerIdentity;
import dev.chatlab.localcloud.services.iam.model.Role;
import dev.chatlab.localcloud.services.iam.model.SessionCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * STS: who is calling (GetCallerIdentity) and role sessions (AssumeRole), plus the Java entry
 * point through which localcloud's Lambda gives each function its execution role's credentials.
 *
 * <p>A role's trust policy decides who may assume it. As on AWS, the account's root user (the
 * lab's {@code test}/{@code test} keys) may not assume roles at all: AssumeRole is for role
 * sessions (role chaining, at most one hour) and for AWS services.
 */
public final class StsService {

    public static final String ASSUME_ROLE = "sts:AssumeRole";
    /** AWS's default session length. */
    public static final int DEFAULT_DURATION_SECONDS = 3600;
    /** Role chaining is limited to one hour. */
    static final int CHAINED_SESSION_LIMIT = 3600;

    private final IamService iam;
    private final RoleSessions sessions;
    private final IamAuthorizer authorizer;
    private final PolicyEngine engine = new PolicyEngine();
    private final Clock clock;
    private final Duration rolePropagation;

    /**
     * @param rolePropagation how long a new role cannot be assumed by an AWS service yet (IAM is
     *                        eventually consistent: on AWS, Lambda refuses a role of a few seconds)
     */
    public StsService(IamService iam, RoleSessions sessions, IamAuthorizer authorizer, Clock clock,
                      Duration rolePropagation) {
        this.iam = iam;
        this.sessions = sessions;
        this.authorizer = authorizer;
        this.clock = clock;
        this.rolePropagation = rolePropagation;
    }

    /** GetCallerIdentity: needs no permission, so it answers for every valid key. */
    public CallerIdentity getCallerIdentity(String accessKeyId) {
        return authorizer.identify(accessKeyId);
    }

    /**
     * AssumeRole by the holder of {@code callerAccessKeyId}.
     *
     * @param externalId  the caller's ExternalId (the trust policy may test sts:ExternalId); may be null
     * @param sourceIp    the caller's address, for aws:SourceIp conditions
     * @param sessionPolicies the Policy and the PolicyArns' documents that limit the session (may be empty)
     */
    public SessionCredentials assumeRole(String callerAccessKeyId, String roleArn, String sessionName,
                                         Integer durationSeconds, String externalId, String sourceIp, List<String> sessionPolicies) {
        CallerIdentity caller = authorizer.identify(callerAccessKeyId);
        if (caller.isRoot()) {
            throw new AwsException("AccessDenied", 403, "Roles may not be assumed by root accounts.");
        }
        Role role = iam.findRoleByArn(roleArn).orElseThrow(() -> notAuthorized(caller, roleArn));
        int duration = durationSeconds == null ? DEFAULT_DURATION_SECONDS : durationSeconds;
        if (duration > CHAINED_SESSION_LIMIT) {
            throw new AwsException("ValidationError", 400,
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        Map<String, List<String>> context = new LinkedHashMap<>();
        context.put("sts:RoleSessionName", List.of(sessionName));
        if (externalId != null) {
            context.put("sts:ExternalId", List.of(externalId));
        }
        if (sourceIp != null) {
            context.put("aws:SourceIp", List.of(sourceIp));
        }
        Evaluation identity = authorizer.evaluate(caller, ASSUME_ROLE, roleArn, context, null);
        Evaluation trust = trustEvaluation(role, authorizer.principalOf(caller), withPrincipalKeys(context, caller));
        boolean denied = identity.decision() == Decision.EXPLICIT_DENY
                || trust.decision() == Decision.EXPLICIT_DENY;
        boolean trusted = trust.isAllowed() && (identity.isAllowed() || namesCallerExplicitly(trust, caller));
        if (denied || !trusted) {
            throw notAuthorized(caller, roleArn);
        }
        return sessions.issue(role, sessionName, duration, sessionPolicies);
    }

    /**
     * The documents of AssumeRole's session policies: the inline Policy (checked as IAM checks an
     * identity policy) and the default versions of the PolicyArns.
     */
    public List<String> sessionPolicies(String inlinePolicy, List<String> policyArns) {
        List<String> documents = new ArrayList<>();
        if (inlinePolicy != null) {
            try {
                PolicyDocument.parse(inlinePolicy, PolicyKind.IDENTITY);
            } catch (MalformedPolicyException e) {
                throw new AwsException("MalformedPolicyDocument", 400, e.getMessage());
            }
            documents.add(inlinePolicy);
        }
        for (String arn : policyArns) {
            documents.add(iam.policies().find(arn)
                    .orElseThrow(() -> new AwsException("InvalidParameterValue", 400, "Policy " + arn + " does not exist."))
                    .defaultVersion().document());
        }
        return documents;
    }

    /**
     * What Lambda does before it runs a function: assume the function's execution role as the
     * service {@code servicePrincipal} ("lambda.amazonaws.com"). Succeeds only when the role's
     * trust policy allows that service sts:AssumeRole.
     *
     * @throws AwsException AccessDenied when the role does not exist or does not trust the service
     */
    public SessionCredentials credentialsForServicePrincipal(String roleArn, String servicePrincipal, String sessionName) {
        return credentialsForServicePrincipal(roleArn, servicePrincipal, sessionName, DEFAULT_DURATION_SECONDS);
    }

    public SessionCredentials credentialsForServicePrincipal(String roleArn, String servicePrincipal, String sessionName, int durationSeconds) {
        return credentialsForServicePrincipal(roleArn, servicePrincipal, sessionName, durationSeconds, Map.of());
    }

    /**
     * The same, with the context keys the service sets for the trust policy's conditions
     * (e.g. {@code aws:SourceAccount}, {@code aws:SourceArn}).
     */
    public SessionCredentials credentialsForServicePrincipal(String roleArn, String servicePrincipal, String sessionName,
                                                             int durationSeconds, Map<String, List<String>> context) {
        String message = "The role " + roleArn + " cannot be assumed by " + servicePrincipal
                + ": its trust policy must allow sts:AssumeRole to the service principal " + servicePrincipal + ".";
        Role role = iam.findRoleByArn(roleArn).orElseThrow(() -> new AwsException("AccessDenied", 403, message));
        if (!propagated(role)) {
            throw new AwsException("AccessDenied", 403, "The role " + roleArn + " was created moments ago and has not propagated to "
                    + servicePrincipal + " yet: retry in a few seconds.");
        }
        Evaluation trust = trustEvaluation(role, Principal.service(servicePrincipal), context);
        if (!trust.isAllowed()) {
            throw new AwsException("AccessDenied", 403, message);
        }
        return sessions.issue(role, sessionName, Math.min(durationSeconds, role.maxSessionDuration()));
    }

    /**
     * Whether the role has reached the other services. Measured from its CreateDate, which IAM
     * keeps in whole seconds (as AWS shows it), so the window is up to a second shorter than
     * the timing's.
     */
    private boolean propagated(Role role) {
        if (rolePropagation.isZero()) {
            return true;
        }
        return !clock.instant().isBefore(Instant.parse(role.createDate()).plus(rolePropagation));
    }

    private Evaluation trustEvaluation(Role role, Principal principal, Map<String, List<String>> context) {
        PolicyDocument trust = iam.trustPolicy(role);
        return engine.evaluate(new AuthorizationRequest(principal, ASSUME_ROLE, role.arn(), context), List.of(), trust);
    }

    private Map<String, List<String>> withPrincipalKeys(Map<String, List<String>> context, CallerIdentity caller) {
        Map<String, List<String>> full = new LinkedHashMap<>(context);
        full.put("aws:PrincipalArn", List.of(caller.roleName().flatMap(iam::findRole).map(Role::arn).orElse(caller.arn())));
        full.put("aws:PrincipalAccount", List.of(caller.account()));
        full.put("aws:userid", List.of(caller.userId()));
        return full;
    }

    /**
     * A trust policy that names the caller itself (its session ARN or its role's ARN) grants on its
     * own; one that names only the account delegates to the caller's identity policies.
     */
    private boolean namesCallerExplicitly(Evaluation trust, CallerIdentity caller) {
        String roleArn = caller.roleName().flatMap(iam::findRole).map(Role::arn).orElse("");
        for (Evaluation.MatchedStatement matched : trust.matchedStatements()) {
            Statement statement = matched.statement();
            List<String> named = statement.principals().getOrDefault("AWS", List.of());
            if (!statement.notPrincipal() && (named.contains(caller.arn()) || named.contains(roleArn))) {
                return true;
            }
        }
        return false;
    }

    private static AwsException notAuthorized(CallerIdentity caller, String roleArn) {
        return new AwsException("AccessDenied", 403, IamAuthorizer.notAuthorized(caller, ASSUME_ROLE, roleArn));
    }
}
