package dev.chatlab.localcloud.protocol.constraints;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query-protocol parameters (IAM, STS, CloudFormation) as {@link InputValue}s: the value at one
 * prefix, {@code Tags.member.1.Key} for the Key of a list's first structure,
 * {@code Attributes.entry.1.key} for a map's first key.
 */
record QueryInput(Map<String, String> params, String prefix) implements InputValue {

    static InputValue root(Map<String, String> params) {
        return new QueryInput(params, "");
    }

    @Override
    public InputValue member(String wireName) {
        String name = prefix + wireName;
        if (params.containsKey(name)) {
            return new QueryInput(params, name);
        }
        String nested = name + ".";
        return params.keySet().stream().anyMatch(key -> key.startsWith(nested)) ? new QueryInput(params, nested) : null;
    }

    @Override
    public List<InputValue> elements() {
        List<InputValue> elements = new ArrayList<>();
        for (int i = 1; ; i++) {
            InputValue element = nested().member("member." + i);
            if (element == null) {
                return elements;
            }
            elements.add(element);
        }
    }

    @Override
    public Map<String, InputValue> entries() {
        Map<String, InputValue> entries = new LinkedHashMap<>();
        String base = nested().prefix;
        for (int i = 1; params.containsKey(base + "entry." + i + ".key"); i++) {
            entries.put(params.get(base + "entry." + i + ".key"), new QueryInput(params, base + "entry." + i + ".").member("value"));
        }
        return entries;
    }

    /** This value as the parent of others: an empty list is sent as {@code Tags=}, its members as {@code Tags.member.1}. */
    private QueryInput nested() {
        return prefix.isEmpty() || prefix.endsWith(".") ? this : new QueryInput(params, prefix + ".");
    }

    @Override
    public String text() {
        return prefix.endsWith(".") ? null : params.get(prefix);
    }
}
