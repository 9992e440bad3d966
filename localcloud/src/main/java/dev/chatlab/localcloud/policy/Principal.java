package dev.chatlab.localcloud.policy;

/**
 * Who makes a request, as a policy's Principal element sees it.
 *
 * @param type  "AWS" (an account, role, user or assumed-role session), "Service" (lambda.amazonaws.com),
 *              or "Anonymous" for an unsigned request
 * @param id    the ARN, service name or account id; "*" for anonymous
 * @param accountId the account the principal belongs to (empty for services and anonymous)
 */
public record Principal(String type, String id, String accountId) {

    public static Principal anonymous() {
        return new Principal("Anonymous", "*", "");
    }

    public static Principal service(String servicePrincipal) {
        return new Principal("Service", servicePrincipal, "");
    }

    public static Principal aws(String arn, String accountId) {
        return new Principal("AWS", arn, accountId);
    }

    public boolean isAnonymous() {
        return "Anonymous".equals(type);
    }
}
