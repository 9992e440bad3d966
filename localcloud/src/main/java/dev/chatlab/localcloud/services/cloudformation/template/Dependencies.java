package dev.chatlab.localcloud.services.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which resources each resource needs first: every {@code Ref}, {@code Fn::GetAtt} and
 * {@code Fn::Sub} variable that names a resource, and its {@code DependsOn}. Gives the order
 * CloudFormation creates them in (and deletes them in reverse), and refuses a name that is
 * nothing ("Unresolved resource dependencies") and a cycle ("Circular dependency").
 */
public final class Dependencies {

    private static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
            "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private final Map<String, Set<String>> needs = new LinkedHashMap<>();

    private Dependencies() {
    }

    public static Dependencies of(Template template) {
        Dependencies graph = new Dependencies();
        Set<String> resources = template.resources().keySet();
        Set<String> known = new LinkedHashSet<>(resources);
        known.addAll(template.parameters().keySet());
        known.addAll(PSEUDO);
        Set<String> unresolved = new TreeSet<>();
        template.resources().forEach((name, resource) -> {
            Set<String> names = new LinkedHashSet<>();
            collect(resource.path("Properties"), names);
            JsonNode dependsOn = resource.path("DependsOn");
            List<String> explicit = new ArrayList<>();
            if (dependsOn.isTextual()) {
                explicit.add(dependsOn.asText());
            } else {
                dependsOn.forEach(item -> explicit.add(item.asText()));
            }
            for (String target : explicit) {
                if (!resources.contains(target)) {
                    throw TemplateError.format("Unresolved resource dependencies [" + target + "] in the Resources block of the template");
                }
            }
            names.addAll(explicit);
            names.stream().filter(n -> !known.contains(n)).forEach(unresolved::add);
            names.retainAll(resources);
            graph.needs.put(name, names);
        });
        if (!unresolved.isEmpty()) {
            throw TemplateError.format("Unresolved resource dependencies " + unresolved + " in the Resources block of the template");
        }
        Set<String> inOutputs = new LinkedHashSet<>();
        template.outputs().values().forEach(output -> collect(output, inOutputs));
        Set<String> unresolvedOutputs = new TreeSet<>();
        inOutputs.stream().filter(n -> !known.contains(n)).forEach(unresolvedOutputs::add);
        if (!unresolvedOutputs.isEmpty()) {
            throw TemplateError.format("Unresolved resource dependencies " + unresolvedOutputs + " in the Outputs block of the template");
        }
        graph.creationOrder();
        return graph;
    }

    /** The resources {@code name} needs before it can be created. */
    public Set<String> needs(String name) {
        return needs.getOrDefault(name, Set.of());
    }

    /** Every resource after the ones it needs; the template's order otherwise. */
    public List<String> creationOrder() {
        List<String> order = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String name : needs.keySet()) {
            visit(name, order, visiting);
        }
        return order;
    }

    private void visit(String name, List<String> order, Set<String> visiting) {
        if (order.contains(name)) {
            return;
        }
        if (!visiting.add(name)) {
            List<String> cycle = new ArrayList<>(visiting.stream().dropWhile(n -> !n.equals(name)).toList());
            throw TemplateError.validation("Circular dependency between resources: " + new TreeSet<>(cycle));
        }
        for (String needed : needs.get(name)) {
            visit(needed, order, visiting);
        }
        visiting.remove(name);
        order.add(name);
    }

    /** The names a value refers to through Ref, Fn::GetAtt and Fn::Sub. */
    static void collect(JsonNode value, Set<String> names) {
        if (value.isObject()) {
            if (value.size() == 1 && value.has("Ref") && value.get("Ref").isTextual()) {
                names.add(value.get("Ref").asText());
                return;
            }
            if (value.size() == 1 && value.has("Fn::GetAtt")) {
                JsonNode argument = value.get("Fn::GetAtt");
                if (argument.isTextual()) {
                    names.add(argument.asText().split("\\.", 2)[0]);
                } else if (argument.isArray() && argument.size() > 0 && argument.get(0).isTextual()) {
                    names.add(argument.get(0).asText());
                }
                return;
            }
            if (value.size() == 1 && value.has("Fn::Sub")) {
                JsonNode argument = value.get("Fn::Sub");
                JsonNode template = argument.isArray() ? argument.path(0) : argument;
                Set<String> local = new LinkedHashSet<>();
                if (argument.isArray() && argument.path(1).isObject()) {
                    argument.get(1).fieldNames().forEachRemaining(local::add);
                    argument.get(1).forEach(item -> collect(item, names));
                }
                if (template.isTextual()) {
                    for (String variable : SubString.variables(template.asText())) {
                        String name = variable.startsWith("AWS::") ? variable : variable.split("\\.", 2)[0];
                        if (!local.contains(variable)) {
                            names.add(name);
                        }
                    }
                } else {
                    collect(template, names);
                }
                return;
            }
            value.forEach(item -> collect(item, names));
        } else if (value.isArray()) {
            value.forEach(item -> collect(item, names));
        }
    }
}
