package dev.chatlab.localcloud.policy;

import java.util.List;

/**
 * The decision on one request and the statements that led to it: the matching Deny
 * statements for an explicit deny, the matching Allow statements for an allow.
 */
public record Evaluation(Decision decision, List<MatchedStatement> matchedStatements) {

    /** A statement that matched, with the policy it came from. */
    public record MatchedStatement(PolicyDocument policy, Statement statement) {
    }

    public boolean isAllowed() {
        return decision.isAllowed();
    }
}
