package dev.chatlab.localcloud.services.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.cloudformation.model.ResourceChange;
import dev.chatlab.localcloud.services.cloudformation.model.Stack;
import dev.chatlab.localcloud.services.cloudformation.model.StackResource;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceProvider;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceProviders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a change set would do to a stack: Add for a resource the stack lacks, Remove for one the
 * template no longer has, Modify for one whose properties differ, with Replacement "True" when a
 * changed property replaces it on AWS ("Conditional" when the new value is known only once a
 * resource it refers to is replaced), and each changed property as a detail.
 */
public final class ChangePlanner {

    private final ResourceProviders providers;
    private final String accountId;
    private final Function<String, JsonNode> exports;

    public ChangePlanner(ResourceProviders providers, String accountId, Function<String, JsonNode> exports) {
        this.providers = providers;
        this.accountId = accountId;
        this.exports = exports;
    }

    public List<ResourceChange> plan(Stack stack, DesiredStack desired) {
        Map<String, StackResource> existing = new LinkedHashMap<>(stack.resources);
        StackContext context = new StackContext(desired.template(), desired.parameters(), stack.region, accountId, stack.stackName,
                stack.stackId, existing, exports);
        List<ResourceChange> changes = new ArrayList<>();
        for (String logicalId : desired.dependencies().creationOrder()) {
            if (!context.included(logicalId)) {
                continue;
            }
            JsonNode definition = desired.template().resources().get(logicalId);
            String type = definition.path("Type").asText();
            StackResource old = existing.get(logicalId);
            if (old == null) {
                context.markUnknown(logicalId);
                changes.add(new ResourceChange("Add", logicalId, null, type, null, List.of(), List.of()));
                continue;
            }
            ResourceChange modify = modify(logicalId, definition, old, context);
            if (modify != null) {
                changes.add(modify);
            }
        }
        for (StackResource old : stack.resources.values()) {
            String id = old.logicalResourceId();
            if (!desired.template().resources().containsKey(id) || !context.included(id)) {
                changes.add(new ResourceChange("Remove", id, old.physicalResourceId(), old.resourceType(), null, List.of(), List.of()));
            }
        }
        return changes;
    }

    private ResourceChange modify(String logicalId, JsonNode definition, StackResource old, StackContext context) {
        JsonNode properties;
        try {
            properties = context.resolve(definition.path("Properties"));
        } catch (AwsException e) {
            properties = Json.object().put("*", StackContext.KNOWN_AFTER_APPLY);
        }
        if (properties.equals(old.properties())) {
            return null;
        }
        ResourceProvider provider = providers.of(old.resourceType()).orElseThrow();
        List<ResourceChange.Detail> details = new ArrayList<>();
        String replacement = "False";
        for (String property : Changes.changed(old.properties(), properties)) {
            boolean dynamic = properties.path(property).toString().contains(StackContext.KNOWN_AFTER_APPLY);
            boolean replaces = provider.replaces(property);
            if (replaces) {
                replacement = dynamic && !replacement.equals("True") ? "Conditional" : "True";
            }
            details.add(new ResourceChange.Detail(property, replaces ? (dynamic ? "Conditionally" : "Always") : "Never",
                    dynamic ? "Dynamic" : "Static", dynamic ? "ResourceReference" : "DirectModification", null));
        }
        if (!replacement.equals("False")) {
            context.markUnknown(logicalId);
        }
        return new ResourceChange("Modify", logicalId, old.physicalResourceId(), old.resourceType(), replacement, List.of("Properties"), details);
    }
}
