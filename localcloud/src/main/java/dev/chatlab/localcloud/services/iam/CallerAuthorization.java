package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.policy.Evaluation;
import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyKind;
import dev.chatlab.localcloud.protocol.CredentialScope;
import java.util.List;
import java.util.Map;

/**
 * Asks IAM whether the signer of a request may do it, for every service that checks callers
 * (Lambda, DynamoDB): the lab's own keys are the account's root user (always allowed); a
 * function's role keys (temporary ASIA... keys from STS) and IAM users' keys are held to their
 * policies, and to the resource's policy where it has one, as AWS evaluates them.
 */
public final class CallerAuthorization {

    private final IamAuthorizer authorizer;

    public CallerAuthorization(IamAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    /**
     * True when the request is signed by someone IAM's policies may refuse: a role session (a
     * temporary key) or an IAM user. The root's keys skip the evaluation (nothing denies them here).
     */
    public boolean appliesTo(AwsRequest request) {
        return CredentialScope.of(request).map(CredentialScope::accessKeyId)
                .map(key -> key.startsWith("ASIA") || authorizer.isUserKey(key)).orElse(false);
    }

    /**
     * @throws AwsException AccessDeniedException (403) with IAM's "User: ... is not authorized to perform" message
     */
    public void check(AwsRequest request, String action, String resourceArn, String resourcePolicy) {
        String accessKey = CredentialScope.of(request).map(CredentialScope::accessKeyId).orElse(null);
        if (accessKey == null) {
            return;
        }
        PolicyDocument policy = resourcePolicy == null ? null : PolicyDocument.parse(resourcePolicy, PolicyKind.RESOURCE);
        Evaluation evaluation = authorizer.authorize(accessKey, action, resourceArn,
                Map.of("aws:SourceIp", List.of(request.remoteAddr()), "aws:SecureTransport", List.of("false")), policy);
        if (!evaluation.isAllowed()) {
            throw new AwsException("AccessDeniedException", 403,
                    IamAuthorizer.notAuthorized(authorizer.identify(accessKey), action, resourceArn));
        }
    }
}
