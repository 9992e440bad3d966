package dev.chatlab.localcloud.services.s3.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.policy.PolicyKind;
import org.junit.jupiter.api.Test;

/** "The meaning of public" from the S3 User Guide's Block Public Access page, case by case. */
class PublicPolicyAnalyzerTest {

    private static boolean isPublic(String principal, String effect, String condition) {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Principal\":" + principal
                + ",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"" + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
        return PublicPolicyAnalyzer.isPublic(PolicyDocument.parse(json, PolicyKind.RESOURCE));
    }

    @Test
    void everyoneWithoutCondition_isPublic() {
        assertTrue(isPublic("\"*\"", "Allow", null));
        assertTrue(isPublic("{\"AWS\":\"*\"}", "Allow", null));
    }

    @Test
    void fixedPrincipal_isNotPublic() {
        assertFalse(isPublic("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", "Allow", null));
        assertFalse(isPublic("{\"Service\":\"cloudfront.amazonaws.com\"}", "Allow", null));
    }

    @Test
    void denyToEveryone_isNotPublic() {
        assertFalse(isPublic("\"*\"", "Deny", null));
    }

    @Test
    void everyoneLimitedToAFixedSourceAccountOrCidr_isNotPublic() {
        assertFalse(isPublic("\"*\"", "Allow", "{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}"));
        assertFalse(isPublic("\"*\"", "Allow", "{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}"));
    }

    @Test
    void everyoneLimitedByAWildcardOrAnUnlistedKey_isPublic() {
        assertTrue(isPublic("\"*\"", "Allow", "{\"StringLike\":{\"aws:SourceVpc\":\"vpc-*\"}}"));
        assertTrue(isPublic("\"*\"", "Allow", "{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}"));
        assertTrue(isPublic("\"*\"", "Allow", "{\"StringEquals\":{\"aws:Referer\":\"https://example.com\"}}"));
    }
}
