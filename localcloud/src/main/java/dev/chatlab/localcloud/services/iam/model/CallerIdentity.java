package dev.chatlab.localcloud.services.iam.model;

import java.util.List;
import java.util.Optional;

/**
 * Who is behind an access key: the account's root (the lab's admin keys) or a role session.
 *
 * @param userId  what GetCallerIdentity answers as UserId: the account id for root, "AROA...:session" for a role session
 * @param arn     arn:aws:iam::000000000000:root or arn:aws:sts::000000000000:assumed-role/Role/session
 * @param roleName the role of a session; empty for root
 * @param sessionPolicies the session policies that limit a role session (JSON documents)
 */
public record CallerIdentity(String accessKeyId, String userId, String account, String arn, Optional<String> roleName,
                             List<String> sessionPolicies) {

    public boolean isRoot() {
        return roleName.isEmpty();
    }
}
