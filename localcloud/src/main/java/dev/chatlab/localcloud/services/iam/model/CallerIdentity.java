package dev.chatlab.localcloud.services.iam.model;

import java.util.List;
import java.util.Optional;

/**
 * Who is behind an access key: the account's root (the lab's admin keys), an IAM user (its
 * access key) or a role session (STS's temporary key).
 *
 * @param userId  what GetCallerIdentity answers as UserId: the account id for root, "AIDA..." for a user, "AROA...:session" for a role session
 * @param arn     arn:aws:iam::000000000000:root, arn:aws:iam::000000000000:user/Name or arn:aws:sts::000000000000:assumed-role/Role/session
 * @param roleName the role of a session; empty for root and users
 * @param userName the IAM user; empty for root and role sessions
 * @param sessionPolicies the session policies that limit a role session (JSON documents)
 */
public record CallerIdentity(String accessKeyId, String userId, String account, String arn, Optional<String> roleName,
                             Optional<String> userName, List<String> sessionPolicies) {

    public boolean isRoot() {
        return roleName.isEmpty() && userName.isEmpty();
    }
}
