package dev.chatlab.localcloud.services.apigateway.websocket.runtime;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.protocol.CredentialScope;
import dev.chatlab.localcloud.services.iam.IamAuthorizer;
import java.util.Map;

/**
 * @connections callers are checked by IAM's policy engine: the caller's identity (the lab's
 * root keys, or a Lambda function's role session) needs {@code execute-api:ManageConnections}
 * on the connection's ARN; otherwise 403 ForbiddenException, as on AWS.
 */
public final class IamConnectionAuthorizer implements ConnectionAuthorizer {

    private final IamAuthorizer iam;

    public IamConnectionAuthorizer(IamAuthorizer iam) {
        this.iam = iam;
    }

    @Override
    public void authorize(AwsRequest request, String action, String resourceArn) {
        String accessKeyId = CredentialScope.of(request).map(CredentialScope::accessKeyId).orElse(null);
        AwsException denied;
        try {
            if (iam.authorize(accessKeyId, action, resourceArn, Map.of()).isAllowed()) {
                return;
            }
            denied = new AwsException("ForbiddenException", 403, "User: " + iam.identify(accessKeyId).arn()
                    + " is not authorized to perform: " + action + " on resource: " + resourceArn);
        } catch (AwsException e) {
            // an unknown or expired session key: refused as API Gateway refuses it
            denied = new AwsException("ForbiddenException", 403, e.getMessage());
        }
        throw denied;
    }
}
