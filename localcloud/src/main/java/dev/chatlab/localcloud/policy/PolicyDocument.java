package dev.chatlab.localcloud.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, validated IAM policy document (identity, resource or trust policy).
 * {@link #parse} refuses what AWS refuses, so a student's typo fails here as it would on AWS.
 *
 * <p>Identity and trust policies are checked in IAM's order and with IAM's messages (as IAM
 * answers CreatePolicy, PutRolePolicy and CreateRole): first the document's shape, where any
 * misplaced or mistyped element is "Syntax errors in policy." (a trust policy names an unknown
 * field: "Unknown field X"); then each statement's content ("Policy statement must contain
 * actions.", "Policy document should not specify a principal.", "Has prohibited field Resource",
 * {@code Invalid principal in policy: "SERVICE":"..."}, ...). A document without a
 * {@code Version} is read by IAM's legacy parser, whose only complaint is "The policy failed
 * legacy parsing". Resource policies keep the S3-style messages ("Missing required field
 * Principal", "Unknown field X") that bucket policies answer with.
 *
 * @param sourceId where the document came from (a policy ARN, "inline:name", "bucket-policy"),
 *                 reported by the simulator's MatchedStatements
 */
public record PolicyDocument(String version, List<Statement> statements, String json, String sourceId) {

    /** The policy language version that every new policy should name. */
    public static final String CURRENT_VERSION = "2012-10-17";
    static final String SYNTAX_ERRORS = "Syntax errors in policy.";
    static final String LEGACY_PARSING_FAILED = "The policy failed legacy parsing";

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> VERSIONS = Set.of(CURRENT_VERSION, "2008-10-17");
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

    public PolicyDocument withSourceId(String id) {
        return new PolicyDocument(version, statements, json, id);
    }

