package dev.chatlab.localcloud.services.cloudformation.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.services.cloudformation.template.TemplateError;
import java.util.Iterator;
import java.util.Map;

/**
 * The SAM transform (AWS::Serverless-2016-10-31) for what the chat needs: {@code Globals.Function},
 * {@code AWS::Serverless::Function} (its role, its policies, its {@code Api} events on the implicit
 * {@code ServerlessRestApi}) and {@code AWS::Serverless::SimpleTable}, expanded into the resources
 * and logical ids SAM documents. Other resources pass through as they are.
 */
public final class SamTransform {

    public static final String NAME = "AWS::Serverless-2016-10-31";

    private SamTransform() {
    }

    public static ObjectNode expand(ObjectNode template) {
        ObjectNode out = template.deepCopy();
        JsonNode globals = out.remove("Globals");
        ObjectNode resources = Json.object();
        ImplicitRestApi api = new ImplicitRestApi();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String type = entry.getValue().path("Type").asText();
            switch (type) {
                case "AWS::Serverless::Function" -> SamFunction.expand(entry.getKey(), withGlobals((ObjectNode) entry.getValue(), globals), resources, api);
                case "AWS::Serverless::SimpleTable" -> resources.set(entry.getKey(), simpleTable(entry.getValue()));
                default -> {
                    if (type.startsWith("AWS::Serverless::")) {
                        throw TemplateError.validation("Transform " + NAME + " failed with: localcloud's SAM transform supports AWS::Serverless::Function"
                                + " and AWS::Serverless::SimpleTable, not " + type);
                    }
                    resources.set(entry.getKey(), entry.getValue());
                }
            }
        }
        api.addTo(resources, template.path("Resources"));
        out.set("Resources", resources);
        return out;
    }

    /** Globals.Function's properties under the function's own (maps merged, the function's values win). */
    private static ObjectNode withGlobals(ObjectNode function, JsonNode globals) {
        JsonNode shared = globals == null ? null : globals.get("Function");
        if (shared == null) {
            return function;
        }
        ObjectNode merged = function.deepCopy();
        ObjectNode properties = merged.with("Properties");
        shared.fields().forEachRemaining(entry -> {
            JsonNode own = properties.get(entry.getKey());
            if (own == null) {
                properties.set(entry.getKey(), entry.getValue());
            } else if (own.isObject() && entry.getValue().isObject()) {
                ObjectNode combined = deepMerge(entry.getValue().deepCopy(), own);
                properties.set(entry.getKey(), combined);
            }
        });
        return merged;
    }

    private static ObjectNode deepMerge(ObjectNode base, JsonNode own) {
        own.fields().forEachRemaining(entry -> {
            JsonNode existing = base.get(entry.getKey());
            if (existing != null && existing.isObject() && entry.getValue().isObject()) {
                deepMerge((ObjectNode) existing, entry.getValue());
            } else {
                base.set(entry.getKey(), entry.getValue());
            }
        });
        return base;
    }

    /** A table with one hash key (PrimaryKey, default {@code id} String), on demand unless ProvisionedThroughput says otherwise. */
    private static ObjectNode simpleTable(JsonNode definition) {
        JsonNode properties = definition.path("Properties");
        String key = properties.path("PrimaryKey").path("Name").asText("id");
        String type = properties.path("PrimaryKey").path("Type").asText("String");
        ObjectNode table = Json.object().put("Type", "AWS::DynamoDB::Table");
        ObjectNode out = table.putObject("Properties");
        if (properties.has("TableName")) {
            out.set("TableName", properties.get("TableName"));
        }
        out.putArray("AttributeDefinitions").addObject().put("AttributeName", key)
                .put("AttributeType", type.equals("Number") ? "N" : type.equals("Binary") ? "B" : "S");
        out.putArray("KeySchema").addObject().put("AttributeName", key).put("KeyType", "HASH");
        if (properties.has("ProvisionedThroughput")) {
            out.set("ProvisionedThroughput", properties.get("ProvisionedThroughput"));
        } else {
            out.put("BillingMode", "PAY_PER_REQUEST");
        }
        for (String passed : new String[]{"SSESpecification"}) {
            if (properties.has(passed)) {
                out.set(passed, properties.get(passed));
            }
        }
        if (properties.has("Tags")) {
            ObjectNode tags = (ObjectNode) properties.get("Tags");
            var list = out.putArray("Tags");
            tags.fields().forEachRemaining(tag -> list.addObject().put("Key", tag.getKey()).set("Value", tag.getValue()));
        }
        copy(definition, table, "Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy");
        return table;
    }

    static void copy(JsonNode from, ObjectNode to, String... attributes) {
        for (String attribute : attributes) {
            if (from.has(attribute)) {
                to.set(attribute, from.get(attribute));
            }
        }
    }
}
