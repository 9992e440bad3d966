package dev.chatlab.cli.classroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** An IAM policy document of Allow statements, written as the JSON IAM takes. */
final class PolicyDocument {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
    private final ArrayNode statements = policy.putArray("Statement");

    PolicyDocument allow(String sid, List<String> actions, List<String> resources) {
        return allow(sid, actions, resources, null);
    }

    /** Adds a statement that allows {@code actions} on {@code resources}, when {@code condition} (if any) holds. */
    PolicyDocument allow(String sid, List<String> actions, List<String> resources, Map<String, Map<String, String>> condition) {
        ObjectNode statement = statements.addObject().put("Sid", sid).put("Effect", "Allow");
        actions.forEach(statement.putArray("Action")::add);
        resources.forEach(statement.putArray("Resource")::add);
        if (condition != null) {
            statement.set("Condition", JSON.valueToTree(condition));
        }
        return this;
    }

    String json() {
        try {
            return JSON.writeValueAsString(policy) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
