package dev.chatlab.localcloud.services.apigateway.websocket.runtime;

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
     * Every signed caller may manage every connection: the runtime's default before
     * {@link IamConnectionAuthorizer} is plugged in (ServiceCatalog does it).
     */
    ConnectionAuthorizer ALLOW_SIGNED_CALLERS = (request, action, resourceArn) -> {
    };
}
