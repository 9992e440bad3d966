package dev.chatlab.localcloud.protocol;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.http.AwsRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parameters of an AWS query-protocol request (IAM, STS, CloudFormation): the form-encoded body merged with
 * the query string, with the protocol's list encoding ({@code Tags.member.1.Key}) and the
 * ValidationError messages AWS answers for a missing or malformed member.
 */
public final class QueryParameters {

    private final Map<String, String> values = new LinkedHashMap<>();

    private QueryParameters(Map<String, String> values) {
        this.values.putAll(values);
    }

    public static QueryParameters of(AwsRequest request) {
        Map<String, String> all = new LinkedHashMap<>(request.queryParams());
        String contentType = request.header("content-type").orElse("");
        if (request.body().length > 0 && (contentType.isEmpty() || contentType.startsWith("application/x-www-form-urlencoded"))) {
            all.putAll(AwsRequest.parseForm(request.bodyAsString()));
        }
        return new QueryParameters(all);
    }

    /** For tests and internal callers. */
    public static QueryParameters of(Map<String, String> values) {
        return new QueryParameters(values);
    }

    /** Every parameter, by its name on the wire ({@code Tags.member.1.Key}). */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A required member: absent is AWS's "Value null at 'roleName' failed to satisfy constraint". */
    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw validation("Value null at '" + memberName(name) + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** A string member checked against the model's length and pattern constraints. */
    public String name(String name, int min, int max, Pattern pattern, boolean required) {
        String value = required ? required(name) : values.get(name);
        if (value == null) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        if (value.length() < min) {
            problems.add("Value '" + value + "' at '" + memberName(name) + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            problems.add("Value '" + value + "' at '" + memberName(name) + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            problems.add("Value '" + value + "' at '" + memberName(name) + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        if (!problems.isEmpty()) {
            throw validation(problems);
        }
        return value;
    }

    public Optional<Integer> integer(String name, int min, int max) {
        String text = values.get(name);
        if (text == null) {
            return Optional.empty();
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw validation("Value '" + text + "' at '" + memberName(name) + "' failed to satisfy constraint: Member must be a number");
        }
        if (value < min) {
            throw validation("Value '" + value + "' at '" + memberName(name) + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw validation("Value '" + value + "' at '" + memberName(name) + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return Optional.of(value);
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    /** {@code Name.member.1}, {@code Name.member.2}, ... in order. */
    public List<String> list(String name) {
        List<String> items = new ArrayList<>();
        for (int i = 1; values.containsKey(name + ".member." + i); i++) {
            items.add(values.get(name + ".member." + i));
        }
        return items;
    }

    /** {@code Name.member.1.Field}, ... as one map of fields per member. */
    public List<Map<String, String>> structures(String name) {
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 1; ; i++) {
            String prefix = name + ".member." + i + ".";
            Map<String, String> fields = new LinkedHashMap<>();
            values.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    fields.put(key.substring(prefix.length()), value);
                }
            });
            if (fields.isEmpty()) {
                return items;
            }
            items.add(fields);
        }
    }

    /** The members of a list inside a structure: {@code ContextKeyValues.member.N} of one entry. */
    public static List<String> nestedList(Map<String, String> structure, String name) {
        List<String> items = new ArrayList<>();
        for (int i = 1; structure.containsKey(name + ".member." + i); i++) {
            items.add(structure.get(name + ".member." + i));
        }
        return items;
    }

    public static AwsException validation(String problem) {
        return validation(List.of(problem));
    }

    private static AwsException validation(List<String> problems) {
        return new AwsException("ValidationError", 400, AwsException.validationMessage(problems));
    }

    /** The model's member name as AWS's validation messages spell it: RoleName is 'roleName'. */
    private static String memberName(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
