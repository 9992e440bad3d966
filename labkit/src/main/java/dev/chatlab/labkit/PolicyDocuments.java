package dev.chatlab.labkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Policy documents as the steps read them back from the cloud. A summary is one line per
 * statement, "Allow dynamodb:PutItem, dynamodb:Query on arn:...:table/ChatMessages", so what a
 * student sees is what IAM (or S3) holds, not what the step meant to write.
 */
public final class PolicyDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {
    }

    /**
     * The statements of a policy, joined by "; ". IAM answers documents URL-encoded (RFC 3986);
     * they are decoded first. A document that is not JSON comes back as it is.
     */
    public static String summary(String document) {
        return String.join("; ", statements(document));
    }

    /** One line per statement: Effect, Principal (when there is one), Action (or NotAction), Resource. */
    public static List<String> statements(String document) {
        JsonNode policy;
        try {
            policy = JSON.readTree(decoded(document));
        } catch (IOException e) {
            return List.of(document);
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode statement : TrustPolicies.oneOrMany(policy.path("Statement"))) {
            StringBuilder line = new StringBuilder(statement.path("Effect").asText("?"));
            JsonNode principal = statement.path("Principal");
            if (!principal.isMissingNode()) {
                line.append(" ").append(principal.isTextual() ? principal.asText() : principal.toString());
            }
            boolean notAction = statement.has("NotAction");
            line.append(notAction ? " every action but " : " ").append(joined(statement.path(notAction ? "NotAction" : "Action")));
            boolean notResource = statement.has("NotResource");
            if (notResource || statement.has("Resource")) {
                line.append(notResource ? " on everything but " : " on ").append(joined(statement.path(notResource ? "NotResource" : "Resource")));
            }
            if (statement.has("Condition")) {
                line.append(" if ").append(statement.path("Condition"));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * Whether two documents say the same thing word for word (the same JSON, whatever the
     * spacing or encoding): a step replaces a policy only when it differs.
     */
    public static boolean same(String first, String second) {
        try {
            return JSON.readTree(decoded(first)).equals(JSON.readTree(decoded(second)));
        } catch (IOException e) {
            return false;
        }
    }

    /** A document as IAM returns it (URL-encoded) or as written: the JSON text. */
    public static String decoded(String document) {
        String trimmed = Objects.requireNonNullElse(document, "").trim();
        return trimmed.startsWith("%7B") || trimmed.startsWith("%7b") ? URLDecoder.decode(trimmed, StandardCharsets.UTF_8) : trimmed;
    }

    private static String joined(JsonNode node) {
        return TrustPolicies.oneOrMany(node).stream().map(JsonNode::asText).collect(Collectors.joining(", "));
    }
}
