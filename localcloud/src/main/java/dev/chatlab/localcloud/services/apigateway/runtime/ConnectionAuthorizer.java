package dev.chatlab.localcloud.services.apigateway.runtime;

import dev.chatlab.localcloud.http.AwsRequest;

/**
 * Decides whether the caller of the @connections API may manage a connection: on AWS, the
 * caller's identity needs {@code execute-api:ManageConnections} on
 * {@code arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/@connections/<connectionId>}.
 * This is the seam to IAM's policy engine; it throws ForbiddenException (403) when denied.
 */
public interface ConnectionAuthorizer {

    void authorize(AwsRequest request, String action, String resourceArn);

    /**
     * What localcloud does until IAM's engine is wired here: every signed caller may manage
     * every connection (the lab's admin keys could on AWS too).
     */
    ConnectionAuthorizer ALLOW_SIGNED_CALLERS = (request, action, resourceArn) -> {
    };
}
