package dev.chatlab.localcloud.services.cloudformation.model;

import java.util.List;

/**
 * One change of a change set: Add, Modify or Remove of a resource, and for Modify whether AWS
 * would replace it ("True", "False") and which properties differ.
 */
public record ResourceChange(String action, String logicalResourceId, String physicalResourceId, String resourceType,
                             String replacement, List<String> scope, List<Detail> details) {

    /** One changed property: "Static" when the template changed it, "Dynamic" when a resource it refers to changes. */
    public record Detail(String name, String requiresRecreation, String evaluation, String changeSource, String causingEntity) {
    }
}
