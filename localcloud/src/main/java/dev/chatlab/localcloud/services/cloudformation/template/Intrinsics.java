package dev.chatlab.localcloud.services.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;

/**
 * Evaluates the intrinsic functions of a template value: {@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::If},
 * {@code Fn::Equals}, {@code Fn::And}/{@code Or}/{@code Not}, {@code Condition},
 * {@code Fn::FindInMap}, {@code Fn::GetAZs}, {@code Fn::ImportValue}, {@code Fn::Base64}.
 * {@code Ref: AWS::NoValue} removes the property or list item it stands for, as on AWS.
 */
public final class Intrinsics {

    /** What the functions read: parameters and resources by name, conditions, mappings, exports. */
    public interface Context {
        /** A parameter's value, a pseudo parameter's, or a resource's Ref value. */
        JsonNode ref(String name);

        JsonNode attribute(String logicalId, String attribute);

        boolean condition(String name);

        JsonNode mappings();

        JsonNode importValue(String exportName);

        String region();
    }

    /** A value known only once a resource is made: what a change set shows, and what a check before the operation sees. */
    public static final String KNOWN_AFTER_APPLY = "{{changeSet:KNOWN_AFTER_APPLY}}";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Context context;
    /** True while a Conditions entry is evaluated, where {"Condition": "Name"} is a function. */
    private boolean conditionContext;

    public Intrinsics(Context context) {
        this.context = context;
    }

