package dev.chatlab.localcloud.services.s3.access;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.policy.MalformedPolicyException;
import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyKind;
import dev.chatlab.localcloud.policy.Statement;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What S3 itself checks in a bucket policy on PutBucketPolicy, on top of the IAM grammar:
 * JSON that starts with '{', resources inside this bucket, S3 actions that apply to the
 * statement's resources, principals of a valid shape. Every failure is MalformedPolicy with
 * the message S3 gives.
 */
public final class BucketPolicyValidator {

    static final int MAX_POLICY_BYTES = 20 * 1024;
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern IAM_ARN = Pattern.compile("arn:aws:(iam::\\d{12}:(root|user/.+|role/.+)|sts::\\d{12}:assumed-role/.+/.+)");
    private static final Pattern CANONICAL_USER = Pattern.compile("[0-9a-f]{64}");

    private BucketPolicyValidator() {
    }

    public static PolicyDocument validate(String bucket, String json) {
        String trimmed = json == null ? "" : json.strip();
        if (trimmed.isEmpty() || trimmed.charAt(0) != '{') {
            throw S3Errors.malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_POLICY_BYTES) {
            throw new AwsException("PolicyTooLarge", 400, "Policy exceeds the maximum allowed document size.");
        }
        try {
            STRICT.readTree(trimmed);
        } catch (IOException e) {
            throw S3Errors.malformedPolicy("This policy contains invalid Json");
        }
        PolicyDocument policy;
        try {
            policy = PolicyDocument.parse(trimmed, PolicyKind.RESOURCE);
        } catch (MalformedPolicyException e) {
            // S3 words a statement without Resource its own way; the IAM grammar's other messages are S3's too.
            throw S3Errors.malformedPolicy(e.getMessage().equals("Missing required field Resource")
                    ? "Statement is missing required element" : e.getMessage());
        }
        for (Statement statement : policy.statements()) {
            checkPrincipals(statement.principals());
            checkResources(bucket, statement.resources());
            if (!statement.notAction()) {
                checkActions(statement);
            }
        }
        return policy.withSourceId("bucket-policy");
    }

    private static void checkPrincipals(Map<String, List<String>> principals) {
        principals.forEach((type, values) -> {
            for (String value : values) {
                boolean valid = switch (type) {
                    case "*" -> true;
                    case "AWS" -> value.equals("*") || ACCOUNT.matcher(value).matches() || IAM_ARN.matcher(value).matches();
                    case "Service" -> value.endsWith(".amazonaws.com") || value.endsWith(".amazonaws.com.cn");
                    case "CanonicalUser" -> CANONICAL_USER.matcher(value).matches();
                    default -> !value.isBlank();
                };
                if (!valid) {
                    throw S3Errors.malformedPolicy("Invalid principal in policy");
                }
            }
        });
    }

    private static void checkResources(String bucket, List<String> resources) {
        for (String resource : resources) {
            if (!resource.startsWith("arn:aws:s3:::")) {
                throw S3Errors.malformedPolicy("Policy has invalid resource");
            }
            String rest = resource.substring("arn:aws:s3:::".length());
            int slash = rest.indexOf('/');
            String bucketPart = slash < 0 ? rest : rest.substring(0, slash);
            if (bucketPart.isEmpty() || !Glob.matches(bucketPart, bucket)) {
                throw S3Errors.malformedPolicy("Policy has invalid resource");
            }
        }
    }

    private static void checkActions(Statement statement) {
        for (String action : statement.actions()) {
            S3Actions.Target target = S3Actions.target(action);
            if (target == S3Actions.Target.UNKNOWN) {
                throw S3Errors.malformedPolicy("Policy has invalid action");
            }
            if (statement.notResource() || target == S3Actions.Target.ANY) {
                continue;
            }
            boolean applies = statement.resources().stream().anyMatch(resource -> target == S3Actions.Target.OBJECT
                    ? namesObjects(resource) : namesBucket(resource));
            if (!applies) {
                throw S3Errors.malformedPolicy("Action does not apply to any resource(s) in statement");
            }
        }
    }

    /** arn:aws:s3:::bucket/... or a pattern whose wildcard reaches past the bucket name. */
    private static boolean namesObjects(String resource) {
        return resource.substring("arn:aws:s3:::".length()).contains("/") || resource.endsWith("*");
    }

    private static boolean namesBucket(String resource) {
        String rest = resource.substring("arn:aws:s3:::".length());
        return !rest.contains("/");
    }
}
