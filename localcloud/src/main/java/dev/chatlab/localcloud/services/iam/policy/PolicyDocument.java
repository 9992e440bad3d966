package dev.chatlab.localcloud.services.iam.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, validated IAM policy document (identity, resource or trust policy).
 * {@link #parse} refuses what AWS refuses, so a student's typo fails here as it would on AWS.
 *
 * @param sourceId where the document came from (a policy ARN, "inline:name", "bucket-policy"),
 *                 reported by the simulator's MatchedStatements
 */
public record PolicyDocument(String version, List<Statement> statements, String json, String sourceId) {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");

    public PolicyDocument withSourceId(String id) {
        return new PolicyDocument(version, statements, json, id);
    }

    /** Parses and validates {@code json} against the grammar of {@code kind}. */
    public static PolicyDocument parse(String json, PolicyKind kind) {
        if (json == null || json.isBlank()) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (IOException e) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!TOP_LEVEL.contains(name)) {
                throw new MalformedPolicyException("Unknown field " + name);
            }
        });
        String version = root.path("Version").asText("2008-10-17");
        if (!VERSIONS.contains(version)) {
            throw new MalformedPolicyException("The policy must contain a valid version string");
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null || !(statementNode.isObject() || statementNode.isArray()) || statementNode.isEmpty()) {
            throw new MalformedPolicyException("Missing required field Statement");
        }
        List<Statement> statements = new ArrayList<>();
        List<JsonNode> nodes = new ArrayList<>();
        if (statementNode.isArray()) {
            statementNode.forEach(nodes::add);
        } else {
            nodes.add(statementNode);
        }
        for (int i = 0; i < nodes.size(); i++) {
            statements.add(parseStatement(nodes.get(i), kind, i));
        }
        return new PolicyDocument(version, List.copyOf(statements), json, "");
    }

    private static Statement parseStatement(JsonNode node, PolicyKind kind, int index) {
        if (!node.isObject()) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!STATEMENT_FIELDS.contains(name)) {
                throw new MalformedPolicyException("Unknown field " + name);
            }
        });
        String effect = node.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new MalformedPolicyException(node.has("Effect") ? "Invalid effect: " + effect : "Missing required field Effect");
        }
        Pair actions = pair(node, "Action", "NotAction");
        if (actions == null) {
            throw new MalformedPolicyException("Missing required field Action");
        }
        for (String action : actions.values) {
            if (!action.equals("*") && !action.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
                throw new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
            }
        }
        Pair resources = pair(node, "Resource", "NotResource");
        Map<String, List<String>> principals = new LinkedHashMap<>();
        boolean notPrincipal = node.has("NotPrincipal");
        JsonNode principalNode = node.has("Principal") ? node.get("Principal") : node.get("NotPrincipal");
        if (node.has("Principal") && node.has("NotPrincipal")) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        if (principalNode != null) {
            principals.putAll(parsePrincipal(principalNode));
        }
        switch (kind) {
            case IDENTITY -> {
                if (principalNode != null) {
                    throw new MalformedPolicyException("Policy document should not specify a principal.");
                }
                if (resources == null) {
                    throw new MalformedPolicyException("Missing required field Resource");
                }
            }
            case RESOURCE -> {
                if (principalNode == null) {
                    throw new MalformedPolicyException("Missing required field Principal");
                }
                if (resources == null) {
                    throw new MalformedPolicyException("Missing required field Resource");
                }
            }
            case TRUST -> {
                if (principalNode == null) {
                    throw new MalformedPolicyException("Missing required field Principal");
                }
                if (resources != null) {
                    throw new MalformedPolicyException("Has prohibited field Resource");
                }
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        return new Statement(node.path("Sid").asText(null), effect.equals("Allow"),
                principals, notPrincipal,
                actions.values, actions.negated,
                resources == null ? List.of() : resources.values, resources != null && resources.negated,
                parseConditions(node.get("Condition")), index);
    }

    private record Pair(List<String> values, boolean negated) {
    }

    /** Reads {@code positive} or {@code negative} (never both): a string or a non-empty array of strings. */
    private static Pair pair(JsonNode node, String positive, String negative) {
        if (node.has(positive) && node.has(negative)) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        boolean negated = node.has(negative);
        JsonNode value = node.get(negated ? negative : positive);
        if (value == null) {
            return null;
        }
        List<String> values = strings(value);
        if (values.isEmpty()) {
            throw new MalformedPolicyException("Required field " + (negated ? negative : positive) + " cannot be empty");
        }
        return new Pair(values, negated);
    }

    private static Map<String, List<String>> parsePrincipal(JsonNode node) {
        Map<String, List<String>> principals = new LinkedHashMap<>();
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw new MalformedPolicyException("Invalid principal in policy");
            }
            principals.put("*", List.of("*"));
            return principals;
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new MalformedPolicyException("Invalid principal in policy");
        }
        node.fields().forEachRemaining(entry -> {
            if (!Set.of("AWS", "Service", "Federated", "CanonicalUser").contains(entry.getKey())) {
                throw new MalformedPolicyException("Invalid principal in policy");
            }
            List<String> values = strings(entry.getValue());
            if (values.isEmpty()) {
                throw new MalformedPolicyException("Invalid principal in policy");
            }
            principals.put(entry.getKey(), values);
        });
        return principals;
    }

    private static Map<String, Map<String, List<String>>> parseConditions(JsonNode node) {
        Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
        if (node == null) {
            return conditions;
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        node.fields().forEachRemaining(operator -> {
            if (!operator.getValue().isObject()) {
                throw new MalformedPolicyException("Syntax errors in policy.");
            }
            Map<String, List<String>> keys = new LinkedHashMap<>();
            operator.getValue().fields().forEachRemaining(key -> keys.put(key.getKey(), strings(key.getValue())));
            conditions.put(operator.getKey(), keys);
        });
        return conditions;
    }

    /** A string, number or boolean, or an array of them, as strings (policies allow all three). */
    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new MalformedPolicyException("Syntax errors in policy.");
                }
                values.add(item.asText());
            }
        } else if (node.isValueNode() && !node.isNull()) {
            values.add(node.asText());
        } else {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        return values;
    }
}
