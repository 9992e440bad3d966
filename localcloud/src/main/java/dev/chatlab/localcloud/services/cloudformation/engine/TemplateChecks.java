package dev.chatlab.localcloud.services.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceProvider;
import dev.chatlab.localcloud.services.cloudformation.resources.ResourceProviders;
import dev.chatlab.localcloud.services.cloudformation.template.Dependencies;
import dev.chatlab.localcloud.services.cloudformation.template.Template;
import dev.chatlab.localcloud.services.cloudformation.template.TemplateError;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What CloudFormation checks of a processed template before it starts: every resource type
 * known, every {@code Fn::GetAtt} an attribute of its type, every reference resolvable, no
 * cycle; and the capabilities an IAM resource needs.
 */
public final class TemplateChecks {

    private static final Set<String> NAMED_IAM = Set.of("RoleName", "PolicyName", "UserName", "GroupName", "ManagedPolicyName", "InstanceProfileName");

    private TemplateChecks() {
    }

    public static Dependencies check(Template template, ResourceProviders providers) {
        Set<String> unknown = new TreeSet<>();
        template.resources().forEach((name, resource) -> {
            if (providers.of(resource.path("Type").asText()).isEmpty()) {
                unknown.add(resource.path("Type").asText());
            }
        });
        if (!unknown.isEmpty()) {
            throw TemplateError.format("Unrecognized resource types: " + unknown);
        }
        Dependencies dependencies = Dependencies.of(template);
        template.resources().values().forEach(resource -> checkGetAtts(resource, template, providers));
        template.outputs().values().forEach(output -> checkGetAtts(output, template, providers));
        return dependencies;
    }

    private static void checkGetAtts(JsonNode value, Template template, ResourceProviders providers) {
        if (value.isObject() && value.size() == 1 && value.has("Fn::GetAtt")) {
            JsonNode argument = value.get("Fn::GetAtt");
            List<String> parts = argument.isTextual() ? List.of(argument.asText().split("\\.", 2))
                    : argument.isArray() && argument.size() == 2 ? List.of(argument.get(0).asText(), argument.get(1).asText()) : List.of();
            if (parts.size() == 2) {
                JsonNode target = template.resources().get(parts.get(0));
                if (target == null) {
                    throw TemplateError.evaluation("instance of Fn::GetAtt references undefined resource " + parts.get(0));
                }
                ResourceProvider provider = providers.of(target.path("Type").asText()).orElseThrow();
                if (!provider.attributes().contains(parts.get(1))) {
                    throw TemplateError.evaluation("resource " + parts.get(0) + " does not support attribute type " + parts.get(1) + " in Fn::GetAtt");
                }
            }
            return;
        }
        if (value.isContainerNode()) {
            value.forEach(item -> checkGetAtts(item, template, providers));
        }
    }

    /** "Requires capabilities : [CAPABILITY_IAM]", as AWS answers a stack with IAM resources the caller did not acknowledge. */
    public static void checkCapabilities(Template template, Collection<String> capabilities) {
        boolean iam = false;
        boolean named = false;
        for (JsonNode resource : template.resources().values()) {
            String type = resource.path("Type").asText();
            if (type.startsWith("AWS::IAM::")) {
                iam = true;
                for (String property : NAMED_IAM) {
                    named |= resource.path("Properties").has(property) && !type.equals("AWS::IAM::Policy");
                }
            }
        }
        if (named && !capabilities.contains("CAPABILITY_NAMED_IAM")) {
            throw insufficient("CAPABILITY_NAMED_IAM");
        }
        if (iam && !capabilities.contains("CAPABILITY_IAM") && !capabilities.contains("CAPABILITY_NAMED_IAM")) {
            throw insufficient("CAPABILITY_IAM");
        }
    }

    public static AwsException insufficient(String capability) {
        return new AwsException("InsufficientCapabilitiesException", 400, "Requires capabilities : [" + capability + "]");
    }
}
