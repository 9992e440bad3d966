package dev.chatlab.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** The JSON the functions read and write (PROTOCOL.md): frames, answers, log lines. */
public final class Frames {

    static final ObjectMapper JSON = new ObjectMapper();

    private Frames() {
    }

    /** {"type":"message",...}: what every member of the room receives. */
    public static String message(ChatMessage message) {
        return write(JSON.createObjectNode()
                .put("type", "message")
                .put("roomId", message.roomId())
                .put("messageId", message.messageId())
                .put("nickname", message.nickname())
                .put("text", message.text())
                .put("sentAt", message.sentAt()));
    }

    /** {"type":"error","code":...}: what the sender alone receives when its frame is refused. */
    public static String error(String code, String message) {
        return write(JSON.createObjectNode().put("type", "error").put("code", code).put("message", message));
    }

    /** A structured log line: one JSON object, easy to filter in CloudWatch Logs. */
    public static String log(String event, String... keysAndValues) {
        ObjectNode line = JSON.createObjectNode().put("event", event);
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            line.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return write(line);
    }

    /** Parses a client's frame; empty when it is not a JSON object. */
    public static Optional<JsonNode> parseObject(String body) {
        if (body == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(body)).filter(JsonNode::isObject);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
