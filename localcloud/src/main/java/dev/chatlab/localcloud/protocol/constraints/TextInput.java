package dev.chatlab.localcloud.protocol.constraints;

import java.util.List;
import java.util.Map;

/** A REST path label, query parameter or header: always a scalar. */
record TextInput(String text) implements InputValue {

    static InputValue of(String text) {
        return text == null ? null : new TextInput(text);
    }

    @Override
    public InputValue member(String wireName) {
        return null;
    }

    @Override
    public List<InputValue> elements() {
        return List.of();
    }

    @Override
    public Map<String, InputValue> entries() {
        return Map.of();
    }
}
