package dev.chatlab.localcloud.protocol.constraints;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Walks an input along its shapes and words each broken constraint as AWS's request validation
 * does ("Value 'x' at 'functionName' failed to satisfy constraint: Member must have length less
 * than or equal to 64"): members by their model names in lower camel case, list elements as
 * {@code tags.1.member}, map keys and values as the map's.
 */
final class ConstraintChecker {

    /** A pattern is not tried on a longer value: its length is refused anyway, and a long value could make a regex crawl. */
    private static final int LONGEST_PATTERN_INPUT = 100_000;

    private final Map<String, Shape> shapes;
    private final List<String> problems = new ArrayList<>();

    ConstraintChecker(Map<String, Shape> shapes) {
        this.shapes = shapes;
    }

    List<String> problems() {
        return problems;
    }

    /**
     * Checks a structure whose members {@code lookup} finds (the top-level input of a REST
     * operation reads each from its own place; every other structure from its value).
     */
    void structure(Shape shape, String path, Function<Map.Entry<String, Shape.Member>, InputValue> lookup) {
        for (Map.Entry<String, Shape.Member> member : shape.members().entrySet()) {
            String memberPath = (path.isEmpty() ? "" : path + ".") + lowerCamel(member.getKey());
            InputValue value = lookup.apply(member);
            if (value == null) {
                if (shape.required().contains(member.getKey())) {
                    problems.add("Value null at '" + memberPath + "' failed to satisfy constraint: Member must not be null");
                }
            } else {
                check(member.getValue().shape(), value, memberPath);
            }
        }
    }

    void check(String shapeName, InputValue value, String path) {
        Shape shape = shapes.get(shapeName);
        if (shape == null) {
            return; // nothing constrained beneath it
        }
        List<String> broken = constraintsBrokenBy(shape, value);
        broken.forEach(constraint -> problems.add("Value " + display(value) + " at '" + path + "' failed to satisfy constraint: " + constraint));
        if (!broken.isEmpty()) {
            return;
        }
        switch (shape.type()) {
            case "structure" -> structure(shape, path, member -> value.member(wireName(member)));
            case "list" -> {
                List<InputValue> elements = value.elements();
                for (int i = 0; i < elements.size() && shape.member() != null; i++) {
                    check(shape.member(), elements.get(i), path + "." + (i + 1) + ".member");
                }
            }
            case "map" -> value.entries().forEach((key, entryValue) -> {
                mapPart(shape.key(), new TextInput(key), path, "Map keys must satisfy constraint: ");
                if (entryValue != null) {
                    mapPart(shape.value(), entryValue, path, "Map value must satisfy constraint: ");
                }
            });
            default -> {
            }
        }
    }

    /** A map's key or value: its broken constraints in brackets, as one problem of the map's. */
    private void mapPart(String shapeName, InputValue part, String path, String preface) {
        Shape shape = shapeName == null ? null : shapes.get(shapeName);
        if (shape == null) {
            return;
        }
        List<String> broken = constraintsBrokenBy(shape, part);
        if (!broken.isEmpty()) {
            problems.add("Value " + display(part) + " at '" + path + "' failed to satisfy constraint: " + preface + broken);
        }
    }

    private static List<String> constraintsBrokenBy(Shape shape, InputValue value) {
        List<String> broken = new ArrayList<>();
        switch (shape.type()) {
            case "string" -> {
                String text = value.text();
                if (text == null) {
                    broken.add("Member must be a string");
                    break;
                }
                long length = text.codePointCount(0, text.length());
                lengthWithin(shape, length, broken);
                if (shape.pattern() != null && length <= LONGEST_PATTERN_INPUT && !shape.pattern().matcher(text).matches()) {
                    broken.add("Member must satisfy regular expression pattern: " + shape.pattern().pattern());
                }
            }
            case "integer", "long" -> {
                BigDecimal number = wholeNumber(value);
                if (number == null) {
                    broken.add("Member must be a whole number");
                    break;
                }
                if (shape.min() != null && number.compareTo(BigDecimal.valueOf(shape.min())) < 0) {
                    broken.add("Member must have value greater than or equal to " + shape.min());
                }
                if (shape.max() != null && number.compareTo(BigDecimal.valueOf(shape.max())) > 0) {
                    broken.add("Member must have value less than or equal to " + shape.max());
                }
            }
            case "list" -> lengthWithin(shape, value.elements().size(), broken);
            case "map" -> lengthWithin(shape, value.entries().size(), broken);
            default -> {
            }
        }
        return broken;
    }

    private static void lengthWithin(Shape shape, long length, List<String> broken) {
        if (shape.min() != null && length < shape.min()) {
            broken.add("Member must have length greater than or equal to " + shape.min());
        }
        if (shape.max() != null && length > shape.max()) {
            broken.add("Member must have length less than or equal to " + shape.max());
        }
    }

    /** The value as a whole number, or null: 1.5, "abc", or a string where JSON wants a number. */
    private static BigDecimal wholeNumber(InputValue value) {
        String text = value.text();
        if (text == null || value.isJsonString()) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(text.trim());
            return number.stripTrailingZeros().scale() <= 0 ? number : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** How AWS shows the value in its message: the text in quotes, a list or map as its elements. */
    private static String display(InputValue value) {
        String text = value.text();
        if (text != null) {
            return "'" + text + "'";
        }
        if (!value.elements().isEmpty()) {
            return "'" + value.elements().stream().map(e -> e.text() == null ? "{...}" : e.text()).limit(3).toList()
                    + (value.elements().size() > 3 ? " (" + value.elements().size() + " in all)" : "") + "'";
        }
        return "'{...}'";
    }

    static String wireName(Map.Entry<String, Shape.Member> member) {
        return member.getValue().locationName() != null ? member.getValue().locationName() : member.getKey();
    }

    private static String lowerCamel(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
