package dev.chatlab.localcloud.services.iam.model;

import java.util.List;

/**
 * Temporary credentials issued by STS for a role session.
 *
 * @param expiration   ISO 8601 instant after which the key is refused
 * @param assumedRoleId the role id and session name, "AROA...:session"
 * @param arn          the session's ARN, arn:aws:sts::000000000000:assumed-role/RoleName/session
 * @param sessionPolicies the session policies given to AssumeRole (JSON documents): the session may do only
 *                     what both the role's policies and every one of these allow
 */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, String expiration,
                                 String roleArn, String roleName, String assumedRoleId, String arn, String sessionName,
                                 List<String> sessionPolicies) {

    public SessionCredentials {
        sessionPolicies = sessionPolicies == null ? List.of() : List.copyOf(sessionPolicies);
    }
}
