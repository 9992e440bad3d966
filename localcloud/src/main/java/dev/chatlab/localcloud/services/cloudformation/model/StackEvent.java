package dev.chatlab.localcloud.services.cloudformation.model;

/** One line of a stack's history, as DescribeStackEvents answers it (the stack's own events have its name as logical id). */
public record StackEvent(String eventId, String logicalResourceId, String physicalResourceId, String resourceType,
                         String timestamp, String resourceStatus, String resourceStatusReason, String resourceProperties) {
}
