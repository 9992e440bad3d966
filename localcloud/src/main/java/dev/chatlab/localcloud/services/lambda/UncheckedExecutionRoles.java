package dev.chatlab.localcloud.services.lambda;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.lambda.model.RoleCredentials;

/**
 * Execution roles for a localcloud built without IAM: any well-formed role ARN is accepted and
 * instances get the lab's own keys. Difference from AWS: neither the role's existence nor its
 * trust policy is checked, and function code is not limited by the role's policies. Replaced by
 * the IAM-backed implementation once IAM/STS are part of localcloud.
 */
public final class UncheckedExecutionRoles implements ExecutionRoles {

    @Override
    public RoleCredentials credentialsFor(String roleArn, String functionName) {
        if (roleArn == null || !roleArn.contains(":role/")) {
            throw new AwsException("InvalidParameterValueException", 400, CANNOT_ASSUME);
        }
        return new RoleCredentials("test", "test", null);
    }
}
