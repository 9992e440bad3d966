package dev.chatlab.localcloud.services.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A stack's parameter values: the caller's, else the template's defaults, each checked against
 * its declaration (Type, AllowedValues, AllowedPattern, Min/MaxLength, Min/MaxValue) with the
 * messages CloudFormation answers. What {@code Ref} of a parameter gives: its text, or a list
 * for {@code CommaDelimitedList} and {@code List<...>} types.
 */
public final class ParameterValues {

    private static final Set<String> TYPES = Set.of("String", "Number", "List<Number>", "CommaDelimitedList");

    private final Map<String, String> values;
    private final Map<String, JsonNode> declarations;

    private ParameterValues(Map<String, String> values, Map<String, JsonNode> declarations) {
        this.values = values;
        this.declarations = declarations;
    }

    /**
     * @param given    the caller's values by key (a null value: "use the previous value", resolved by the caller)
     */
    public static ParameterValues resolve(Template template, Map<String, String> given) {
        Map<String, JsonNode> declarations = template.parameters();
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(declarations.keySet());
        if (!unknown.isEmpty()) {
            throw TemplateError.validation("Parameters: " + unknown + " do not exist in the template");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        declarations.forEach((key, declaration) -> {
            checkType(key, declaration);
            String value = given.containsKey(key) ? given.get(key)
                    : declaration.has("Default") ? defaultText(declaration.get("Default")) : null;
            if (value == null) {
                missing.add(key);
            } else {
                check(key, declaration, value);
                values.put(key, value);
            }
        });
        if (!missing.isEmpty()) {
            throw TemplateError.validation("Parameters: " + missing + " must have values");
        }
        return new ParameterValues(values, declarations);
    }

    private static String defaultText(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }

    private static void checkType(String key, JsonNode declaration) {
        String type = declaration.path("Type").asText("");
        if (type.isEmpty()) {
            throw TemplateError.format("Every Parameters object must contain a Type member.");
        }
        if (type.startsWith("AWS::SSM::Parameter")) {
            throw TemplateError.validation("Parameter '" + key + "' has type " + type + ", which localcloud does not support (no Systems Manager)");
        }
        if (!TYPES.contains(type) && !type.startsWith("AWS::") && !type.startsWith("List<AWS::")) {
            throw TemplateError.format("Unrecognized parameter type: " + type);
        }
    }

    private static void check(String key, JsonNode declaration, String value) {
        String type = declaration.path("Type").asText();
        JsonNode allowed = declaration.path("AllowedValues");
        if (allowed.isArray() && allowed.size() > 0) {
            boolean found = false;
            for (JsonNode option : allowed) {
                found |= option.asText().equals(value);
            }
            if (!found) {
                throw rejected(key, declaration, "must be one of AllowedValues");
            }
        }
        if (type.equals("Number")) {
            BigDecimal number = number(key, declaration, value);
            if (declaration.has("MinValue") && number.compareTo(new BigDecimal(declaration.get("MinValue").asText())) < 0) {
                throw rejected(key, declaration, "must be a number not less than " + declaration.get("MinValue").asText());
            }
            if (declaration.has("MaxValue") && number.compareTo(new BigDecimal(declaration.get("MaxValue").asText())) > 0) {
                throw rejected(key, declaration, "must be a number not greater than " + declaration.get("MaxValue").asText());
            }
        }
        if (type.equals("List<Number>")) {
            for (String item : value.split(",", -1)) {
                number(key, declaration, item.trim());
            }
        }
        if (declaration.has("MinLength") && value.length() < declaration.get("MinLength").asInt()) {
            throw rejected(key, declaration, "must contain at least " + declaration.get("MinLength").asInt() + " characters");
        }
        if (declaration.has("MaxLength") && value.length() > declaration.get("MaxLength").asInt()) {
            throw rejected(key, declaration, "must contain at most " + declaration.get("MaxLength").asInt() + " characters");
        }
        if (declaration.has("AllowedPattern")) {
            String pattern = declaration.get("AllowedPattern").asText();
            try {
                if (!Pattern.compile(pattern).matcher(value).matches()) {
                    throw rejected(key, declaration, "failed to satisfy constraint: Parameter '" + key + "' must match pattern " + pattern);
                }
            } catch (PatternSyntaxException e) {
                throw TemplateError.format("Parameter '" + key + "' has an invalid AllowedPattern " + pattern);
            }
        }
    }

    private static BigDecimal number(String key, JsonNode declaration, String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw rejected(key, declaration, "must be a number");
        }
    }

    /** AWS answers the ConstraintDescription when the template gives one, else its own words. */
    private static RuntimeException rejected(String key, JsonNode declaration, String problem) {
        if (declaration.has("ConstraintDescription")) {
            return TemplateError.validation("Parameter '" + key + "' failed to satisfy constraint: " + declaration.get("ConstraintDescription").asText());
        }
        if (problem.startsWith("failed to satisfy constraint: ")) {
            return TemplateError.validation(problem.substring("failed to satisfy constraint: ".length()));
        }
        return TemplateError.validation("Parameter '" + key + "' " + problem);
    }

    public Map<String, String> values() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public boolean noEcho(String key) {
        return declarations.getOrDefault(key, JsonNodeFactory.instance.objectNode()).path("NoEcho").asText("false").equals("true");
    }

    /** What {@code Ref} answers for the parameter. */
    public JsonNode ref(String key) {
        String value = values.get(key);
        String type = declarations.get(key).path("Type").asText();
        if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (String item : value.split(",", -1)) {
                items.add(item.trim());
            }
            return items;
        }
        return JsonNodeFactory.instance.textNode(value);
    }
}