    /** Parses and validates {@code json} against the grammar of {@code kind}. */
    public static PolicyDocument parse(String json, PolicyKind kind) {
        if (json == null || json.isBlank()) {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (IOException e) {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        try {
            return new Parser(kind).document(root, json);
        } catch (MalformedPolicyException e) {
            if (kind != PolicyKind.RESOURCE && !root.has("Version")) {
                throw new MalformedPolicyException(LEGACY_PARSING_FAILED);
            }
            throw e;
        }
    }

    /** True for the 2012-10-17 policy language (required by managed policies; the one with policy variables). */
    public boolean isCurrentVersion() {
        return CURRENT_VERSION.equals(version);
    }

    /** One parse: the shape of the whole document first, then each statement's content. */
    private static final class Parser {

        private final PolicyKind kind;
        private final boolean iam;

        Parser(PolicyKind kind) {
            this.kind = kind;
            this.iam = kind != PolicyKind.RESOURCE;
        }

        PolicyDocument document(JsonNode root, String json) {
            root.fieldNames().forEachRemaining(name -> {
                if (!TOP_LEVEL.contains(name)) {
                    throw new MalformedPolicyException(kind == PolicyKind.IDENTITY ? SYNTAX_ERRORS : "Unknown field " + name);
                }
            });
            JsonNode versionNode = root.get("Version");
            String version = versionNode == null ? "2008-10-17" : versionNode.isTextual() ? versionNode.asText() : "";
            if (!VERSIONS.contains(version)) {
                throw new MalformedPolicyException(iam ? SYNTAX_ERRORS : "The policy must contain a valid version string");
            }
            if (root.has("Id") && !root.get("Id").isTextual()) {
                throw new MalformedPolicyException(SYNTAX_ERRORS);
            }
            JsonNode statementNode = root.get("Statement");
            if (statementNode == null || !(statementNode.isObject() || statementNode.isArray()) || statementNode.isEmpty()) {
                throw new MalformedPolicyException(iam ? SYNTAX_ERRORS : "Missing required field Statement");
            }
            List<JsonNode> nodes = new ArrayList<>();
            if (statementNode.isArray()) {
                statementNode.forEach(nodes::add);
            } else {
                nodes.add(statementNode);
            }
            List<Statement> statements = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                statements.add(shape(nodes.get(i), i));
            }
            Set<String> sids = new HashSet<>();
            for (Statement statement : statements) {
                content(statement, sids);
            }
            return new PolicyDocument(version, List.copyOf(statements), json, "");
        }

        /** Phase 1: element names, types and the Effect; anything wrong here is a syntax error. */
        private Statement shape(JsonNode node, int index) {
            if (!node.isObject()) {
                throw new MalformedPolicyException(SYNTAX_ERRORS);
            }
            node.fieldNames().forEachRemaining(name -> {
                if (!STATEMENT_FIELDS.contains(name)) {
                    throw new MalformedPolicyException(kind == PolicyKind.IDENTITY ? SYNTAX_ERRORS : "Unknown field " + name);
                }
            });
            if (node.has("Sid") && !node.get("Sid").isTextual()) {
                throw new MalformedPolicyException(SYNTAX_ERRORS);
            }
            String effect = node.path("Effect").asText("");
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                if (iam) {
                    throw new MalformedPolicyException(SYNTAX_ERRORS);
                }
                throw new MalformedPolicyException(node.has("Effect") ? "Invalid effect: " + effect : "Missing required field Effect");
            }
            Pair actions = pair(node, "Action", "NotAction");
            Pair resources = pair(node, "Resource", "NotResource");
            if (node.has("Principal") && node.has("NotPrincipal")) {
                throw new MalformedPolicyException(SYNTAX_ERRORS);
            }
            boolean notPrincipal = node.has("NotPrincipal");
            JsonNode principalNode = notPrincipal ? node.get("NotPrincipal") : node.get("Principal");
            Map<String, List<String>> principals = principalNode == null ? Map.of() : parsePrincipal(principalNode);
            return new Statement(node.has("Sid") ? node.get("Sid").asText() : null, effect.equals("Allow"),
                    principals, notPrincipal,
                    actions == null ? List.of() : actions.values, actions != null && actions.negated,
                    resources == null ? List.of() : resources.values, resources != null && resources.negated,
                    parseConditions(node.get("Condition")), index);
        }

        /** Phase 2: what each kind of policy requires and forbids. */
        private void content(Statement statement, Set<String> sids) {
            if (iam && statement.sid() != null) {
                if (!statement.sid().matches("[0-9A-Za-z]*")) {
                    throw new MalformedPolicyException("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*");
                }
                if (!statement.sid().isEmpty() && !sids.add(statement.sid())) {
                    throw new MalformedPolicyException("Statement IDs (SID) in a single policy must be unique.");
                }
            }
            switch (kind) {
                case IDENTITY -> {
                    if (statement.hasPrincipal()) {
                        throw new MalformedPolicyException("Policy document should not specify a principal.");
                    }
                    requireActions(statement, "Policy statement must contain actions.");
                    if (!statement.hasResource()) {
                        throw new MalformedPolicyException("Policy statement must contain resources.");
                    }
                    statement.resources().forEach(Parser::checkIdentityResource);
                }
                case TRUST -> {
                    if (statement.hasResource()) {
                        throw new MalformedPolicyException("Has prohibited field Resource");
                    }
                    if (!statement.hasPrincipal()) {
                        throw new MalformedPolicyException("Missing required field Principal");
                    }
                    requireActions(statement, "Policy statement must contain actions.");
                    checkTrustPrincipals(statement.principals());
                }
                case RESOURCE -> {
                    requireActions(statement, "Missing required field Action");
                    if (!statement.hasPrincipal()) {
                        throw new MalformedPolicyException("Missing required field Principal");
                    }
                    if (!statement.hasResource()) {
                        throw new MalformedPolicyException("Missing required field Resource");
                    }
                }
                default -> throw new IllegalArgumentException(kind.name());
            }
        }

        private static void requireActions(Statement statement, String message) {
            if (statement.actions().isEmpty()) {
                throw new MalformedPolicyException(message);
            }
            for (String action : statement.actions()) {
                if (!action.equals("*") && !action.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+")) {
                    throw new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
                }
            }
        }

        /** IAM's checks of a Resource in an identity policy: "*" or an ARN with a plain vendor. */
        private static void checkIdentityResource(String resource) {
            if (resource.equals("*")) {
                return;
            }
            if (!resource.startsWith("arn:")) {
                throw new MalformedPolicyException("Resource " + resource + " must be in ARN format or \"*\".");
            }
            String[] parts = resource.split(":", 6);
            if (parts.length < 3 || parts[2].isEmpty() || parts[2].contains("*") || parts[2].contains("?")) {
                throw new MalformedPolicyException("Resource vendor must be fully qualified and cannot contain regexes.");
            }
            if (parts.length < 6) {
                throw new MalformedPolicyException(LEGACY_PARSING_FAILED);
            }
        }

        /**
         * A trust policy names principals IAM can resolve: "*", an account id, an IAM or STS ARN,
         * a service's name ending in .amazonaws.com. (Whether a named role exists is IamService's check.)
         */
        private static void checkTrustPrincipals(Map<String, List<String>> principals) {
            for (Map.Entry<String, List<String>> entry : principals.entrySet()) {
                for (String value : entry.getValue()) {
                    boolean valid = switch (entry.getKey()) {
                        case "*" -> true;
                        case "AWS" -> value.equals("*") || value.matches("\\d{12}")
                                || value.matches("arn:aws:(iam|sts)::\\d{12}:.+");
                        case "Service" -> value.matches("[a-z0-9][a-z0-9.-]*\\.amazonaws\\.com");
                        case "Federated" -> !value.isBlank();
                        default -> false;
                    };
                    if (!valid) {
                        throw new MalformedPolicyException(invalidPrincipal(entry.getKey(), value));
                    }
                }
            }
        }

        /** Reads {@code positive} or {@code negative} (never both): a string or an array of strings. */
        private static Pair pair(JsonNode node, String positive, String negative) {
            if (node.has(positive) && node.has(negative)) {
                throw new MalformedPolicyException(SYNTAX_ERRORS);
            }
            boolean negated = node.has(negative);
            JsonNode value = node.get(negated ? negative : positive);
            if (value == null) {
                return null;
            }
            return new Pair(strings(value), negated);
        }

        private Map<String, List<String>> parsePrincipal(JsonNode node) {
            Map<String, List<String>> principals = new LinkedHashMap<>();
            if (node.isTextual()) {
                if (!node.asText().equals("*")) {
                    throw new MalformedPolicyException(iam ? SYNTAX_ERRORS : "Invalid principal in policy");
                }
                principals.put("*", List.of("*"));
                return principals;
            }
            if (!node.isObject() || node.isEmpty()) {
                throw new MalformedPolicyException(iam ? SYNTAX_ERRORS : "Invalid principal in policy");
            }
            node.properties().forEach(entry -> {
                if (!PRINCIPAL_TYPES.contains(entry.getKey())) {
                    throw new MalformedPolicyException(iam ? SYNTAX_ERRORS : "Invalid principal in policy");
                }
                List<String> values = strings(entry.getValue());
                if (values.isEmpty()) {
                    throw new MalformedPolicyException(iam ? SYNTAX_ERRORS : "Invalid principal in policy");
                }
                principals.put(entry.getKey(), values);
            });
            return principals;
        }
    }

