package dev.chatlab.localcloud.services.s3.access;

import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * "The meaning of public" for S3 Block Public Access: a bucket policy is non-public only if
 * each of its Allow statements grants access to fixed values (no wildcard, no policy variable)
 * of a principal, or is limited by a condition that fixes one of the keys S3 lists
 * (aws:SourceIp to a CIDR set, aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner,
 * aws:SourceAccount, s3:x-amz-server-side-encryption-aws-kms-key-id, aws:userid outside
 * "AROLEID:*", aws:PrincipalAccount, aws:PrincipalArn, aws:PrincipalOrgID, s3:DataAccessPointArn,
 * s3:DataAccessPointAccount). BlockPublicPolicy refuses such a policy; RestrictPublicBuckets
 * ignores its grants to anyone outside the account.
 */
public final class PublicPolicyAnalyzer {

    private static final Set<String> FIXING_KEYS = Set.of("aws:sourceip", "aws:sourcearn", "aws:sourcevpc",
            "aws:sourcevpce", "aws:sourceowner", "aws:sourceaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id",
            "aws:userid", "aws:principalaccount", "aws:principalarn", "aws:principalorgid",
            "s3:dataaccesspointarn", "s3:dataaccesspointaccount");
    private static final Set<String> FIXING_OPERATORS = Set.of("stringequals", "stringequalsignorecase", "arnequals",
            "arnlike", "stringlike", "ipaddress");

    private PublicPolicyAnalyzer() {
    }

    public static boolean isPublic(PolicyDocument policy) {
        return policy.statements().stream().filter(Statement::allow).anyMatch(PublicPolicyAnalyzer::isPublic);
    }

    private static boolean isPublic(Statement statement) {
        if (statement.notPrincipal()) {
            return true;
        }
        boolean wildcardPrincipal = statement.principals().entrySet().stream()
                .anyMatch(entry -> entry.getKey().equals("*") || entry.getValue().stream().anyMatch(Glob::hasWildcard));
        return wildcardPrincipal && !hasFixingCondition(statement.conditions());
    }

    private static boolean hasFixingCondition(Map<String, Map<String, List<String>>> conditions) {
        for (Map.Entry<String, Map<String, List<String>>> operator : conditions.entrySet()) {
            String name = operator.getKey().toLowerCase(Locale.ROOT);
            if (!FIXING_OPERATORS.contains(name)) {
                continue; // ...IfExists, negated operators and set operators fix nothing
            }
            for (Map.Entry<String, List<String>> key : operator.getValue().entrySet()) {
                String keyName = key.getKey().toLowerCase(Locale.ROOT);
                if (FIXING_KEYS.contains(keyName) && !key.getValue().isEmpty()
                        && key.getValue().stream().allMatch(value -> isFixed(keyName, value))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isFixed(String key, String value) {
        if (Glob.hasWildcard(value)) {
            return false;
        }
        if (key.equals("aws:sourceip")) {
            int slash = value.indexOf('/');
            if (slash >= 0) {
                try {
                    return Integer.parseInt(value.substring(slash + 1)) > 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
