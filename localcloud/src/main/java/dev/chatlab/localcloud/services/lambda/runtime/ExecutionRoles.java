package dev.chatlab.localcloud.services.lambda.runtime;

import dev.chatlab.localcloud.services.lambda.model.RoleCredentials;

/**
 * How Lambda gets the credentials of a function's execution role: it assumes the role as
 * the service principal lambda.amazonaws.com, which works only when the role's trust policy
 * allows that.
 */
public interface ExecutionRoles {

    /** The message AWS gives when a role does not exist or does not trust lambda.amazonaws.com. */
    String CANNOT_ASSUME = "The role defined for the function cannot be assumed by Lambda.";

    /**
     * Credentials for one function instance.
     *
     * @throws dev.chatlab.localcloud.core.AwsException InvalidParameterValueException {@link #CANNOT_ASSUME}
     */
    RoleCredentials credentialsFor(String roleArn, String functionName);
}
