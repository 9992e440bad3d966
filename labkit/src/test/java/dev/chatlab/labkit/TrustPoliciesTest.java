package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The trust policies students write in step 4, and the ones IAM would not let Lambda use. */
class TrustPoliciesTest {

    private static final String LAMBDA = "lambda.amazonaws.com";

    @Test
    void consoleTrustPolicy_isAccepted() {
        assertTrue(TrustPolicies.allowsServiceToAssume("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
                """, LAMBDA));
    }

    @Test
    void singleStatementObject_listsOfServicesAndActions_andActionCase_areAccepted() {
        assertTrue(TrustPolicies.allowsServiceToAssume("""
                {"Statement":{"Effect":"Allow","Principal":{"Service":["edgelambda.amazonaws.com","lambda.amazonaws.com"]},
                 "Action":["sts:TagSession","STS:assumeRole"]}}
                """, LAMBDA));
    }

    @Test
    void otherService_isRefused() {
        assertFalse(TrustPolicies.allowsServiceToAssume("""
                {"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}
                """, LAMBDA));
    }

    @Test
    void serviceNamedOnlyInSid_isRefused() {
        assertFalse(TrustPolicies.allowsServiceToAssume("""
                {"Statement":[{"Sid":"lambda.amazonaws.com","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}
                """, LAMBDA));
    }

    @Test
    void denyForTheService_winsOverAllow() {
        assertFalse(TrustPolicies.allowsServiceToAssume("""
                {"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"},
                              {"Effect":"Deny","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
                """, LAMBDA));
    }

    @Test
    void otherAction_orMalformedJson_isRefused() {
        assertFalse(TrustPolicies.allowsServiceToAssume("""
                {"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}
                """, LAMBDA));
        assertFalse(TrustPolicies.allowsServiceToAssume("{\"Statement\": [", LAMBDA));
    }

    @Test
    void trustedPrincipals_namesEveryPrincipalAnAllowHandsTheRoleTo() {
        assertEquals(List.of("lambda.amazonaws.com", "ec2.amazonaws.com", "AWS: arn:aws:iam::123456789012:root"), TrustPolicies.trustedPrincipals("""
                {"Statement":[{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","ec2.amazonaws.com"]},"Action":"sts:AssumeRole"},
                              {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["sts:AssumeRole"]},
                              {"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"sts:TagSession"},
                              {"Effect":"Deny","Principal":{"Service":"edgelambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
                """));
        assertEquals(List.of("*"), TrustPolicies.trustedPrincipals("""
                {"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:*"}}
                """));
        assertEquals(List.of(), TrustPolicies.trustedPrincipals("not json"));
    }
}
