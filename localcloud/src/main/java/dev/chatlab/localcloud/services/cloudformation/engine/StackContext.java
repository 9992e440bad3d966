package dev.chatlab.localcloud.services.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.chatlab.localcloud.services.cloudformation.model.StackResource;
import dev.chatlab.localcloud.services.cloudformation.template.Intrinsics;
import dev.chatlab.localcloud.services.cloudformation.template.ParameterValues;
import dev.chatlab.localcloud.services.cloudformation.template.Template;
import dev.chatlab.localcloud.services.cloudformation.template.TemplateError;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a template's functions read while one stack operation runs: the parameters, the pseudo
 * parameters, the conditions (each evaluated once), the mappings, the exports of other stacks,
 * and the resources made so far ({@code Ref} is a resource's physical id).
 */
public final class StackContext implements Intrinsics.Context {

    /** What a change set shows for a value that is known only once the change is made. */
    public static final String KNOWN_AFTER_APPLY = Intrinsics.KNOWN_AFTER_APPLY;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Template template;
    private final ParameterValues parameters;
    private final String region;
    private final String accountId;
    private final String stackName;
    private final String stackId;
    private final Map<String, StackResource> resources;
    private final Function<String, JsonNode> exports;
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();
    private final Intrinsics intrinsics = new Intrinsics(this);
    /** Resources whose Ref and attributes are not known yet (a change set's planning). */
    private final Set<String> unknown = new HashSet<>();

    public StackContext(Template template, ParameterValues parameters, String region, String accountId, String stackName, String stackId,
                        Map<String, StackResource> resources, Function<String, JsonNode> exports) {
        this.template = template;
        this.parameters = parameters;
        this.region = region;
        this.accountId = accountId;
        this.stackName = stackName;
        this.stackId = stackId;
        this.resources = resources;
        this.exports = exports;
    }

    public JsonNode resolve(JsonNode value) {
        return intrinsics.resolve(value);
    }

    /** From now on {@code Ref} and {@code Fn::GetAtt} of this resource answer {@link #KNOWN_AFTER_APPLY}. */
    public void markUnknown(String logicalId) {
        unknown.add(logicalId);
    }

    /** True when the resource's Condition (if any) holds. */
    public boolean included(String logicalId) {
        JsonNode condition = template.resources().get(logicalId).get("Condition");
        return condition == null || condition(condition.asText());
    }

    @Override
    public JsonNode ref(String name) {
        if (parameters.has(name)) {
            return parameters.ref(name);
        }
        switch (name) {
            case "AWS::Region":
                return NODES.textNode(region);
            case "AWS::AccountId":
                return NODES.textNode(accountId);
            case "AWS::StackName":
                return NODES.textNode(stackName);
            case "AWS::StackId":
                return NODES.textNode(stackId);
            case "AWS::Partition":
                return NODES.textNode("aws");
            case "AWS::URLSuffix":
                return NODES.textNode("amazonaws.com");
            case "AWS::NotificationARNs":
                return NODES.arrayNode();
            default:
                break;
        }
        if (unknown.contains(name)) {
            return NODES.textNode(KNOWN_AFTER_APPLY);
        }
        StackResource resource = resources.get(name);
        if (resource != null && resource.physicalResourceId() != null) {
            return NODES.textNode(resource.physicalResourceId());
        }
        if (template.resources().containsKey(name)) {
            throw TemplateError.evaluation("Unresolved resource dependency " + name + ": the resource is not created (its Condition is false)");
        }
        throw TemplateError.format("Unresolved resource dependencies [" + name + "] in the Resources block of the template");
    }

    @Override
    public JsonNode attribute(String logicalId, String attribute) {
        if (!template.resources().containsKey(logicalId)) {
            throw TemplateError.evaluation("instance of Fn::GetAtt references undefined resource " + logicalId);
        }
        if (unknown.contains(logicalId)) {
            return NODES.textNode(KNOWN_AFTER_APPLY);
        }
        StackResource resource = resources.get(logicalId);
        JsonNode value = resource == null || resource.attributes() == null ? null : resource.attributes().get(attribute);
        if (value == null) {
            throw TemplateError.evaluation("resource " + logicalId + " does not support attribute type " + attribute + " in Fn::GetAtt");
        }
        return value;
    }

    @Override
    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = template.conditions().get(name);
        if (definition == null) {
            throw TemplateError.format("Unresolved condition dependency " + name + " in Fn::If");
        }
        if (!evaluating.add(name)) {
            throw TemplateError.format("Circular condition dependency involving " + name);
        }
        boolean value = intrinsics.evaluateCondition(definition);
        evaluating.remove(name);
        conditions.put(name, value);
        return value;
    }

    /**
     * Evaluates every condition, and every included resource's properties and every output with
     * the resources still unknown, so that a wrong function (a missing mapping key, a missing
     * export) is the call's ValidationError before anything is created, as on AWS.
     */
    public void checkBeforeStart() {
        template.conditions().keySet().forEach(this::condition);
        template.resources().keySet().forEach(this::markUnknown);
        template.resources().forEach((name, resource) -> {
            if (included(name)) {
                resolve(resource.path("Properties"));
            }
        });
        template.outputs().forEach((name, output) -> {
            if (!output.has("Condition") || condition(output.get("Condition").asText())) {
                resolve(output);
            }
        });
    }

    @Override
    public JsonNode mappings() {
        return template.mappings();
    }

    @Override
    public JsonNode importValue(String exportName) {
        JsonNode value = exports.apply(exportName);
        if (value == null) {
            throw TemplateError.validation("No export named " + exportName + " found.");
        }
        return value;
    }

    @Override
    public String region() {
        return region;
    }
}
