package dev.chatlab.localcloud.services.cloudformation.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a template body, JSON or YAML, into one JSON tree with every intrinsic in its long form:
 * {@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes
 * {@code {"Fn::GetAtt": ["A", "B"]}}, as CloudFormation itself reads YAML.
 *
 * <p>SnakeYAML, because each short-form tag gets its own constructor there (Jackson's YAML
 * module reads tags only as type ids and loses them in a tree). Its resolver is narrowed to
 * YAML 1.2's scalars: AWS reads {@code AWSTemplateFormatVersion: 2010-09-09} and {@code yes} as
 * strings, where YAML 1.1 would make a date and a boolean of them.
 */
public final class TemplateReader {

    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue",
            "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString");

    private TemplateReader() {
    }

    public static ObjectNode read(String body) {
        if (body == null || body.isBlank()) {
            throw TemplateError.validation("Template body is empty");
        }
        JsonNode tree = body.stripLeading().startsWith("{") ? json(body) : yaml(body);
        if (!(tree instanceof ObjectNode object)) {
            throw TemplateError.format("unsupported structure.");
        }
        return object;
    }

    private static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw TemplateError.format("JSON not well-formed. (line " + (at == null ? 1 : at.getLineNr()) + ", column " + (at == null ? 1 : at.getColumnNr()) + ")");
        }
    }

    private static JsonNode yaml(String body) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        Yaml yaml = new Yaml(new ShortFormConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options, new Yaml12Resolver());
        try {
            return toJson(yaml.load(body));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw TemplateError.format("YAML not well-formed. (line " + (mark == null ? 1 : mark.getLine() + 1) + ", column " + (mark == null ? 1 : mark.getColumn() + 1) + ")");
        } catch (YAMLException e) {
            throw TemplateError.format("YAML not well-formed. (" + e.getMessage() + ")");
        }
    }

    private static JsonNode toJson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), toJson(item)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            list.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return nodes.numberNode(i);
        }
        if (value instanceof Long l) {
            return nodes.numberNode(l);
        }
        if (value instanceof BigInteger big) {
            return nodes.numberNode(big);
        }
        if (value instanceof Double d) {
            return nodes.numberNode(d);
        }
        if (value instanceof byte[] bytes) {
            return nodes.textNode(new String(bytes, StandardCharsets.UTF_8));
        }
        return nodes.textNode(String.valueOf(value));
    }

    /** YAML 1.2's core schema: true/false, integers, floats, null; everything else is a string. */
    private static final class Yaml12Resolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?[0-9]+$"), "-+0123456789");
            addImplicitResolver(Tag.FLOAT, Pattern.compile("^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)(?:[eE][-+]?[0-9]+)?$"), "-+.0123456789");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL|)$"), "~nN\0");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
            addImplicitResolver(Tag.MERGE, Pattern.compile("^(?:<<)$"), "<");
        }
    }

    /** The short forms: {@code !Ref}, {@code !GetAtt} and each {@code !Fn} become their long form. */
    private static final class ShortFormConstructor extends SafeConstructor {
        ShortFormConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String name;

            LongForm(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    argument = name.equals("Fn::GetAtt") ? getAttArguments(text) : text;
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                return Map.of(name, argument);
            }

            /** {@code !GetAtt Table.StreamArn}: the resource, then the attribute (which may hold dots). */
            private Object getAttArguments(String text) {
                int dot = text.indexOf('.');
                return dot < 0 ? text : List.of(text.substring(0, dot), text.substring(dot + 1));
            }
        }
    }
}
