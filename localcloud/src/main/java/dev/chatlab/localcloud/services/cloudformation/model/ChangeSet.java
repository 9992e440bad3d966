package dev.chatlab.localcloud.services.cloudformation.model;

import java.util.List;
import java.util.Map;

/**
 * A change set: the template and parameters it was made with, what it would change, and where
 * it is (Status CREATE_PENDING → CREATE_COMPLETE or FAILED; ExecutionStatus AVAILABLE →
 * EXECUTE_IN_PROGRESS → EXECUTE_COMPLETE).
 */
public record ChangeSet(String changeSetId, String changeSetName, String stackId, String stackName, String changeSetType,
                        String status, String statusReason, String executionStatus, String creationTime, String description,
                        String templateBody, Map<String, String> parameters, List<String> capabilities, Map<String, String> tags,
                        List<ResourceChange> changes) {

    public ChangeSet withStatus(String newStatus, String reason, String newExecutionStatus, List<ResourceChange> newChanges) {
        return new ChangeSet(changeSetId, changeSetName, stackId, stackName, changeSetType, newStatus, reason, newExecutionStatus,
                creationTime, description, templateBody, parameters, capabilities, tags, newChanges);
    }
}
