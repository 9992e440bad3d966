package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.policy.AuthorizationRequest;
import dev.chatlab.localcloud.policy.Decision;
import dev.chatlab.localcloud.policy.Evaluation;
import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyEngine;
import dev.chatlab.localcloud.policy.PolicyKind;
import dev.chatlab.localcloud.policy.Principal;
import dev.chatlab.localcloud.services.iam.model.AccessKey;
import dev.chatlab.localcloud.services.iam.model.CallerIdentity;
import dev.chatlab.localcloud.services.iam.model.Role;
import dev.chatlab.localcloud.services.iam.model.SessionCredentials;
import dev.chatlab.localcloud.services.iam.model.User;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place any localcloud service asks "may the holder of this access key do this?".
 *
 * <ul>
 *   <li>An access key STS issued (ASIA...) is a role session: it is evaluated against that role's
 *       attached and inline policies (and the resource's policy, when the caller passes one).</li>
 *   <li>An IAM user's access key (AKIA..., CreateAccessKey) is that user: evaluated against its own
 *       and its groups' attached and inline policies; an inactive key is refused.</li>
 *   <li>Any other access key (the lab's {@code test}/{@code test}) is the account's root user: allowed
 *       everything, except what a resource policy explicitly denies.</li>
 * </ul>
 * An expired session key is refused with ExpiredToken; an ASIA key STS never issued with
 * InvalidClientTokenId, both HTTP 403, as AWS answers them.
 */
public final class IamAuthorizer {

    /** The root user's effective identity policy: everything. */
    private static final PolicyDocument ROOT = PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
            PolicyKind.IDENTITY).withSourceId("root");

    private final IamService iam;
    private final RoleSessions sessions;
    private final Clock clock;
    private final PolicyEngine engine = new PolicyEngine();

    public IamAuthorizer(IamService iam, RoleSessions sessions, Clock clock) {
        this.iam = iam;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Who holds {@code accessKeyId}: the role session for an STS key, the user for an IAM user's key, else root (the lab's keys). */
    public CallerIdentity identify(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            // An unsigned request is anonymous, never root: use authorizeAnonymous for it.
            throw new AwsException("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
        }
        String account = iam.accountId();
        Optional<SessionCredentials> session = sessions.find(accessKeyId);
        if (session.isPresent()) {
            if (sessions.isExpired(session.get())) {
                throw new AwsException("ExpiredToken", 403, "The security token included in the request is expired");
            }
            SessionCredentials credentials = session.get();
            return new CallerIdentity(accessKeyId, credentials.assumedRoleId(), account, credentials.arn(), Optional.of(credentials.roleName()),
                    Optional.empty(), credentials.sessionPolicies());
        }
        if (accessKeyId.startsWith("ASIA")) {
            throw invalidToken();
        }
        Optional<AccessKey> userKey = iam.users().findAccessKey(accessKeyId);
        if (userKey.isPresent()) {
            User user = iam.users().findUser(userKey.get().userName()).filter(owner -> userKey.get().isActive()).orElseThrow(IamAuthorizer::invalidToken);
            return new CallerIdentity(accessKeyId, user.userId(), account, user.arn(), Optional.empty(), Optional.of(user.userName()), List.of());
        }
        return new CallerIdentity(accessKeyId, account, account, "arn:aws:iam::" + account + ":root", Optional.empty(), Optional.empty(), List.of());
    }

    /** An STS key never issued, or a user's key made inactive: AWS does not say which. */
    private static AwsException invalidToken() {
        return new AwsException("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
    }

    /** True for an IAM user's access key (active or not). */
    public boolean isUserKey(String accessKeyId) {
        return iam.users().findAccessKey(accessKeyId).isPresent();
    }

    /** The principal a resource policy sees for this caller. */
    public Principal principalOf(CallerIdentity caller) {
        return Principal.aws(caller.arn(), caller.account());
    }

    /** The identity policies in force for this caller (root: allow everything; a user: its own and its groups'). */
    public List<PolicyDocument> identityPoliciesOf(CallerIdentity caller) {
        if (caller.isRoot()) {
            return List.of(ROOT);
        }
        if (caller.userName().isPresent()) {
            return iam.users().findUser(caller.userName().get()).map(iam.users()::identityPolicies).orElse(List.of());
        }
        return iam.findRole(caller.roleName().orElseThrow()).map(iam::identityPolicies).orElse(List.of());
    }

    public Evaluation authorize(String accessKeyId, String action, String resourceArn, Map<String, List<String>> context) {
        return authorize(accessKeyId, action, resourceArn, context, null);
    }

    /**
     * Evaluates a request of the holder of {@code accessKeyId}; {@code resourcePolicy} (may be
     * null) is the policy of the resource itself (a bucket policy, a function policy).
     * The context gets the global keys IAM always sets (aws:PrincipalArn, aws:PrincipalAccount,
     * aws:userid, aws:CurrentTime, aws:EpochTime) unless the caller supplies them.
     */
    public Evaluation authorize(String accessKeyId, String action, String resourceArn,
                                Map<String, List<String>> context, PolicyDocument resourcePolicy) {
        CallerIdentity caller = identify(accessKeyId);
        return evaluate(caller, action, resourceArn, context, resourcePolicy);
    }

    /**
     * An unsigned request (a browser fetching an S3 website, an API Gateway invoke URL): only a
     * resource policy that grants the anonymous principal ("Principal": "*") can allow it.
     */
    public Evaluation authorizeAnonymous(String action, String resourceArn, Map<String, List<String>> context, PolicyDocument resourcePolicy) {
        AuthorizationRequest request = new AuthorizationRequest(Principal.anonymous(), action, resourceArn, context);
        return engine.evaluate(request, List.of(), resourcePolicy);
    }

    public Evaluation evaluate(CallerIdentity caller, String action, String resourceArn,
                               Map<String, List<String>> context, PolicyDocument resourcePolicy) {
        Map<String, List<String>> full = new HashMap<>(context == null ? Map.of() : context);
        String principalArn = caller.roleName().flatMap(iam::findRole).map(Role::arn).orElse(caller.arn());
        full.putIfAbsent("aws:PrincipalArn", List.of(principalArn));
        full.putIfAbsent("aws:PrincipalAccount", List.of(caller.account()));
        full.putIfAbsent("aws:userid", List.of(caller.userId()));
        caller.userName().ifPresent(user -> full.putIfAbsent("aws:username", List.of(user)));
        full.putIfAbsent("aws:CurrentTime", List.of(IamIds.timestamp(clock)));
        full.putIfAbsent("aws:EpochTime", List.of(String.valueOf(clock.instant().getEpochSecond())));
        AuthorizationRequest request = new AuthorizationRequest(principalOf(caller), action, resourceArn, full);
        Evaluation evaluation = engine.evaluate(request, identityPoliciesOf(caller), resourcePolicy);
        for (String sessionPolicy : caller.sessionPolicies()) {
            evaluation = limitedBySession(evaluation, engine.evaluate(request,
                    List.of(PolicyDocument.parse(sessionPolicy, PolicyKind.IDENTITY).withSourceId("session")), null));
        }
        return evaluation;
    }

    /** A session policy can only take away: its Deny wins, and without its Allow nothing is allowed. */
    private static Evaluation limitedBySession(Evaluation role, Evaluation session) {
        if (role.decision() == Decision.EXPLICIT_DENY) {
            return role;
        }
        if (session.decision() == Decision.EXPLICIT_DENY || !role.isAllowed()) {
            return session.decision() == Decision.EXPLICIT_DENY ? session : role;
        }
        return session.isAllowed() ? role : new Evaluation(Decision.IMPLICIT_DENY, List.of());
    }

    /** AWS's AccessDenied message: "User: arn:... is not authorized to perform: s3:GetObject on resource: arn:...". */
    public static String notAuthorized(CallerIdentity caller, String action, String resourceArn) {
        return "User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + resourceArn;
    }
}
