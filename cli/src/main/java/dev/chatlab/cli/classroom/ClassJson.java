package dev.chatlab.cli.classroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON of the class server's API, written and read the same way on both sides. */
final class ClassJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ClassJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
