package dev.chatlab.localcloud.services.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.policy.AuthorizationRequest;
import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyEngine;
import dev.chatlab.localcloud.policy.PolicyKind;
import dev.chatlab.localcloud.policy.Principal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A function's resource policy, built statement by statement as AddPermission builds it on
 * AWS ({@code {"Version":"2012-10-17","Id":"default","Statement":[...]}}) and evaluated by
 * IAM's policy engine, so a SourceArn that does not match denies as it does on AWS.
 */
final class ResourcePolicies {

    private static final Pattern ACTION = Pattern.compile("(lambda:[*]|lambda:[a-zA-Z]+|[*])");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final PolicyEngine ENGINE = new PolicyEngine();

    private ResourcePolicies() {
    }

    /** The statement AddPermission adds, as the JSON text it returns. */
    static ObjectNode statement(String sid, String action, String principal, String sourceArn, String sourceAccount,
                                String functionArn) {
        if (action == null || !ACTION.matcher(action).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + action
                    + "' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
        }
        ObjectNode statement = Json.object().put("Sid", sid).put("Effect", "Allow");
        if (principal.equals("*")) {
            statement.put("Principal", "*");
        } else if (ACCOUNT.matcher(principal).matches()) {
            statement.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
        } else if (principal.startsWith("arn:")) {
            statement.putObject("Principal").put("AWS", principal);
        } else {
            statement.putObject("Principal").put("Service", principal);
        }
        statement.put("Action", action).put("Resource", functionArn);
        if (sourceArn != null || sourceAccount != null) {
            ObjectNode condition = statement.putObject("Condition");
            if (sourceAccount != null) {
                condition.putObject("StringEquals").put("AWS:SourceAccount", sourceAccount);
            }
            if (sourceArn != null) {
                condition.putObject("ArnLike").put("AWS:SourceArn", sourceArn);
            }
        }
        return statement;
    }

    /** The policy with {@code statement} added; ResourceConflictException when its Sid is taken. */
    static String add(String policy, ObjectNode statement) {
        ObjectNode document = policy == null ? empty() : (ObjectNode) read(policy);
        ArrayNode statements = (ArrayNode) document.get("Statement");
        String sid = statement.get("Sid").asText();
        for (JsonNode existing : statements) {
            if (existing.path("Sid").asText().equals(sid)) {
                throw new AwsException("ResourceConflictException", 409,
                        "The statement id (" + sid + ") provided already exists. Please provide a new statement id, or remove the existing statement.");
            }
        }
        statements.add(statement);
        String json = Json.write(document);
        PolicyDocument.parse(json, PolicyKind.RESOURCE);
        return json;
    }

    /** The policy without the statement {@code sid}, or null when none is left. */
    static String remove(String policy, String sid) {
        if (policy == null) {
            throw new AwsException("ResourceNotFoundException", 404, "No policy is associated with the given resource.");
        }
        ObjectNode document = (ObjectNode) read(policy);
        ArrayNode statements = (ArrayNode) document.get("Statement");
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).path("Sid").asText().equals(sid)) {
                statements.remove(i);
                return statements.isEmpty() ? null : Json.write(document);
            }
        }
        throw new AwsException("ResourceNotFoundException", 404, "Statement " + sid + " is not found in resource policy.");
    }

    /** True when the policy lets the service principal invoke the function for {@code sourceArn}. */
    static boolean allowsService(String policy, String servicePrincipal, String functionArn, String sourceArn, String account) {
        if (policy == null) {
            return false;
        }
        Map<String, List<String>> context = sourceArn == null
                ? Map.of("aws:SourceAccount", List.of(account))
                : Map.of("aws:SourceArn", List.of(sourceArn), "aws:SourceAccount", List.of(account));
        AuthorizationRequest request = new AuthorizationRequest(Principal.service(servicePrincipal),
                "lambda:InvokeFunction", functionArn, context);
        return ENGINE.evaluate(request, List.of(), PolicyDocument.parse(policy, PolicyKind.RESOURCE)).isAllowed();
    }

    private static ObjectNode empty() {
        ObjectNode document = Json.object().put("Version", "2012-10-17").put("Id", "default");
        document.putArray("Statement");
        return document;
    }

    private static JsonNode read(String json) {
        return Json.parse(json.getBytes(StandardCharsets.UTF_8), () -> new AwsException("ServiceException", 500, "stored policy is unreadable"));
    }
}