    /** IAM's message for a principal it cannot resolve, e.g. {@code Invalid principal in policy: "SERVICE":"x.amazonaws.com"}. */
    public static String invalidPrincipal(String type, String value) {
        String shown = type.equals("Service") ? "SERVICE" : type;
        return "Invalid principal in policy: \"" + shown + "\":\"" + value + "\"";
    }

    private record Pair(List<String> values, boolean negated) {
    }

    private static Map<String, Map<String, List<String>>> parseConditions(JsonNode node) {
        Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
        if (node == null) {
            return conditions;
        }
        if (!node.isObject()) {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        node.properties().forEach(operator -> {
            ConditionOperator.parse(operator.getKey());
            if (!operator.getValue().isObject() || operator.getValue().isEmpty()) {
                throw new MalformedPolicyException(SYNTAX_ERRORS);
            }
            Map<String, List<String>> keys = new LinkedHashMap<>();
            operator.getValue().properties().forEach(key -> {
                List<String> values = strings(key.getValue());
                if (values.isEmpty()) {
                    throw new MalformedPolicyException(SYNTAX_ERRORS);
                }
                keys.put(key.getKey(), values);
            });
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
                    throw new MalformedPolicyException(SYNTAX_ERRORS);
                }
                values.add(item.asText());
            }
        } else if (node.isValueNode() && !node.isNull()) {
            values.add(node.asText());
        } else {
            throw new MalformedPolicyException(SYNTAX_ERRORS);
        }
        return values;
    }
}
