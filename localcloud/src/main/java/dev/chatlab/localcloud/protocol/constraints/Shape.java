package dev.chatlab.localcloud.protocol.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One shape of a service model, as {@code tools/service-constraints.py} keeps it: its type, its
 * constraints, and for an aggregate the shapes of its parts (a part left out has no constraint).
 *
 * @param pattern the model's pattern, or null (also for one Java cannot compile: not checked)
 * @param payload the member a REST operation's body is (Lambda Invoke's Payload), or null when the
 *                body holds the members
 */
record Shape(String type, Long min, Long max, Pattern pattern, Map<String, Member> members, List<String> required,
             String member, String key, String value, String payload) {

    /** A structure's member: its shape and where a REST request carries it ("uri", "querystring", "header", or the body). */
    record Member(String shape, String location, String locationName) {
    }

    static Shape read(JsonNode json) {
        Map<String, Member> members = new LinkedHashMap<>();
        json.path("members").fields().forEachRemaining(entry -> members.put(entry.getKey(), new Member(
                entry.getValue().path("shape").asText(), text(entry.getValue(), "location"), text(entry.getValue(), "locationName"))));
        List<String> required = new ArrayList<>();
        json.path("required").forEach(name -> required.add(name.asText()));
        return new Shape(json.path("type").asText(), number(json, "min"), number(json, "max"), pattern(text(json, "pattern")),
                members, required, text(json, "member"), text(json, "key"), text(json, "value"), text(json, "payload"));
    }

    boolean isNumber() {
        return type.equals("integer") || type.equals("long");
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null ? null : value.asText();
    }

    private static Long number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null ? null : value.asLong();
    }

    private static Pattern pattern(String regex) {
        try {
            return regex == null ? null : Pattern.compile(regex);
        } catch (PatternSyntaxException notJava) {
            return null;
        }
    }
}
