package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.policy.MalformedPolicyException;
import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What IAM checks on every policy document it is given, and how it hands documents back. */
final class PolicyDocuments {

    /** Managed policies: 6,144 characters, whitespace not counted. */
    static final int MANAGED_POLICY_SIZE = 6144;
    /** A role's trust policy: 2,048 characters (the default quota). */
    static final int TRUST_POLICY_SIZE = 2048;

    private PolicyDocuments() {
    }

    /** Parses a document as IAM would, turning a grammar error into MalformedPolicyDocument. */
    static PolicyDocument parse(String json, PolicyKind kind) {
        try {
            return PolicyDocument.parse(json, kind);
        } catch (MalformedPolicyException e) {
            throw IamErrors.malformedPolicyDocument(e.getMessage());
        }
    }

    /** Managed policies must be written in the current policy language. */
    static PolicyDocument parseManaged(String json) {
        PolicyDocument document = parse(json, PolicyKind.IDENTITY);
        if (!document.isCurrentVersion()) {
            throw IamErrors.malformedPolicyDocument("Policy document must be version 2012-10-17 or greater.");
        }
        if (size(json) > MANAGED_POLICY_SIZE) {
            throw IamErrors.limitExceeded("Cannot exceed quota for PolicySize: " + MANAGED_POLICY_SIZE);
        }
        return document;
    }

    /** IAM counts a policy's size without its whitespace. */
    static int size(String json) {
        int count = 0;
        for (int i = 0; i < json.length(); i++) {
            if (!Character.isWhitespace(json.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    /**
     * IAM answers policy documents URL-encoded (RFC 3986): the SDK hands them over as they are,
     * so a program decodes them with {@code URLDecoder.decode(doc, UTF_8)}, as on AWS.
     */
    static String encode(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
