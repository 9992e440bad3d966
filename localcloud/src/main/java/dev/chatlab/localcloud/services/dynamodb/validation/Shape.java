package dev.chatlab.localcloud.services.dynamodb.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One shape of DynamoDB's service model as requests are checked against it: its JSON type and
 * its constraints, each pattern compiled once when the model is loaded (requests only match).
 */
final class Shape {

    enum Type { STRUCTURE, LIST, MAP, STRING, BOOLEAN, INTEGER, LONG, DOUBLE, BLOB }

    /** A member of a structure: its name in JSON and in DynamoDB's messages ("TableName", "tableName"). */
    record Member(String name, String wireName, Shape shape, boolean required) {
    }

    final String name;
    final Type type;
    final Long min;
    final Long max;
    final Pattern pattern;
    final Set<String> allowed;
    /** The enum values as DynamoDB lists them in its message. */
    final String allowedText;
    final List<Member> members = new ArrayList<>();
    Shape element;
    Shape key;
    Shape value;

    Shape(String name, Type type, Long min, Long max, String pattern, List<String> allowed) {
        this.name = name;
        this.type = type;
        this.min = min;
        this.max = max;
        this.pattern = pattern == null ? null : Pattern.compile(pattern);
        this.allowed = allowed == null ? null : Set.copyOf(allowed);
        this.allowedText = allowed == null ? null : enumText(allowed);
    }

    /**
     * The orders in which DynamoDB lists these value sets, as dynalite's suite recorded them
     * against DynamoDB (neither the model's order nor sorted: the order of a Java hash set).
     */
    private static final List<List<String>> RECORDED_ENUM_ORDERS = List.of(
            List.of("INDEXES", "TOTAL", "NONE"),
            List.of("ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"),
            List.of("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"),
            List.of("IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS"));

    /** The value set as DynamoDB words it: a recorded order, else (not recorded) sorted. */
    static String enumText(List<String> allowed) {
        Set<String> values = Set.copyOf(allowed);
        return RECORDED_ENUM_ORDERS.stream().filter(order -> Set.copyOf(order).equals(values)).findFirst()
                .orElseGet(() -> allowed.stream().sorted().toList()).toString();
    }


    boolean hasConstraints() {
        return min != null || max != null || pattern != null || allowed != null;
    }
}
