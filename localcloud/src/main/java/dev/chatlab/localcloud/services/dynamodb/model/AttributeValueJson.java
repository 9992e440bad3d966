package dev.chatlab.localcloud.services.dynamodb.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's JSON form of attribute values ({@code {"S":"x"}}, {@code {"N":"1"}}, ...) in
 * both directions, with the validation DynamoDB applies on the way in.
 */
public final class AttributeValueJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttributeValueJson() {
    }

    /** Reads an item ({@code {"name": {"S": "x"}, ...}}). */
    public static Map<String, AttributeValue> readItem(JsonNode node) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return item;
        }
        if (!node.isObject()) {
            throw AwsException.validation("Start of structure or map found where not expected");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            item.put(field.getKey(), read(field.getValue()));
        }
        return item;
    }

    public static AttributeValue read(JsonNode node) {
        if (node == null || !node.isObject() || node.size() == 0) {
            throw AwsException.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (node.size() > 1) {
            throw AwsException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        Map.Entry<String, JsonNode> only = node.fields().next();
        JsonNode v = only.getValue();
        AttributeValue.Type type;
        try {
            type = AttributeValue.Type.valueOf(only.getKey());
        } catch (IllegalArgumentException e) {
            throw AwsException.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        return switch (type) {
            case S -> AttributeValue.s(v.asText());
            case N -> AttributeValue.n(Numbers.parse(v.isNumber() ? v.asText() : v.textValue()));
            case B -> AttributeValue.b(decode(v));
            case BOOL -> AttributeValue.bool(v.asBoolean());
            case NULL -> {
                if (!v.asBoolean()) {
                    throw AwsException.validation("One or more parameter values were invalid: Null attribute value types must have the true value");
                }
                yield AttributeValue.NULL;
            }
            case M -> AttributeValue.m(readItem(v));
            case L -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(element -> list.add(read(element)));
                yield AttributeValue.l(list);
            }
            case SS, NS, BS -> readSet(type, v);
        };
    }

    private static AttributeValue readSet(AttributeValue.Type type, JsonNode elements) {
        if (elements.size() == 0) {
            String what = switch (type) {
                case SS -> "string";
                case NS -> "number";
                default -> "binary";
            };
            throw AwsException.validation("One or more parameter values were invalid: An " + what + " set  may not be empty");
        }
        List<Object> values = new ArrayList<>();
        Set<AttributeValue> seen = new HashSet<>();
        for (JsonNode element : elements) {
            Object value = switch (type) {
                case SS -> element.asText();
                case NS -> Numbers.parse(element.asText());
                default -> decode(element);
            };
            AttributeValue member = type == AttributeValue.Type.SS ? AttributeValue.s((String) value)
                    : type == AttributeValue.Type.NS ? AttributeValue.n((BigDecimal) value) : AttributeValue.b((byte[]) value);
            if (!seen.add(member)) {
                throw AwsException.validation("One or more parameter values were invalid: Input collection " + wireList(elements) + " contains duplicates.");
            }
            values.add(value);
        }
        return AttributeValue.set(type, values);
    }

    private static String wireList(JsonNode elements) {
        List<String> texts = new ArrayList<>();
        elements.forEach(e -> texts.add(e.asText()));
        return texts.toString();
    }

    private static byte[] decode(JsonNode node) {
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw AwsException.validation("One or more parameter values were invalid: Invalid binary value (not Base64)");
        }
    }

    /** Writes an item in DynamoDB's JSON form. */
    public static ObjectNode writeItem(Map<String, AttributeValue> item) {
        ObjectNode node = NODES.objectNode();
        item.forEach((name, value) -> node.set(name, write(value)));
        return node;
    }

    public static ObjectNode write(AttributeValue value) {
        ObjectNode node = NODES.objectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", Numbers.format(value.n()));
            case B -> node.put("B", Base64.getEncoder().encodeToString(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NULL -> node.put("NULL", true);
            case M -> node.set("M", writeItem(value.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(element -> list.add(write(element)));
            }
            case SS -> {
                ArrayNode set = node.putArray("SS");
                value.setElements().forEach(e -> set.add((String) e));
            }
            case NS -> {
                ArrayNode set = node.putArray("NS");
                value.setElements().forEach(e -> set.add(Numbers.format((BigDecimal) e)));
            }
            case BS -> {
                ArrayNode set = node.putArray("BS");
                value.setElements().forEach(e -> set.add(Base64.getEncoder().encodeToString((byte[]) e)));
            }
        }
        return node;
    }
}
