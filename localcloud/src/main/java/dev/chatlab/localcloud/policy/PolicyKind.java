package dev.chatlab.localcloud.policy;

/** Where a policy document is attached: this decides which elements its grammar allows. */
public enum PolicyKind {
    /** Attached to a role, user or group (managed or inline): no Principal. */
    IDENTITY,
    /** Attached to a resource (S3 bucket policy, Lambda function policy): Principal required. */
    RESOURCE,
    /** A role's trust policy: Principal required, actions are sts:AssumeRole and friends. */
    TRUST
}
