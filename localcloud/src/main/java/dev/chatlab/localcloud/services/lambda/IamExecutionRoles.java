package dev.chatlab.localcloud.services.lambda;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.iam.model.SessionCredentials;
import dev.chatlab.localcloud.services.lambda.model.RoleCredentials;
import dev.chatlab.localcloud.services.lambda.runtime.ExecutionRoles;
import dev.chatlab.localcloud.services.sts.StsService;

/**
 * Execution roles through localcloud's STS: Lambda assumes the role as the service principal
 * lambda.amazonaws.com, which works only when the role exists and its trust policy allows
 * that; the instance then calls localcloud with the session's ASIA... keys, so IAM evaluates
 * the role's policies for what the function does.
 */
public final class IamExecutionRoles implements ExecutionRoles {

    static final String LAMBDA_PRINCIPAL = "lambda.amazonaws.com";

    private final StsService sts;

    public IamExecutionRoles(StsService sts) {
        this.sts = sts;
    }

    @Override
    public RoleCredentials credentialsFor(String roleArn, String functionName) {
        try {
            SessionCredentials session = sts.credentialsForServicePrincipal(roleArn, LAMBDA_PRINCIPAL, functionName);
            return new RoleCredentials(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        } catch (AwsException e) {
            if (e.status() == 403) {
                throw new AwsException("InvalidParameterValueException", 400, CANNOT_ASSUME);
            }
            throw e;
        }
    }
}