    /** The value with every function applied; a MissingNode where it is AWS::NoValue. */
    public JsonNode resolve(JsonNode value) {
        if (value == null) {
            return MissingNode.getInstance();
        }
        if (value.isObject()) {
            if (value.size() == 1) {
                String key = value.fieldNames().next();
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition") && value.get(key).isTextual() && conditionContext) {
                    return function(key, value.get(key));
                }
            }
            ObjectNode resolved = NODES.objectNode();
            value.fields().forEachRemaining(entry -> {
                JsonNode item = resolve(entry.getValue());
                if (!item.isMissingNode()) {
                    resolved.set(entry.getKey(), item);
                }
            });
            return resolved;
        }
        if (value.isArray()) {
            ArrayNode resolved = NODES.arrayNode();
            for (JsonNode element : value) {
                JsonNode item = resolve(element);
                if (!item.isMissingNode()) {
                    resolved.add(item);
                }
            }
            return resolved;
        }
        return value;
    }

    /** A condition's definition, where {@code {"Condition": "Name"}} refers to another condition. */
    public boolean evaluateCondition(JsonNode definition) {
        conditionContext = true;
        try {
            JsonNode result = resolve(definition);
            if (!result.isBoolean()) {
                throw TemplateError.format("Conditions can only be boolean operations on parameters and other conditions");
            }
            return result.booleanValue();
        } finally {
            conditionContext = false;
        }
    }

    private JsonNode function(String name, JsonNode argument) {
        return switch (name) {
            case "Ref" -> ref(argument);
            case "Condition" -> NODES.booleanNode(context.condition(argument.asText()));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> NODES.textNode(sub(argument));
            case "Fn::Join" -> join(argument);
            case "Fn::Select" -> select(argument);
            case "Fn::Split" -> split(argument);
            case "Fn::If" -> ifThenElse(argument);
            case "Fn::Equals" -> equals(argument);
            case "Fn::And", "Fn::Or" -> andOr(name, argument);
            case "Fn::Not" -> not(argument);
            case "Fn::FindInMap" -> findInMap(argument);
            case "Fn::GetAZs" -> getAzs(argument);
            case "Fn::ImportValue" -> context.importValue(text(resolve(argument), name));
            case "Fn::Base64" -> NODES.textNode(Base64.getEncoder().encodeToString(text(resolve(argument), name).getBytes(StandardCharsets.UTF_8)));
            default -> throw TemplateError.format("Unrecognized intrinsic function " + name + " (localcloud supports Ref, Condition, Fn::GetAtt, Fn::Sub, Fn::Join,"
                    + " Fn::Select, Fn::Split, Fn::If, Fn::Equals, Fn::And, Fn::Or, Fn::Not, Fn::FindInMap, Fn::GetAZs, Fn::ImportValue, Fn::Base64)");
        };
    }

    private JsonNode ref(JsonNode argument) {
        JsonNode name = resolve(argument);
        if (!name.isTextual()) {
            throw TemplateError.evaluation("every Ref object must have a single String value.");
        }
        if (name.asText().equals("AWS::NoValue")) {
            return MissingNode.getInstance();
        }
        return context.ref(name.asText());
    }

    private JsonNode getAtt(JsonNode argument) {
        JsonNode resolved = argument.isTextual() ? splitGetAtt(argument.asText()) : resolve(argument);
        if (!resolved.isArray() || resolved.size() != 2) {
            throw TemplateError.evaluation("every Fn::GetAtt object requires two non-empty parameters.");
        }
        return context.attribute(resolved.get(0).asText(), resolved.get(1).asText());
    }

    private static JsonNode splitGetAtt(String text) {
        int dot = text.indexOf('.');
        ArrayNode parts = NODES.arrayNode();
        if (dot > 0) {
            parts.add(text.substring(0, dot)).add(text.substring(dot + 1));
        }
        return parts;
    }

    private String sub(JsonNode argument) {
        String template;
        ObjectNode variables = NODES.objectNode();
        if (argument.isArray() && argument.size() == 2) {
            template = text(resolve(argument.get(0)), "Fn::Sub");
            JsonNode given = argument.get(1);
            if (!given.isObject()) {
                throw TemplateError.evaluation("One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string");
            }
            given.fields().forEachRemaining(entry -> variables.set(entry.getKey(), resolve(entry.getValue())));
        } else if (argument.isTextual()) {
            template = argument.asText();
        } else {
            throw TemplateError.evaluation("One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string");
        }
        StringBuilder out = new StringBuilder();
        for (SubString.Part part : SubString.parse(template)) {
            if (part.variable() == null) {
                out.append(part.literal());
            } else if (variables.has(part.variable())) {
                out.append(text(variables.get(part.variable()), "Fn::Sub"));
            } else if (part.variable().contains(".") && !part.variable().startsWith("AWS::")) {
                int dot = part.variable().indexOf('.');
                out.append(text(context.attribute(part.variable().substring(0, dot), part.variable().substring(dot + 1)), "Fn::Sub"));
            } else {
                out.append(text(context.ref(part.variable()), "Fn::Sub"));
            }
        }
        return out.toString();
    }

    private JsonNode join(JsonNode argument) {
        if (!argument.isArray() || argument.size() != 2) {
            throw TemplateError.evaluation("every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.");
        }
        String delimiter = text(resolve(argument.get(0)), "Fn::Join");
        JsonNode items = resolve(argument.get(1));
        if (unknown(items)) {
            return items;
        }
        if (!items.isArray()) {
            throw TemplateError.evaluation("every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.");
        }
        StringBuilder out = new StringBuilder();
        for (Iterator<JsonNode> it = items.elements(); it.hasNext(); ) {
            out.append(text(it.next(), "Fn::Join"));
            if (it.hasNext()) {
                out.append(delimiter);
            }
        }
        return NODES.textNode(out.toString());
    }

    private JsonNode select(JsonNode argument) {
        if (!argument.isArray() || argument.size() != 2) {
            throw TemplateError.evaluation("Fn::Select requires a list argument with two elements: an integer index and a list");
        }
        JsonNode index = resolve(argument.get(0));
        JsonNode list = resolve(argument.get(1));
        int at;
        try {
            at = Integer.parseInt(index.asText());
        } catch (NumberFormatException e) {
            throw TemplateError.evaluation("Fn::Select requires a list argument with two elements: an integer index and a list");
        }
        if (unknown(list)) {
            return list;
        }
        if (!list.isArray() || at < 0 || at >= list.size()) {
            throw TemplateError.evaluation("Fn::Select cannot select nonexistent value at index " + at);
        }
        return list.get(at);
    }

    private JsonNode split(JsonNode argument) {
        if (!argument.isArray() || argument.size() != 2) {
            throw TemplateError.evaluation("Fn::Split requires a list argument with two elements: a delimiter and a source string");
        }
        String delimiter = text(resolve(argument.get(0)), "Fn::Split");
        JsonNode resolvedSource = resolve(argument.get(1));
        if (unknown(resolvedSource)) {
            // A resource's attribute split before the resource exists: its parts are known only then,
            // so a Select on them must wait too (AWS evaluates both when the resource is made).
            return resolvedSource;
        }
        String source = text(resolvedSource, "Fn::Split");
        ArrayNode parts = NODES.arrayNode();
        int from = 0;
        for (int at = source.indexOf(delimiter); at >= 0 && !delimiter.isEmpty(); at = source.indexOf(delimiter, from)) {
            parts.add(source.substring(from, at));
            from = at + delimiter.length();
        }
        parts.add(source.substring(from));
        return parts;
    }

    private JsonNode ifThenElse(JsonNode argument) {
        if (!argument.isArray() || argument.size() != 3 || !argument.get(0).isTextual()) {
            throw TemplateError.evaluation("Fn::If requires a list argument with three elements: a condition name, a value if true and a value if false");
        }
        return resolve(context.condition(argument.get(0).asText()) ? argument.get(1) : argument.get(2));
    }

    private JsonNode equals(JsonNode argument) {
        if (!argument.isArray() || argument.size() != 2) {
            throw TemplateError.evaluation("Fn::Equals requires a list argument with two elements");
        }
        JsonNode left = resolve(argument.get(0));
        JsonNode right = resolve(argument.get(1));
        boolean same = left.isValueNode() && right.isValueNode() ? left.asText().equals(right.asText()) : left.equals(right);
        return NODES.booleanNode(same);
    }

    private JsonNode andOr(String name, JsonNode argument) {
        if (!argument.isArray() || argument.size() < 2 || argument.size() > 10) {
            throw TemplateError.evaluation(name + " requires a list argument with between 2 and 10 conditions");
        }
        boolean and = name.equals("Fn::And");
        for (JsonNode operand : argument) {
            boolean value = bool(resolveCondition(operand), name);
            if (and != value) {
                return NODES.booleanNode(value);
            }
        }
        return NODES.booleanNode(and);
    }

    private JsonNode not(JsonNode argument) {
        if (!argument.isArray() || argument.size() != 1) {
            throw TemplateError.evaluation("Fn::Not requires a list argument with one element");
        }
        return NODES.booleanNode(!bool(resolveCondition(argument.get(0)), "Fn::Not"));
    }

    /** Inside And/Or/Not, {@code {"Condition": "Name"}} names a condition anywhere in the template. */
    private JsonNode resolveCondition(JsonNode operand) {
        if (operand.isObject() && operand.size() == 1 && operand.has("Condition")) {
            return NODES.booleanNode(context.condition(operand.get("Condition").asText()));
        }
        return resolve(operand);
    }

    private JsonNode findInMap(JsonNode argument) {
        if (!argument.isArray() || argument.size() < 3) {
            throw TemplateError.evaluation("Fn::FindInMap requires a list argument with three elements: a map name, a top-level key and a second-level key");
        }
        String map = text(resolve(argument.get(0)), "Fn::FindInMap");
        String top = text(resolve(argument.get(1)), "Fn::FindInMap");
        String second = text(resolve(argument.get(2)), "Fn::FindInMap");
        JsonNode value = context.mappings().path(map).path(top).path(second);
        if (value.isMissingNode()) {
            throw TemplateError.evaluation("Unable to get mapping for " + map + "::" + top + "::" + second);
        }
        return value;
    }

    private JsonNode getAzs(JsonNode argument) {
        String region = text(resolve(argument), "Fn::GetAZs");
        String of = region.isEmpty() ? context.region() : region;
        ArrayNode zones = NODES.arrayNode();
        for (String zone : new String[]{"a", "b", "c", "d"}) {
            zones.add(of + zone);
        }
        return zones;
    }

    private static boolean unknown(JsonNode value) {
        return value.isTextual() && value.asText().equals(KNOWN_AFTER_APPLY);
    }

    private static boolean bool(JsonNode value, String function) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
            return Boolean.parseBoolean(value.asText());
        }
        throw TemplateError.evaluation(function + " requires boolean conditions");
    }

    /** A value that must be a string: numbers and booleans become their text, as AWS converts them. */
    public static String text(JsonNode value, String function) {
        if (value.isValueNode() && !value.isNull()) {
            return value.asText();
        }
        throw TemplateError.evaluation("every " + function + " object requires string values, found " + value);
    }
}
