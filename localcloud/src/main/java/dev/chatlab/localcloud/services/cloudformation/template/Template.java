package dev.chatlab.localcloud.services.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A template's sections, checked for the shape CloudFormation requires before anything is
 * evaluated: the known top-level sections only, at least one resource, each resource a
 * mapping with a Type.
 */
public final class Template {

    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata", "Parameters",
            "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Globals");
    private static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "DependsOn", "Condition", "DeletionPolicy",
            "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");

    private final ObjectNode root;

    private Template(ObjectNode root) {
        this.root = root;
    }

    /** Checks the sections; {@code Globals} is allowed only while a SAM transform is still to come. */
    public static Template of(ObjectNode root) {
        Set<String> unknown = new TreeSet<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!SECTIONS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw TemplateError.format("Invalid template property or properties " + unknown);
        }
        JsonNode version = root.get("AWSTemplateFormatVersion");
        if (version != null && !"2010-09-09".equals(version.asText())) {
            throw TemplateError.format("'" + version.asText() + "' is not a supported version: the supported version is 2010-09-09");
        }
        JsonNode resources = root.get("Resources");
        if (resources == null || !resources.isObject() || resources.isEmpty()) {
            throw TemplateError.format("At least one Resources member must be defined.");
        }
        Template template = new Template(root);
        if (template.transforms().isEmpty()) {
            template.checkResources();
        }
        return template;
    }

    private void checkResources() {
        if (root.has("Globals")) {
            throw TemplateError.format("Invalid template property or properties [Globals]");
        }
        resources().forEach((name, resource) -> {
            if (!resource.isObject()) {
                throw TemplateError.format("[/Resources/" + name + "] Every Resources object must contain a Type member.");
            }
            if (!resource.path("Type").isTextual()) {
                throw TemplateError.format("[/Resources/" + name + "] Every Resources object must contain a Type member.");
            }
            List<String> wrong = new ArrayList<>();
            resource.fieldNames().forEachRemaining(key -> {
                if (!RESOURCE_KEYS.contains(key)) {
                    wrong.add(key);
                }
            });
            if (!wrong.isEmpty()) {
                throw TemplateError.format("Invalid template resource property '" + wrong.get(0) + "'");
            }
            JsonNode properties = resource.get("Properties");
            if (properties != null && !properties.isObject()) {
                throw TemplateError.format("[/Resources/" + name + "/Properties] 'null' values are not allowed in templates");
            }
        });
    }

    public ObjectNode root() {
        return root;
    }

    public String description() {
        JsonNode description = root.get("Description");
        return description == null ? null : description.asText();
    }

    /** The transforms the template declares ("AWS::Serverless-2016-10-31"), in order. */
    public List<String> transforms() {
        JsonNode transform = root.get("Transform");
        List<String> names = new ArrayList<>();
        if (transform == null) {
            return names;
        }
        if (transform.isArray()) {
            transform.forEach(name -> names.add(name.asText()));
        } else {
            names.add(transform.asText());
        }
        return names;
    }

    public Map<String, JsonNode> parameters() {
        return section("Parameters");
    }

    public Map<String, JsonNode> resources() {
        return section("Resources");
    }

    public Map<String, JsonNode> outputs() {
        return section("Outputs");
    }

    public Map<String, JsonNode> conditions() {
        return section("Conditions");
    }

    public JsonNode mappings() {
        return root.path("Mappings");
    }

    private Map<String, JsonNode> section(String name) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        JsonNode section = root.get(name);
        if (section != null && section.isObject()) {
            section.fields().forEachRemaining(entry -> entries.put(entry.getKey(), entry.getValue()));
        }
        return entries;
    }
}
