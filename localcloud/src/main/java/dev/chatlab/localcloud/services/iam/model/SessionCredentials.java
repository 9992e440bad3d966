package dev.chatlab.localcloud.services.iam.model;

/**
 * Temporary credentials issued by STS for a role session.
 *
 * @param expiration   ISO 8601 instant after which the key is refused
 * @param assumedRoleId the role id and session name, "AROA...:session"
 * @param arn          the session's ARN, arn:aws:sts::000000000000:assumed-role/RoleName/session
 */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, String expiration,
                                 String roleArn, String roleName, String assumedRoleId, String arn, String sessionName) {
}
