package dev.chatlab.localcloud.services.cloudformation.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One resource of a stack: what the template asked for (its resolved properties), what exists
 * (physical id, attributes) and where it is (status and reason).
 */
public record StackResource(String logicalResourceId, String resourceType, String physicalResourceId, String resourceStatus,
                            String resourceStatusReason, String lastUpdatedTimestamp, JsonNode properties, ObjectNode attributes,
                            String deletionPolicy) {

    public StackResource withStatus(String status, String reason, String timestamp) {
        return new StackResource(logicalResourceId, resourceType, physicalResourceId, status, reason, timestamp, properties, attributes, deletionPolicy);
    }
}
