package dev.chatlab.localcloud.services.iam.model;

import dev.chatlab.localcloud.policy.StatementPositions;
import java.util.List;

/**
 * One EvaluationResult of SimulatePrincipalPolicy / SimulateCustomPolicy: one action on one resource.
 *
 * @param decision          "allowed", "explicitDeny" or "implicitDeny"
 * @param resourceSpecific  true when the caller named resources (AWS then adds ResourceSpecificResults)
 */
public record SimulationResult(String action, String resource, String decision, List<MatchedSource> matchedStatements,
                               List<String> missingContextValues, boolean resourceSpecific) {

    /**
     * Where a deciding statement came from: SourcePolicyId and SourcePolicyType ("role", "aws-managed", ...),
     * and its place in that policy's text (1-based lines and columns).
     */
    public record MatchedSource(String sourcePolicyId, String sourcePolicyType, StatementPositions.Span position) {
    }
}
